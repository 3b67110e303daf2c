import * as fs from 'node:fs';
import * as path from 'node:path';
import { isSecretFile } from '../agent/tools/workspace';

/**
 * Values held by the files of a checkout that hold secrets by convention (`.env`, keys, `.npmrc`,
 * see isSecretFile). The file tools never open these files, but a command the agent may run (the
 * test suite) can read and print them; with these values known to the redactor, they are
 * redacted from command output and transcripts, and a write or push that carries one is refused.
 */

const SKIP_DIRS = new Set(['.git', 'node_modules', '.factory']);
const MAX_DEPTH = 4;
const MAX_FILES = 200;
const MAX_FILE_BYTES = 256 * 1024;
/** Shorter values, plain words, numbers and booleans would be redacted everywhere for nothing. */
const MIN_VALUE_LENGTH = 8;

export function readWorkspaceSecrets(root: string): string[] {
  const values = new Set<string>();
  for (const file of secretFiles(root)) {
    let text: string;
    try {
      const stat = fs.statSync(file);
      if (!stat.isFile() || stat.size > MAX_FILE_BYTES) continue;
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const value of valuesOf(text)) values.add(value);
  }
  return [...values];
}

/** `KEY=value` / `key: value` settings, and the body lines of PEM-style keys. */
export function valuesOf(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith('-----')) continue;
    const setting = /^(?:export\s+)?[A-Za-z_][\w.-]*\s*[=:]\s*(.*)$/.exec(line);
    const rest = setting ? setting[1]! : line.includes('=') ? line.slice(line.lastIndexOf('=') + 1) : line;
    const value = rest.trim().replace(/^(['"])(.*)\1$/, '$2');
    if (worthRedacting(value)) out.push(value);
  }
  return out;
}

function worthRedacting(value: string): boolean {
  if (value.length < MIN_VALUE_LENGTH) return false;
  if (/^[A-Za-z]+$/.test(value) || /^[\d.]+$/.test(value)) return false;
  return !/^(true|false|null|localhost|development|production)$/i.test(value);
}

function secretFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, rel: string, depth: number): void => {
    if (depth > MAX_DEPTH || out.length >= MAX_FILES) return;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) walk(path.join(dir, entry.name), childRel, depth + 1);
      } else if (entry.isFile() && isSecretFile(childRel) && out.length < MAX_FILES) {
        out.push(path.join(dir, entry.name));
      }
    }
  };
  walk(root, '', 0);
  return out;
}
