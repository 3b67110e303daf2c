import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { ConfigError, errorMessage } from '../../actions/shared/errors';

interface ExampleGroup {
  name: string;
  examples: Record<string, unknown>[];
}

let examples: ExampleGroup[] | undefined;

/** GitHub's example webhook payloads (@octokit/webhooks-examples), loaded on first use. */
export function webhookExamples(): ExampleGroup[] {
  if (!examples) {
    // A runtime require: the examples stay in node_modules, outside the bundle.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    examples = require('@octokit/webhooks-examples') as ExampleGroup[];
  }
  return examples;
}

export interface LoadedEvent {
  name: string;
  payload: Record<string, unknown>;
  /** Where it came from, for messages. */
  source: string;
}

/**
 * `--event` takes either a webhook example name, `<event>` or `<event>.<action>` (e.g.
 * `issues.opened`), or a path to a JSON payload (then `--event-name`, or a file named
 * `<event>.json` / `<event>.<action>.json`, gives the event name).
 */
/** What a JSON value is, for messages: "a JSON array", "null", ... */
export function jsonKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a JSON array';
  return `a JSON ${typeof value}`;
}

export function loadEvent(spec: string, eventName?: string): LoadedEvent {
  if (spec.endsWith('.json') || existsSync(spec)) {
    if (!existsSync(spec)) throw new ConfigError(`--event: no such file ${spec}`);
    let payload: unknown;
    try {
      payload = JSON.parse(readFileSync(spec, 'utf8'));
    } catch (e) {
      throw new ConfigError(`--event: ${spec} is not valid JSON: ${errorMessage(e)}`);
    }
    if (!payload || typeof payload !== 'object' || Array.isArray(payload)) {
      throw new ConfigError(`--event: ${spec} holds ${jsonKind(payload)}, not an event object (a webhook payload is one JSON object)`);
    }
    const name = eventName ?? basename(spec).split('.')[0];
    if (!name || name === 'payload' || name === 'event') {
      throw new ConfigError(`--event ${spec}: pass --event-name (e.g. issues) for a payload file`);
    }
    return { name, payload: payload as Record<string, unknown>, source: spec };
  }
  const [name = '', action] = spec.split('.');
  const group = webhookExamples().find((g) => g.name === name);
  if (!group) {
    const known = webhookExamples()
      .map((g) => g.name)
      .sort()
      .join(', ');
    throw new ConfigError(`--event: "${name}" is not a webhook event name or a file; known events: ${known}`);
  }
  const example = action ? group.examples.find((e) => e.action === action) : group.examples[0];
  if (!example) {
    const actions = [...new Set(group.examples.map((e) => String(e.action)))].join(', ');
    throw new ConfigError(`--event: no example of ${name} with action "${action}"; examples have: ${actions}`);
  }
  return { name, payload: structuredClone(example), source: `@octokit/webhooks-examples ${spec}` };
}
