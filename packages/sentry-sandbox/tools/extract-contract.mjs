#!/usr/bin/env node
/**
 * Extract the operations the Sentry sandbox serves from Sentry's dereferenced OpenAPI
 * description (repository getsentry/sentry-api-schema, file openapi-derefed.json) into
 * contract/sentry-openapi-subset.json.
 *
 *   node packages/sentry-sandbox/tools/extract-contract.mjs <path to openapi-derefed.json>
 *
 * The operations are copied unchanged: parameters, request bodies and response schemas,
 * descriptions included.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Path template -> the methods the sandbox serves. */
export const OPERATIONS = {
  '/api/0/organizations/{organization_id_or_slug}/issues/': ['get'],
  '/api/0/organizations/{organization_id_or_slug}/issues/{issue_id}/': ['get', 'put'],
  '/api/0/organizations/{organization_id_or_slug}/issues/{issue_id}/events/{event_id}/': ['get'],
};

export function extract(doc) {
  const paths = {};
  for (const [template, methods] of Object.entries(OPERATIONS)) {
    const item = doc.paths?.[template];
    if (!item) throw new Error(`the description has no path ${template}`);
    paths[template] = {};
    for (const method of methods) {
      if (!item[method]) throw new Error(`the description has no ${method.toUpperCase()} ${template}`);
      paths[template][method] = item[method];
    }
  }
  const text = JSON.stringify(paths);
  if (text.includes('"$ref"')) throw new Error('the source is not dereferenced (found a $ref): use openapi-derefed.json');
  return {
    openapi: doc.openapi,
    info: doc.info,
    'x-source': {
      repository: 'https://github.com/getsentry/sentry-api-schema',
      file: 'openapi-derefed.json',
      note: 'A subset: only the operations the Sentry sandbox serves, copied unchanged. Regenerate with tools/extract-contract.mjs.',
    },
    servers: doc.servers,
    components: { securitySchemes: doc.components?.securitySchemes ?? {} },
    paths,
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const source = process.argv[2];
  if (!source) {
    console.error('usage: extract-contract.mjs <openapi-derefed.json> [output]');
    process.exit(2);
  }
  const out = process.argv[3] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'contract', 'sentry-openapi-subset.json');
  const subset = extract(JSON.parse(fs.readFileSync(source, 'utf8')));
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(subset, null, 2)}\n`);
  const count = Object.values(subset.paths).reduce((n, item) => n + Object.keys(item).length, 0);
  console.log(`wrote ${count} operations to ${path.relative(process.cwd(), out)}`);
}
