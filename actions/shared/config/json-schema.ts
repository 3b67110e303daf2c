import { z } from 'zod';
import { FactoryConfigSchema } from './schema';

/**
 * JSON Schema (draft 2020-12) of what a user writes in `.github/factory.yml`: every field
 * optional, with its description and default, so editors (yaml-language-server) complete and
 * document it. The build writes it to schemas/factory.schema.json.
 */
export function configJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(FactoryConfigSchema, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return {
    $schema: schema.$schema,
    title: 'Software Factory configuration',
    ...schema,
  };
}
