import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { defineTool } from '../tool';
import { truncateHead, type Untrusted } from './output';
import type { Workspace } from './workspace';
import { listWorkspaceFiles } from './listing';

/** Files larger than this are not read at all. */
const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** The most text read_file returns in one call. */
const MAX_READ_OUTPUT_BYTES = 100 * 1024;
const MAX_LISTED_FILES = 2000;

export function readFileTool(ws: Workspace, untrusted: Untrusted) {
  return defineTool({
    name: 'read_file',
    description:
      'Read a text file in the workspace, with line numbers. Use startLine/endLine (1-based, inclusive) for a part of a large file.',
    input: z.object({
      path: z.string().min(1).describe('Path relative to the workspace root'),
      startLine: z.number().int().min(1).optional(),
      endLine: z.number().int().min(1).optional(),
    }),
    run({ path: p, startLine, endLine }) {
      const abs = ws.resolve(p);
      const rel = ws.relative(abs);
      const stat = statOrThrow(abs, rel);
      if (stat.isDirectory()) throw new Error(`${rel} is a directory; use list_files to see its contents`);
      if (stat.size > MAX_FILE_BYTES) {
        throw new Error(`${rel} is ${stat.size} bytes, over the ${MAX_FILE_BYTES}-byte limit for read_file; use search_code`);
      }
      const data = fs.readFileSync(abs);
      if (data.length === 0) return `${rel} is empty.`;
      if (data.subarray(0, 8000).includes(0)) return `${rel} is a binary file (${data.length} bytes); not shown.`;
      const lines = data.toString('utf8').split('\n');
      if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
      const first = startLine ?? 1;
      const last = Math.min(endLine ?? lines.length, lines.length);
      if (first > lines.length) {
        throw new Error(`startLine ${first} is past the end of ${rel} (${lines.length} lines)`);
      }
      if (last < first) throw new Error(`endLine ${last} is before startLine ${first}`);
      const width = String(last).length;
      const numbered = lines
        .slice(first - 1, last)
        .map((line, i) => `${String(first + i).padStart(width)}\t${line}`)
        .join('\n');
      const body = truncateHead(numbered, MAX_READ_OUTPUT_BYTES, 'pass startLine/endLine to read the rest');
      const header = `${rel} (lines ${first}-${last} of ${lines.length})`;
      return `${header}\n${untrusted(`file ${rel}`, body)}`;
    },
  });
}

export function listFilesTool(ws: Workspace, untrusted: Untrusted) {
  return defineTool({
    name: 'list_files',
    description:
      'List files in the workspace (recursively, honouring .gitignore). Optional path (a directory) and pattern (a glob such as "**/*.ts"; without a slash it matches file names).',
    input: z.object({
      path: z.string().min(1).optional(),
      pattern: z.string().min(1).optional(),
    }),
    run({ path: p, pattern }) {
      const abs = ws.resolve(p ?? '.');
      const rel = ws.relative(abs);
      const stat = statOrThrow(abs, rel);
      if (!stat.isDirectory()) return untrusted('list_files', rel);
      const files = listWorkspaceFiles(ws.root, abs, { pattern, limit: MAX_LISTED_FILES + 1 });
      if (files.length === 0) return `No files under ${rel}${pattern ? ` matching ${pattern}` : ''}.`;
      const shown = files.slice(0, MAX_LISTED_FILES);
      const note = files.length > MAX_LISTED_FILES ? `\n[more than ${MAX_LISTED_FILES} files; narrow with path or pattern]` : '';
      return untrusted('list_files', shown.join('\n')) + note;
    },
  });
}

export function writeFileTool(ws: Workspace) {
  return defineTool({
    name: 'write_file',
    description:
      'Create or overwrite a file in the workspace with the given content. Parent directories are created. Prefer edit_file for changes to existing files.',
    input: z.object({
      path: z.string().min(1),
      content: z.string(),
    }),
    run({ path: p, content }) {
      const abs = ws.assertWritable(p);
      const rel = ws.relative(abs);
      if (rel === '.') throw new Error('path must name a file, not the workspace root');
      const existed = fs.existsSync(abs);
      if (existed && fs.statSync(abs).isDirectory()) throw new Error(`${rel} is a directory`);
      fs.mkdirSync(path.dirname(abs), { recursive: true });
      fs.writeFileSync(abs, content, 'utf8');
      return `${existed ? 'Overwrote' : 'Created'} ${rel} (${Buffer.byteLength(content, 'utf8')} bytes).`;
    },
  });
}

export function editFileTool(ws: Workspace) {
  return defineTool({
    name: 'edit_file',
    description:
      'Replace an exact string in a file. oldString must match the file exactly (whitespace included) and occur once, unless replaceAll is true.',
    input: z.object({
      path: z.string().min(1),
      oldString: z.string().min(1),
      newString: z.string(),
      replaceAll: z.boolean().optional(),
    }),
    run({ path: p, oldString, newString, replaceAll }) {
      const abs = ws.assertWritable(p);
      const rel = ws.relative(abs);
      const stat = statOrThrow(abs, rel);
      if (stat.isDirectory()) throw new Error(`${rel} is a directory`);
      if (oldString === newString) throw new Error('oldString and newString are identical; nothing to change');
      const text = fs.readFileSync(abs, 'utf8');
      const parts = text.split(oldString);
      const count = parts.length - 1;
      if (count === 0) {
        throw new Error(`oldString was not found in ${rel}; read the file and copy the exact text, whitespace and indentation included`);
      }
      if (count > 1 && !replaceAll) {
        throw new Error(`oldString occurs ${count} times in ${rel}; add surrounding lines to make it unique or pass replaceAll`);
      }
      fs.writeFileSync(abs, parts.join(newString), 'utf8');
      return `Edited ${rel}: replaced ${count} occurrence${count === 1 ? '' : 's'}.`;
    },
  });
}

function statOrThrow(abs: string, rel: string): fs.Stats {
  try {
    return fs.statSync(abs);
  } catch {
    throw new Error(`${rel} does not exist`);
  }
}
