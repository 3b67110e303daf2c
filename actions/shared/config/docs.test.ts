import fs from 'node:fs';
import path from 'node:path';
import { defaultConfig } from './parse';
import { DEFAULT_PROTECTED_PATHS } from './schema';

const DOCS = path.join(__dirname, '..', '..', '..', 'docs', 'config.md');

/** Dotted paths of every configurable leaf (records keyed by user names are documented as a whole). */
function leafPaths(value: unknown, prefix: string): string[] {
  const wholesale = ['model.prices', 'budgets.perAutomation', 'labels.overrides', 'risk.rules', 'smokeChecks'];
  if (wholesale.includes(prefix) || value === null || typeof value !== 'object' || Array.isArray(value)) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => leafPaths(v, prefix ? `${prefix}.${k}` : k));
}

describe('docs/config.md', () => {
  it('documents every field of the config', () => {
    const docs = fs.readFileSync(DOCS, 'utf8');
    const missing = leafPaths(defaultConfig(), '').filter((p) => !docs.includes(`\`${p}\``) && !docs.includes(`\`${p}.<`));
    expect(missing).toEqual([]);
  });

  it('lists every default protected path', () => {
    const docs = fs.readFileSync(DOCS, 'utf8');
    expect(DEFAULT_PROTECTED_PATHS.filter((glob) => !docs.includes(`\`${glob}\``))).toEqual([]);
  });

  it('documents the optional fields that have no default', () => {
    const docs = fs.readFileSync(DOCS, 'utf8');
    for (const p of ['model.fallback', 'model.baseUrl', 'smokeChecks[].command', 'smokeChecks[].url', 'smokeChecks[].expectStatus']) {
      expect(docs).toContain(`\`${p}\``);
    }
  });
});
