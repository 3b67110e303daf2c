import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, parse, validate, type GraphQLSchema } from 'graphql';
import { ALL_DOCUMENTS } from './queries';

// The package exports only an ESM entry, so the schema file is read from node_modules directly.
const schemaPath = path.join(__dirname, '../../../node_modules/@octokit/graphql-schema/schema.graphql');
let schema: GraphQLSchema;

beforeAll(() => {
  // GitHub's published SDL repeats one enterprise field, which strict SDL validation rejects.
  schema = buildSchema(fs.readFileSync(schemaPath, 'utf8'), { assumeValidSDL: true });
});

describe('GraphQL documents against GitHub schema', () => {
  it('ships the documents the layer uses', () => {
    expect(Object.keys(ALL_DOCUMENTS).sort()).toEqual(
      [
        'ADD_THREAD_REPLY',
        'DISABLE_AUTO_MERGE',
        'ENABLE_AUTO_MERGE',
        'ENQUEUE_PULL_REQUEST',
        'ISSUE_CHANGES',
        'LIST_ISSUES_PAGE',
        'LIST_REVIEW_THREADS',
        'LIST_THREAD_COMMENTS',
        'MERGE_QUEUE_ENTRY',
        'RESOLVE_THREAD',
        'SWEEP_ISSUES',
        'SWEEP_PULL_REQUESTS',
      ].sort(),
    );
  });

  it.each(Object.entries(ALL_DOCUMENTS))('%s is valid', (_name, doc) => {
    const errors = validate(schema, parse(doc));
    expect(errors.map((e) => e.message)).toEqual([]);
  });

  it('the validation catches a field GitHub does not have', () => {
    const bad = ALL_DOCUMENTS.RESOLVE_THREAD!.replace('isResolved', 'isResolvedd');
    expect(
      validate(schema, parse(bad))
        .map((e) => e.message)
        .join('\n'),
    ).toMatch(/isResolvedd/);
  });
});
