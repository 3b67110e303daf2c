import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRedactor } from '../security/redact';
import type { ApplyItem } from '../policy/apply';
import type { Intent } from '../policy/intents';
import { buildRunRecord, recordOutputs, withCodeWrites, writeRunRecord, type RunRecordInput } from './run-record';
import { summaryMarkdown } from './summary';

const SECRET = 'sk-test-very-secret-value-123';
const redactor = createRedactor([SECRET]);

const comment: Intent = { kind: 'comment', target: { type: 'issue', number: 7 }, body: 'Triage notes' };
const labels: Intent = { kind: 'add_labels', target: { type: 'issue', number: 7 }, labels: ['factory:ready'] };

function input(over: Partial<RunRecordInput> = {}): RunRecordInput {
  const applied: ApplyItem[] = [
    { intent: comment, status: 'applied', detail: 'created comment 1 on #7' },
    { intent: labels, status: 'unchanged', detail: '#7 already has factory:ready' },
  ];
  return {
    runId: '4242',
    automation: 'feature-planner',
    trigger: { event: 'issues', action: 'opened' },
    actor: 'alice',
    repo: 'acme/app',
    subject: { type: 'issue', number: 7 },
    startedAt: new Date('2024-05-01T10:00:00Z'),
    finishedAt: new Date('2024-05-01T10:01:05.500Z'),
    model: 'claude-sonnet-4-5',
    turns: 6,
    usage: { input: 12_000, output: 900, cacheRead: 3_000, cacheWrite: 500 },
    costUsd: 0.04213,
    accepted: [comment, labels],
    rejected: [{ intent: { kind: 'comment' }, rule: 'target-not-allowed', reason: '#99 is not a target of this run' }],
    applied,
    toolRefusals: [{ tool: 'run_command', rule: 'command-not-allowed', message: `curl with ${SECRET} is not allowed` }],
    ...over,
  };
}

describe('buildRunRecord', () => {
  it('assembles the record with duration, usage and intents', () => {
    const record = buildRunRecord(input(), redactor);
    expect(record).toMatchObject({
      version: 1,
      runId: '4242',
      trigger: { event: 'issues', action: 'opened' },
      startedAt: '2024-05-01T10:00:00.000Z',
      finishedAt: '2024-05-01T10:01:05.500Z',
      durationMs: 65_500,
      usage: { input: 12_000, output: 900, cacheRead: 3_000, cacheWrite: 500 },
      intents: {
        accepted: [comment, labels],
        rejected: [{ kind: 'comment', rule: 'target-not-allowed', reason: '#99 is not a target of this run' }],
      },
      applied: [
        { kind: 'comment', status: 'applied', summary: 'comment on issue #7', detail: 'created comment 1 on #7' },
        { kind: 'add_labels', status: 'unchanged', summary: 'add labels factory:ready to #7', detail: '#7 already has factory:ready' },
      ],
      outcome: 'success',
    });
  });

  it('redacts secrets anywhere in the record', () => {
    const record = buildRunRecord(input({ accepted: [{ ...comment, body: `leaked ${SECRET}` } as Intent] }), redactor);
    const text = JSON.stringify(record);
    expect(text).not.toContain(SECRET);
    expect(text).toContain('[REDACTED:secret]');
  });

  it('derives the outcome from what happened', () => {
    const failed: ApplyItem = { intent: comment, status: 'failed', detail: 'HTTP 500' };
    const ok: ApplyItem = { intent: labels, status: 'applied', detail: 'added' };
    expect(buildRunRecord(input({ applied: [ok, failed] }), redactor).outcome).toBe('partial');
    expect(buildRunRecord(input({ applied: [failed] }), redactor).outcome).toBe('failed');
    expect(buildRunRecord(input({ applied: [] }), redactor).outcome).toBe('no-op');
    expect(buildRunRecord(input({ applied: [], budgetStop: { reason: 'maxUsd', limit: 2, used: 2.1 } }), redactor).outcome).toBe(
      'budget-stop',
    );
    expect(buildRunRecord(input({ outcome: 'skipped' }), redactor).outcome).toBe('skipped');
  });
});

