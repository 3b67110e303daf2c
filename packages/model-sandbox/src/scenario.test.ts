import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadScenarioFile, nextTurn, outputTokensOf, ScenarioError, SCRIPT_EXHAUSTED_TEXT } from './scenario';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'model-scenario-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

test('the shipped scenario files load', () => {
  expect(loadScenarioFile(path.join(__dirname, '..', 'scenarios', 'compromised.yaml'))).toEqual({
    kind: 'compromised',
    callsPerTurn: 4,
    maxTurns: 40,
  });
  const typo = loadScenarioFile(path.join(__dirname, '..', 'scenarios', 'fix-typo.yaml'));
  expect(typo).toMatchObject({ kind: 'scripted', turns: [{ toolCalls: [{ name: 'read_file' }] }, {}, { text: expect.any(String) }] });
});

test('JSON files load too', () => {
  const file = write('s.json', JSON.stringify({ kind: 'scripted', turns: [{ text: 'hi', stopReason: 'max_tokens' }] }));
  expect(loadScenarioFile(file)).toEqual({ kind: 'scripted', turns: [{ text: 'hi', stopReason: 'max_tokens' }] });
});

test('a bad field is a ScenarioError naming file, line and field', () => {
  const file = write('bad.yaml', 'kind: scripted\nturns:\n  - text: ok\n  - stopReason: finished\n');
  let error: unknown;
  try {
    loadScenarioFile(file);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ScenarioError);
  expect((error as ScenarioError).problems[0]).toMatchObject({ file, line: 4, path: 'turns.1.stopReason' });
});

test('YAML syntax errors and unknown kinds are reported', () => {
  expect(() => loadScenarioFile(write('a.yaml', 'kind: [scripted\n'))).toThrow(ScenarioError);
  expect(() => loadScenarioFile(write('b.yaml', 'kind: friendly\n'))).toThrow(/kind/);
  expect(() => loadScenarioFile(path.join(dir, 'missing.yaml'))).toThrow(/cannot read scenario file/);
});

test('scripted turns answer in order, then a final end_turn text', async () => {
  const req = { model: 'm', max_tokens: 10, messages: [{ role: 'user' as const, content: 'hi' }] };
  const s = { kind: 'scripted' as const, turns: [{ text: 'one' }] };
  expect(await nextTurn(s, req, 0)).toEqual({ text: 'one' });
  expect(await nextTurn(s, req, 1)).toEqual({ text: SCRIPT_EXHAUSTED_TEXT, stopReason: 'end_turn' });
  expect(await nextTurn((_r, { turn }) => ({ text: `t${turn}` }), req, 7)).toEqual({ text: 't7' });
});

test('output tokens: explicit, or chars/4 over text and tool calls, at least 1', () => {
  expect(outputTokensOf({ outputTokens: 42 })).toBe(42);
  expect(outputTokensOf({})).toBe(1);
  expect(outputTokensOf({ text: 'x'.repeat(40) })).toBe(10);
  const call = { name: 'a', input: { b: 1 } };
  expect(outputTokensOf({ toolCalls: [call] })).toBe(Math.ceil(JSON.stringify({ input: { b: 1 }, name: 'a' }).length / 4));
});
