import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError } from '../errors';
import type { PolicyFacts } from './context';
import {
  buildIntentFile,
  evaluateIntentFile,
  parseIntentFile,
  readIntentFile,
  serializeIntentFile,
  writeIntentFile,
  type LivePolicyInputs,
} from './intent-file';
import type { Intent } from './intents';
import { evaluateIntents, RULES } from './policy';
import { fakeRedact, testPolicyContext } from './testing';

const token = `ghp_${'Z'.repeat(36)}`;
const good: Intent = { kind: 'comment', target: { type: 'issue', number: 7 }, body: 'triaged' };
const offTarget: Intent = { kind: 'comment', target: { type: 'issue', number: 99 }, body: 'elsewhere' };
const leaky: Intent = { kind: 'comment', target: { type: 'issue', number: 7 }, body: `token ${token}`, markerKey: 'leak' };

function readOnlyJob(intents: Intent[]) {
  const { config: _c, redact: _r, checkTransition: _t, ...facts } = testPolicyContext();
  const verdicts = evaluateIntents(intents, testPolicyContext());
  return buildIntentFile({ runId: '77', createdAt: new Date('2024-05-01T00:00:00Z'), facts: facts as PolicyFacts, intents, verdicts });
}

const live = (over: Partial<LivePolicyInputs> = {}): LivePolicyInputs => ({
  automation: 'feature-planner',
  config: testPolicyContext().config,
  redact: fakeRedact,
  ...over,
});

describe('intent file (split mode)', () => {
  it('round-trips and the write job re-runs policy to the same verdicts', () => {
    const text = serializeIntentFile(readOnlyJob([good, offTarget]));
    const result = evaluateIntentFile(parseIntentFile(text, 'intents.json'), 'intents.json', live());
    expect(result.accepted).toEqual([good]);
    expect(result.rejected.map((r) => r.rule)).toEqual([RULES.targetNotAllowed]);
  });

  it('ignores the verdicts in the file: a tampered accepted flag changes nothing', () => {
    const file = JSON.parse(serializeIntentFile(readOnlyJob([good, offTarget])));
    expect(file.entries.map((e: { accepted: boolean }) => e.accepted)).toEqual([true, false]);
    file.entries[0].accepted = false;
    file.entries[1].accepted = true;
    delete file.entries[1].rule;
    const result = evaluateIntentFile(parseIntentFile(JSON.stringify(file), 'intents.json'), 'intents.json', live());
    expect(result.accepted).toEqual([good]);
    expect(result.rejected.map((r) => r.intent)).toEqual([offTarget]);
  });

  it('withholds intents that carry a secret: they never reach the file', () => {
    const file = readOnlyJob([good, leaky]);
    const text = serializeIntentFile(file);
    expect(text).not.toContain(token);
    expect(file.withheld).toEqual([{ kind: 'comment', rule: RULES.secretInOutput, reason: expect.any(String) }]);
    expect(evaluateIntentFile(parseIntentFile(text, 'f.json'), 'f.json', live()).withheld).toHaveLength(1);
  });

  it("uses the write job's own facts, and a lowered risk in the file does not lower it", () => {
    const file = readOnlyJob([{ kind: 'request_merge', pr: 8 }]);
    file.facts.automation = 'merge-gate';
    file.facts.risk = 'low';
    const merge = live({ automation: 'merge-gate', facts: { risk: 'high' } });
    expect(evaluateIntentFile(file, 'f.json', merge).rejected.map((r) => r.rule)).toEqual([RULES.mergeRisk]);
    // Fresh facts win: the target list computed by the write job.
    const narrowed = evaluateIntentFile(readOnlyJob([good]), 'f.json', live({ facts: { subject: undefined, allowedTargets: [] } }));
    expect(narrowed.rejected.map((r) => r.rule)).toEqual([RULES.targetNotAllowed]);
  });

  it('refuses a file written for another automation', () => {
    expect(() => evaluateIntentFile(readOnlyJob([good]), 'f.json', live({ automation: 'merge-gate' }))).toThrow(
      /f\.json facts\.automation: expected merge-gate, got feature-planner/,
    );
  });

  it('names the file and the field of an invalid entry', () => {
    const file = JSON.parse(serializeIntentFile(readOnlyJob([good])));
    delete file.entries[0].intent.body;
    file.facts.risk = 'tiny';
    let error: unknown;
    try {
      parseIntentFile(JSON.stringify(file), 'intents.json');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const paths = (error as ConfigError).problems.map((p) => `${p.file}:${p.path}`);
    expect(paths).toEqual(expect.arrayContaining(['intents.json:facts.risk', 'intents.json:entries.0.intent.body']));
  });

  it('reports broken JSON as a ConfigError', () => {
    expect(() => parseIntentFile('{"version":', 'intents.json')).toThrow(ConfigError);
  });

  it('writes and reads through the injected file access', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'intent-file-'));
    try {
      const io = {
        readFile: (p: string) => fs.promises.readFile(p, 'utf8'),
        writeFile: (p: string, d: string) => fs.promises.writeFile(p, d),
      };
      const where = path.join(dir, 'intents.json');
      await writeIntentFile(io, where, readOnlyJob([good]));
      const back = await readIntentFile(io, where);
      expect(back.entries.map((e) => e.intent)).toEqual([good]);
      expect(back.runId).toBe('77');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