describe('recordOutputs', () => {
  it('gives step outputs as strings', () => {
    expect(recordOutputs(buildRunRecord(input(), redactor))).toEqual({
      'cost-usd': '0.0421',
      'input-tokens': '15500',
      'output-tokens': '900',
      turns: '6',
      outcome: 'success',
    });
  });
});

describe('summaryMarkdown', () => {
  it('renders a compact table of the run, intents, rejections and refusals', () => {
    const md = summaryMarkdown(buildRunRecord(input(), redactor));
    expect(md).toContain('### feature-planner: success');
    expect(md).toContain('| 4242 | issues.opened | issue #7 | claude-sonnet-4-5 | 6 | 15,500 / 900 | $0.0421 | 1 min 6 s |');
    expect(md).toContain('| comment on issue #7 | applied | created comment 1 on #7 |');
    expect(md).toContain('| comment | target-not-allowed | #99 is not a target of this run |');
    expect(md).toContain('| run_command | command-not-allowed | curl with [REDACTED:secret] is not allowed |');
    expect(md).not.toContain(SECRET);
  });

  it('keeps cells on one line and escapes pipes and HTML', () => {
    const md = summaryMarkdown(
      buildRunRecord(input({ applied: [{ intent: comment, status: 'failed', detail: 'a | b\n<script>x</script>' }] }), redactor),
    );
    expect(md).toContain('| comment on issue #7 | failed | a \\| b &lt;script&gt;x&lt;/script&gt; |');
  });
});

describe('writeRunRecord', () => {
  it('writes redacted JSON through the injected file access', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'run-record-'));
    try {
      const where = path.join(dir, 'record.json');
      // A record built without redaction (e.g. by a caller's mistake) is still cleaned on the way out.
      const raw = buildRunRecord(input({ actor: SECRET }), { redact: (t) => t, redactDeep: (v) => v, learn: () => {} });
      await writeRunRecord(raw, where, { fs: { writeFile: (p, d) => fs.promises.writeFile(p, d) }, redactor });
      const text = fs.readFileSync(where, 'utf8');
      expect(text).not.toContain(SECRET);
      expect(JSON.parse(text)).toMatchObject({ runId: '4242', actor: '[REDACTED:secret]' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('withCodeWrites', () => {
    const push: Intent = { kind: 'push', branch: 'factory/7-x', files: ['src/a.js'] };
    const noWrites = () => buildRunRecord(input({ applied: [] }), redactor);

    it('adds the writes code made after the agent and derives the outcome from all of them', () => {
      const record = withCodeWrites(
        noWrites(),
        { applied: [{ intent: push, status: 'applied', detail: `pushed abc with ${SECRET}` }] },
        redactor,
      );
      expect(record.outcome).toBe('success');
      expect(record.applied).toEqual([
        { kind: 'push', status: 'applied', summary: 'push to factory/7-x (1 file(s))', detail: 'pushed abc with [REDACTED:secret]' },
      ]);
      const partial = withCodeWrites(record, { applied: [{ intent: comment, status: 'failed', detail: 'HTTP 500' }] }, redactor);
      expect(partial.outcome).toBe('partial');
      expect(partial.applied).toHaveLength(2);
    });

    it('keeps rejections, a failed agent and a budget stop', () => {
      const rejected = withCodeWrites(
        noWrites(),
        { applied: [], rejected: [{ intent: push, rule: 'protected-path', reason: 'touches .github/' }] },
        redactor,
      );
      expect(rejected.intents.rejected.at(-1)).toEqual({ kind: 'push', rule: 'protected-path', reason: 'touches .github/' });
      expect(rejected.intents.rejected).toHaveLength(noWrites().intents.rejected.length + 1);
      expect(rejected.outcome).toBe('no-op');
      const agentFailed = buildRunRecord(input({ applied: [], outcome: 'failed' }), redactor);
      expect(withCodeWrites(agentFailed, { applied: [{ intent: comment, status: 'applied', detail: 'ok' }] }, redactor).outcome).toBe(
        'failed',
      );
      const stopped = buildRunRecord(input({ applied: [], budgetStop: { reason: 'maxTurns' } }), redactor);
      expect(withCodeWrites(stopped, { applied: [{ intent: comment, status: 'unchanged', detail: 'same' }] }, redactor).outcome).toBe(
        'budget-stop',
      );
    });
  });
});
