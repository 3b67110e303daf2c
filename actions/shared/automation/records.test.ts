import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRedactor } from '../security';
import { fileRecordStore } from './records';
import type { RunRecord } from '../record/run-record';

/** Run records are written into the workspace, where repository code ran before: it may have planted links. */
let root: string;
let workspace: string;
let outside: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'factory-records-'));
  workspace = join(root, 'ws');
  outside = join(root, 'outside');
  mkdirSync(workspace);
  mkdirSync(outside);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const store = () =>
  fileRecordStore(join(workspace, '.factory', 'runs'), createRedactor(['sk-ant-secret-0123456789']), { trusted: workspace });
const record = { runId: 'run-1', automation: 'feature-builder' } as unknown as RunRecord;

describe('file record store', () => {
  it('writes the record and the transcript under .factory/runs/<run>/, redacted', async () => {
    const path = (await store().write({ ...record, summary: 'token sk-ant-secret-0123456789' } as unknown as RunRecord))!;
    expect(path).toBe(join(workspace, '.factory', 'runs', 'run-1', 'feature-builder-record.json'));
    expect(readFileSync(path, 'utf8')).not.toContain('sk-ant-secret-0123456789');
    const t = store().transcript('run-1');
    await t.write({ type: 'end', at: 'now', outcome: 'success', stopReason: null });
    expect(readFileSync(join(workspace, '.factory', 'runs', 'run-1', 'transcript.jsonl'), 'utf8')).toContain('"end"');
  });

  it.each([
    ['.factory', () => symlinkSync(outside, join(workspace, '.factory'))],
    ['.factory/runs', () => (mkdirSync(join(workspace, '.factory')), symlinkSync(outside, join(workspace, '.factory', 'runs')))],
    [
      'the run folder',
      () => (
        mkdirSync(join(workspace, '.factory', 'runs'), { recursive: true }),
        symlinkSync(outside, join(workspace, '.factory', 'runs', 'run-1'))
      ),
    ],
  ])('refuses a link planted at %s, and writes nothing outside the workspace', async (_where, plant) => {
    plant();
    await expect(store().write(record)).rejects.toThrow(/symbolic link/);
    expect(() => store().transcript('run-1')).toThrow(/symbolic link/);
    expect(existsSync(join(outside, 'feature-builder-record.json'))).toBe(false);
    expect(existsSync(join(outside, 'run-1'))).toBe(false);
  });

  it('refuses a link planted at the record file itself (O_NOFOLLOW)', async () => {
    const target = join(outside, 'victim');
    writeFileSync(target, 'untouched');
    mkdirSync(join(workspace, '.factory', 'runs', 'run-1'), { recursive: true });
    symlinkSync(target, join(workspace, '.factory', 'runs', 'run-1', 'feature-builder-record.json'));
    await expect(store().write(record)).rejects.toThrow();
    symlinkSync(target, join(workspace, '.factory', 'runs', 'run-1', 'transcript.jsonl'));
    expect(() => store().transcript('run-1').write({ type: 'end', at: 'now', outcome: 'x', stopReason: null })).toThrow();
    expect(readFileSync(target, 'utf8')).toBe('untouched');
  });
});
