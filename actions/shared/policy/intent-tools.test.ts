import { z } from 'zod';
import { ToolRefusal, type ToolDef } from '../agent/tool';
import { createIntentRecorder, createIntentTools, policyPrecheck } from './intent-tools';
import { INTENT_KINDS } from './intents';
import { RULES } from './policy';
import { testPolicyContext } from './testing';

const toolCtx = { workspace: '.' };

function tool(tools: ToolDef[], name: string): ToolDef {
  const t = tools.find((x) => x.name === name);
  if (!t) throw new Error(`no tool ${name}`);
  return t;
}

/** What the agent loop does: validate with the tool's schema, then run. */
async function call(t: ToolDef, input: unknown) {
  return t.run(t.input.parse(input), toolCtx);
}

describe('createIntentTools', () => {
  it('offers one tool per allowed kind, named after the kind, with JSON Schema inputs without kind', () => {
    const all = createIntentTools(createIntentRecorder(), INTENT_KINDS);
    expect(all.map((t) => t.name).sort()).toEqual([...INTENT_KINDS].sort());
    const some = createIntentTools(createIntentRecorder(), ['comment', 'add_labels']);
    expect(some.map((t) => t.name)).toEqual(['comment', 'add_labels']);
    const schema = z.toJSONSchema(tool(some, 'comment').input) as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(schema.properties).sort()).toEqual(['body', 'markerKey', 'target']);
    expect(schema.required).toEqual(expect.arrayContaining(['target', 'body']));
  });

  it('records intents in order and answers with their number', async () => {
    const recorder = createIntentRecorder();
    const tools = createIntentTools(recorder, INTENT_KINDS);
    await expect(call(tool(tools, 'comment'), { target: { type: 'issue', number: 7 }, body: 'hi' })).resolves.toBe(
      'recorded intent #1 (will be checked by policy)',
    );
    await expect(call(tool(tools, 'add_labels'), { target: { type: 'issue', number: 7 }, labels: ['type:bug'] })).resolves.toBe(
      'recorded intent #2 (will be checked by policy)',
    );
    expect(recorder.pending()).toEqual([
      { kind: 'comment', target: { type: 'issue', number: 7 }, body: 'hi' },
      { kind: 'add_labels', target: { type: 'issue', number: 7 }, labels: ['type:bug'] },
    ]);
  });

  it('refuses invalid input even when the loop did not validate it', async () => {
    const recorder = createIntentRecorder();
    const t = tool(createIntentTools(recorder, ['create_issue']), 'create_issue');
    expect(() => t.input.parse({ title: 'x', body: 'y', dedupeKey: 'has space' })).toThrow();
    let error: unknown;
    try {
      await t.run({ title: 'x', body: 'y', dedupeKey: 'has space' } as never, toolCtx);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ToolRefusal);
    expect((error as ToolRefusal).rule).toBe('invalid-intent');
    expect((error as ToolRefusal).message).toContain('dedupeKey');
    expect(recorder.all()).toEqual([]);
  });

  it('with a policy pre-check, tells the model why at once and records the intent as rejected', async () => {
    const recorder = createIntentRecorder({ precheck: policyPrecheck(testPolicyContext()) });
    const tools = createIntentTools(recorder, INTENT_KINDS);
    let error: unknown;
    try {
      await call(tool(tools, 'comment'), { target: { type: 'issue', number: 99 }, body: 'hi' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ToolRefusal);
    expect((error as ToolRefusal).rule).toBe(RULES.targetNotAllowed);
    expect((error as ToolRefusal).message).toMatch(/^intent #1 rejected by policy rule target-not-allowed: #99/);

    await expect(call(tool(tools, 'comment'), { target: { type: 'issue', number: 7 }, body: 'hi' })).resolves.toMatch(/#2/);
    expect(recorder.all().map((e) => e.status)).toEqual(['rejected', 'pending']);
    expect(recorder.rejected().map((r) => r.rule)).toEqual([RULES.targetNotAllowed]);
    expect(recorder.pending()).toHaveLength(1);
  });

  it('the pre-check sees earlier intents (caps, dedupe keys)', async () => {
    const ctx = testPolicyContext();
    ctx.config = { ...ctx.config, caps: { comment: 1 } };
    const recorder = createIntentRecorder({ precheck: policyPrecheck(ctx) });
    const t = tool(createIntentTools(recorder, ['comment']), 'comment');
    await call(t, { target: { type: 'issue', number: 7 }, body: 'one' });
    await expect(call(t, { target: { type: 'issue', number: 7 }, body: 'two' })).rejects.toMatchObject({ rule: RULES.capExceeded });
  });
});
