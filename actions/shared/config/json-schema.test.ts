import fs from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { configJsonSchema } from './json-schema';

const SHIPPED = path.join(__dirname, '..', '..', '..', '.github', 'factory.yml');

function validator() {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(configJsonSchema());
}

describe('configJsonSchema', () => {
  it('is a draft 2020-12 schema with descriptions and defaults for editors', () => {
    const schema = configJsonSchema() as {
      $schema: string;
      properties: Record<string, { description?: string; properties?: Record<string, { description?: string; default?: unknown }> }>;
    };
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.properties.budgets?.description).toMatch(/Limits per run/);
    expect(schema.properties.budgets?.properties?.maxTurns).toMatchObject({ default: 30, description: 'Maximum model turns per run.' });
  });

  it('accepts the config shipped with this repository', () => {
    const validate = validator();
    const ok = validate(parse(fs.readFileSync(SHIPPED, 'utf8')));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('accepts an empty config and rejects what parseConfig rejects', () => {
    const validate = validator();
    expect(validate({})).toBe(true);
    expect(validate({ budgets: { maxTurns: 'ten' } })).toBe(false);
    expect(validate({ budgets: { maxTurn: 3 } })).toBe(false);
    expect(validate({ risk: { rules: [{ paths: ['a/**'], tier: 'extreme' }] } })).toBe(false);
    expect(validate({ automations: { 'feature-buidler': { enabled: true } } })).toBe(false);
  });
});
