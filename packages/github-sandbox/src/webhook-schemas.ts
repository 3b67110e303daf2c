/**
 * Test helper: checks delivered events against GitHub's webhook payload schemas
 * (`@octokit/webhooks-schemas`), by event name and action.
 */
import schema from '@octokit/webhooks-schemas';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { DeliveredEvent } from './events';

let ajv: Ajv | undefined;
const validators = new Map<string, ValidateFunction>();

function validatorFor(key: string): ValidateFunction | undefined {
  if (!ajv) {
    ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema({ ...(schema as object), $id: 'webhooks' });
  }
  const definitions = (schema as { definitions: Record<string, unknown> }).definitions;
  if (!(key in definitions)) return undefined;
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.getSchema(`webhooks#/definitions/${key.replace(/\$/g, '%24')}`)!;
    validators.set(key, validate);
  }
  return validate;
}

/** One message per event that breaks its schema (or has none); empty when all conform. */
export function webhookProblems(events: DeliveredEvent[]): string[] {
  const problems: string[] = [];
  for (const event of events) {
    const action = event.payload.action;
    const key = typeof action === 'string' && event.name !== 'repository_dispatch' ? `${event.name}$${action}` : `${event.name}$event`;
    const validate = validatorFor(key);
    if (!validate) {
      problems.push(`${key}: no such webhook event`);
      continue;
    }
    if (validate(event.payload)) continue;
    const errors = (validate.errors ?? [])
      .slice(0, 40)
      .map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
    problems.push(`${key}: ${errors.join('; ')}`);
  }
  return problems;
}
