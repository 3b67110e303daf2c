import subset from '../contract/sentry-openapi-subset.json';
// @ts-expect-error: a plain ES module script without type declarations
import { extract, OPERATIONS } from '../tools/extract-contract.mjs';

type Doc = { paths: Record<string, Record<string, unknown>> };
const operations = OPERATIONS as Record<string, string[]>;
const run = extract as (doc: unknown) => Doc & { 'x-source': { repository: string; file: string } };

function description(): Doc & Record<string, unknown> {
  const paths: Doc['paths'] = { '/api/0/other/': { get: { operationId: 'other' } } };
  for (const [template, methods] of Object.entries(operations)) {
    paths[template] = Object.fromEntries([...methods, 'delete'].map((m) => [m, { operationId: `${m} ${template}` }]));
  }
  return { openapi: '3.0.3', info: { title: 'API Reference' }, components: { securitySchemes: {} }, paths };
}

describe('extract-contract', () => {
  it('keeps exactly the served operations, unchanged, and names its source', () => {
    const out = run(description());
    expect(Object.keys(out.paths).sort()).toEqual(Object.keys(operations).sort());
    for (const [template, methods] of Object.entries(operations)) {
      expect(Object.keys(out.paths[template]!)).toEqual(methods);
      expect(out.paths[template]![methods[0]!]).toEqual({ operationId: `${methods[0]} ${template}` });
    }
    expect(out['x-source']).toMatchObject({ repository: 'https://github.com/getsentry/sentry-api-schema', file: 'openapi-derefed.json' });
  });

  it('refuses a description that lacks an operation or is not dereferenced', () => {
    const missing = description();
    delete missing.paths['/api/0/organizations/{organization_id_or_slug}/issues/'];
    expect(() => run(missing)).toThrow(/has no path/);
    const referenced = description();
    referenced.paths['/api/0/organizations/{organization_id_or_slug}/issues/']!.get = { schema: { $ref: '#/components/schemas/X' } };
    expect(() => run(referenced)).toThrow(/not dereferenced/);
  });

  it('produced the packaged subset: the same operations', () => {
    const packaged = subset as unknown as Doc;
    expect(Object.fromEntries(Object.entries(packaged.paths).map(([t, ops]) => [t, Object.keys(ops)]))).toEqual(operations);
  });
});
