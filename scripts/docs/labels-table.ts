import { FACTORY_LABELS, type LabelFamily } from '../../actions/shared/state/labels';
import { TRANSITIONS, type Automation } from '../../actions/shared/state/machine';

/**
 * The label reference's table (docs/labels.md), generated from the label list
 * (actions/shared/state/labels.ts) and the state machine's tables (actions/shared/state/machine.ts).
 * test/docs/labels.test.ts fails when the page and this differ.
 */

const NEW = 'new';

const FAMILY: Record<LabelFamily, string> = {
  'issue-state': 'issue state',
  'pr-state': 'pull request state',
  flag: 'flag',
  risk: 'risk tier (pull requests)',
  priority: 'priority (issues)',
  type: 'type (issues)',
  source: 'source (issues)',
};

function list(who: readonly string[]): string {
  const unique = [...new Set(who)].sort();
  return unique.length ? unique.map((w) => `\`${w}\``).join(', ') : 'people only';
}

function edgesInto(edges: readonly (readonly [string, string, readonly Automation[]])[], label: string): Automation[] {
  return edges.filter(([from, to]) => to === label && from !== label).flatMap(([, , who]) => who);
}

function edgesOutOf(edges: readonly (readonly [string, string, readonly Automation[]])[], label: string): Automation[] {
  return edges.filter(([from, to]) => from === label && to !== label).flatMap(([, , who]) => who);
}

/** Who (which automations) may add and remove a label, from the machine's tables. */
export function labelActors(name: string, family: LabelFamily): { add: string; remove: string } {
  const t = TRANSITIONS;
  const flag = (t.flags as Record<string, { on: readonly string[]; add: readonly string[]; remove: readonly string[] }>)[name];
  switch (family) {
    case 'issue-state': {
      const add = `issues: ${list(edgesInto(t.issue, name))}`;
      const remove = `issues: ${list(edgesOutOf(t.issue, name))}`;
      if (flag) return { add: `${add}; pull requests: ${list(flag.add)}`, remove: `${remove}; pull requests: ${list(flag.remove)}` };
      return { add, remove };
    }
    case 'pr-state':
      return { add: list(edgesInto(t.pr, name)), remove: list(edgesOutOf(t.pr, name)) };
    case 'flag':
      return { add: list(flag?.add ?? []), remove: list(flag?.remove ?? []) };
    case 'risk':
      return { add: `${list(t.riskRaisers)} (raise only)`, remove: `${list(t.riskLowerers)} (lowers or clears)` };
    case 'priority':
    case 'type':
    case 'source': {
      const who = [...t.classifiers, ...((t.extraClassifiers as Record<string, readonly Automation[]>)[name] ?? [])];
      return { add: list(who), remove: list(who) };
    }
  }
}

export function labelsTable(): string {
  const rows = FACTORY_LABELS.map((l) => {
    const { add, remove } = labelActors(l.name, l.family);
    return `| \`${l.name}\` | ${FAMILY[l.family]} | \`#${l.color}\` | ${l.description} | ${add} | ${remove} |`;
  });
  return [
    '| label | kind | colour | meaning (GitHub description) | automations that may add it | automations that may remove it |',
    '|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

/** Edges that move an issue back to no state (`new`): what `@factory stop` may clear. */
export function clearedBy(subject: 'issue' | 'pr'): string[] {
  const edges = subject === 'issue' ? TRANSITIONS.issue : TRANSITIONS.pr;
  return edges.filter(([, to]) => to === NEW).map(([from]) => from);
}
