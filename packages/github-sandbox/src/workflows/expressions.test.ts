import { UnsupportedFeatureError, WorkflowError } from './errors';
import { compileExpression, evaluateCondition, evaluateString, evaluateValue, type Scope, type StatusState } from './expressions';

const at = { file: '.github/workflows/x.yml', job: 'build', line: 3, column: 9 };
const scope: Scope = {
  contexts: {
    github: { event_name: 'issues', event: { issue: { number: 12, labels: [{ name: 'bug' }, { name: 'factory:ready' }] }, label: null } },
    inputs: { 'dry-run': false, 'issue-number': '' },
    vars: { MODE: 'fast' },
  },
};

const value = (source: string, s: Scope = scope) => evaluateValue(compileExpression(source, at), s);
const text = (source: string, s: Scope = scope) => evaluateString(compileExpression(source, at), s, 'with.x');
const condition = (source: string, status?: StatusState) =>
  evaluateCondition(compileExpression(source, at), { ...scope, ...(status ? { status } : {}) });

describe('expressions', () => {
  it('evaluates the functions GitHub supports in if:', () => {
    expect(value("contains(github.event.issue.labels.*.name, 'factory:ready')")).toBe(true);
    expect(value("contains('Hello', 'ELL')")).toBe(true);
    expect(value("startsWith('factory/12', 'FACTORY/')")).toBe(true);
    expect(value("endsWith('a.yml', '.yml')")).toBe(true);
    expect(value("format('{0}-{1}', 'a', github.event.issue.number)")).toBe('a-12');
    expect(value('join(github.event.issue.labels.*.name)')).toBe('bug,factory:ready');
    expect(value("join(github.event.issue.labels.*.name, ' | ')")).toBe('bug | factory:ready');
    expect(value('toJSON(inputs)')).toBe('{\n  "dry-run": false,\n  "issue-number": ""\n}');
    expect(value('fromJSON(\'{"a": [1, true]}\')')).toEqual({ a: [1, true] });
  });

  it('reads contexts case-insensitively and missing properties as null', () => {
    expect(value('github.EVENT_NAME')).toBe('issues');
    expect(value('github.event.nothing.here')).toBeNull();
    expect(text('github.event.label.name')).toBe('');
  });

  it("coerces as GitHub does: `||` falls back, a boolean input prints as 'false'", () => {
    expect(text("github.event.issue.number || inputs.issue-number || 'pick'")).toBe('12');
    expect(text("inputs.issue-number || 'pick'")).toBe('pick');
    expect(text("inputs.dry-run || 'false'")).toBe('false');
    expect(text('inputs.dry-run')).toBe('false');
    expect(value("1 == '1'")).toBe(true);
  });

  it('answers the status functions from the status it is given', () => {
    const failed: StatusState = { success: false, failure: true, cancelled: false };
    const cancelled: StatusState = { success: true, failure: false, cancelled: true };
    expect(condition('success()')).toBe(true);
    expect(condition('success()', failed)).toBe(false);
    expect(condition('failure()', failed)).toBe(true);
    expect(condition('always()', failed)).toBe(true);
    expect(condition('!cancelled()', cancelled)).toBe(false);
    expect(condition('success()', cancelled)).toBe(false);
  });

  it('refuses an object where a string is expected, naming the place', () => {
    expect(() => text('github.event')).toThrow(new WorkflowError('with.x evaluated to an object, not a string', at));
  });

  it('reports a failing function with the expression and place', () => {
    expect(() => value("fromJSON('{nope')")).toThrow(
      /fromJSON\('\{nope'\) \}\} failed: Error parsing JSON .* \(\.github\/workflows\/x\.yml, job build, line 3, column 9\)$/,
    );
  });

  it('refuses hashFiles at compile time', () => {
    expect(() => compileExpression("hashFiles('**/*.lock')", at)).toThrow(UnsupportedFeatureError);
    expect(() => compileExpression("HASHFILES('x') == ''", at)).toThrow(
      "hashFiles is not supported by the sandbox's workflow runner (.github/workflows/x.yml, job build, line 3, column 9)",
    );
  });

  it('names a syntax error with its place', () => {
    expect(() => compileExpression('github.event_name ==', at)).toThrow(/invalid expression .*line 3, column 9\)$/);
  });

  it('lists the contexts and steps an expression reads', () => {
    const compiled = compileExpression("needs.agent.outputs.writes != '' && steps.builder.outputs.x && steps['other'].outcome", at);
    expect([...compiled.contexts].sort()).toEqual(['needs', 'steps']);
    expect([...compiled.steps].sort()).toEqual(['builder', 'other']);
  });
});
