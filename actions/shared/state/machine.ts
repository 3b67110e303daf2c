import type { Automation } from './automations';
import {
  APPROVED,
  ASSIST,
  BUILDING,
  CHANGES_REQUESTED,
  DUPLICATE,
  isFactoryLabel,
  labelFamily,
  NEEDS_HUMAN,
  NEEDS_INFO,
  PAUSED,
  PR_OPEN,
  READY,
  REVIEWING,
} from './labels';
import { TIERS, tierRank, type Tier } from '../risk/tiers';

export { AUTOMATIONS, isAutomation, type Automation } from './automations';

/**
 * The label state machine. Labels are states; these tables say which automation may move which
 * label on which subject. Policy rejects any label intent that checkTransition rejects.
 * Humans may change any label by hand; these rules bind the automations only.
 *
 * Issue states (at most one):
 *   (new) -> factory:ready | factory:needs-info | factory:needs-human | duplicate
 *         -> factory:building (claimed) -> factory:pr-open -> closed by merge
 * PR review states (at most one):
 *   factory:reviewing -> factory:changes-requested <-> factory:approved
 * PR risk (at most one, computed by the merge gate): risk:low | risk:medium | risk:high
 */
export type Subject = 'issue' | 'pr';

/** `new` = no state label of the family. */
const NEW = 'new';

type Edge = readonly [from: string, to: string, who: readonly Automation[]];

// prettier-ignore
const ISSUE_EDGES: readonly Edge[] = [
  // from                     to                       who may make the move
  [NEW,                       READY,                   ['feature-planner', 'commands']],
  [NEW,                       NEEDS_INFO,              ['feature-planner']],
  [NEW,                       NEEDS_HUMAN,             ['feature-planner', 'commands']],
  [NEW,                       DUPLICATE,               ['feature-planner']],
  [NEW,                       BUILDING,                ['commands']],
  [NEEDS_INFO,                READY,                   ['feature-planner', 'commands']],
  [NEEDS_INFO,                NEEDS_HUMAN,             ['feature-planner']],
  [NEEDS_INFO,                DUPLICATE,               ['feature-planner']],
  [READY,                     NEEDS_INFO,              ['feature-planner']],
  [READY,                     NEEDS_HUMAN,             ['feature-planner', 'commands']],
  [READY,                     DUPLICATE,               ['feature-planner']],
  [READY,                     BUILDING,                ['feature-builder', 'commands']],
  [READY,                     PR_OPEN,                 ['feature-builder', 'commands']],
  [NEEDS_HUMAN,               READY,                   ['commands']],
  [NEEDS_HUMAN,               BUILDING,                ['commands']],
  [BUILDING,                  PR_OPEN,                 ['feature-builder', 'commands']],
  [BUILDING,                  READY,                   ['feature-builder', 'pr-shepherd']],
  [BUILDING,                  NEEDS_HUMAN,             ['feature-builder', 'commands', 'pr-shepherd']],
  [PR_OPEN,                   READY,                   ['pr-shepherd', 'commands']],
  [PR_OPEN,                   BUILDING,                ['commands']],
  [PR_OPEN,                   NEEDS_HUMAN,             ['pr-shepherd', 'commands']],
  [DUPLICATE,                 NEW,                     ['commands']],
  // `@factory stop` from a trusted person clears the factory's state before pausing.
  [READY,                     NEW,                     ['commands']],
  [NEEDS_INFO,                NEW,                     ['commands']],
  [NEEDS_HUMAN,               NEW,                     ['commands']],
  [BUILDING,                  NEW,                     ['commands']],
  [PR_OPEN,                   NEW,                     ['commands']],
];

// prettier-ignore
const PR_EDGES: readonly Edge[] = [
  [NEW,                         REVIEWING,                   ['pr-reviewer', 'commands']],
  [NEW,                         CHANGES_REQUESTED,           ['pr-reviewer']],
  [NEW,                         APPROVED,                    ['pr-reviewer']],
  [REVIEWING,                   CHANGES_REQUESTED,           ['pr-reviewer']],
  [REVIEWING,                   APPROVED,                    ['pr-reviewer']],
  [CHANGES_REQUESTED,           REVIEWING,                   ['review-resolver', 'pr-reviewer', 'commands']],
  [CHANGES_REQUESTED,           APPROVED,                    ['pr-reviewer']],
  [APPROVED,                    REVIEWING,                   ['pr-reviewer', 'commands']],
  [APPROVED,                    CHANGES_REQUESTED,           ['pr-reviewer', 'pr-shepherd']],
  // `@factory stop` (see ISSUE_EDGES).
  [REVIEWING,                   NEW,                         ['commands']],
  [CHANGES_REQUESTED,           NEW,                         ['commands']],
  [APPROVED,                    NEW,                         ['commands']],
];

/** Risk: anyone listed may raise the tier (or set the first one); only the merge gate lowers or clears it. */
const RISK_RAISERS: readonly Automation[] = ['merge-gate', 'pr-reviewer', 'pr-shepherd', 'post-merge-verifier'];
const RISK_LOWERERS: readonly Automation[] = ['merge-gate'];

/** Type, priority and source labels on issues: who may set (add or remove) them. */
const CLASSIFIERS: readonly Automation[] = ['feature-planner', 'intake', 'incident-responder'];

// prettier-ignore
const EXTRA_CLASSIFIERS: Readonly<Record<string, readonly Automation[]>> = {
  'type:bug':          ['post-merge-verifier'],
  'priority:p0':       ['post-merge-verifier'],
  'source:post-merge': ['post-merge-verifier'],
  'type:chore':        ['quality-grader', 'automation-auditor'],
  'priority:p2':       ['quality-grader', 'automation-auditor'],
  'priority:p3':       ['quality-grader', 'automation-auditor'],
  'source:spec-gap':   ['quality-grader'],
};

interface FlagRule {
  on: readonly Subject[];
  add: readonly Automation[];
  remove: readonly Automation[];
}

/** Labels that are not states. An empty list means humans only. */
// prettier-ignore
const FLAGS: Readonly<Record<string, FlagRule>> = {
  // `@factory stop` from a trusted person pauses; only a person resumes (removes the label).
  // The post-merge verifier opens its revert pull requests paused: a person's to merge, never the gate's.
  [PAUSED]:      { on: ['issue', 'pr'], add: ['commands', 'post-merge-verifier'], remove: [] },
  [ASSIST]:      { on: ['issue', 'pr'], add: [], remove: [] },
  // On pull requests needs-human is an escalation flag; on issues it is a state (ISSUE_EDGES).
  // The shepherd's second look may take it off what it fixed; never off a high-risk one (GUARDS).
  [NEEDS_HUMAN]: { on: ['pr'], add: ['merge-gate', 'pr-shepherd', 'review-resolver', 'pr-reviewer', 'ci-fixer', 'commands'], remove: ['commands', 'pr-shepherd'] },
};

/** The label of the highest risk tier. */
const HIGH_RISK = 'risk:high';

/** Moves a present label forbids. */
// prettier-ignore
const GUARDS: readonly { when: string; automation: Automation; mayNotAdd?: string; mayNotRemove?: string; why: string }[] = [
  { when: ASSIST, automation: 'feature-builder', mayNotAdd: BUILDING, why: `the issue is human-led (${ASSIST})` },
  { when: HIGH_RISK, automation: 'pr-shepherd', mayNotRemove: NEEDS_HUMAN, why: `a ${HIGH_RISK} pull request stays with a person: only a person removes ${NEEDS_HUMAN}` },
];

// ---------------------------------------------------------------------------------------------

export interface TransitionRequest {
  automation: Automation;
  subject: Subject;
  current: string[];
  add?: string[];
  remove?: string[];
  /** Repository labels allowlisted by `labels.extra` (no state; any automation may move them). */
  extraLabels?: readonly string[];
}

export type TransitionResult = { ok: true; next: string[] } | { ok: false; reason: string };

interface Change {
  automation: Automation;
  subject: Subject;
  before: Set<string>;
  after: Set<string>;
  added: string[];
  removed: string[];
}

export function checkTransition(req: TransitionRequest): TransitionResult {
  const add = [...new Set(req.add ?? [])];
  const remove = [...new Set(req.remove ?? [])];
  const both = add.find((l) => remove.includes(l));
  if (both) return fail(`"${both}" is both added and removed`);
  const extra = req.extraLabels ?? [];
  const unknown = [...add, ...remove].find((l) => !isFactoryLabel(l) && !extra.includes(l));
  if (unknown) return fail(`label "${unknown}" is not in the factory's label allowlist (factory labels and labels.extra)`);
  const foreign = [...add, ...remove].find((l) => roleOf(l, req.subject) === 'foreign');
  if (foreign) return fail(`"${foreign}" is not ${req.subject === 'issue' ? 'an issue' : 'a pull request'} label`);

  const before = new Set(req.current);
  const added = add.filter((l) => !before.has(l));
  const removed = remove.filter((l) => before.has(l));
  const next = [...req.current.filter((l) => !removed.includes(l)), ...added];
  if (added.length === 0 && removed.length === 0) return { ok: true, next };

  if (before.has(PAUSED)) {
    return fail(`this ${req.subject} is paused (${PAUSED}): no automation may change its labels until a person removes the label`);
  }
  const change: Change = { automation: req.automation, subject: req.subject, before, after: new Set(next), added, removed };
  const reason =
    checkStates(change) ??
    checkRisk(change) ??
    checkClassification(change) ??
    checkFlags(change) ??
    GUARDS.find(
      (g) =>
        g.automation === req.automation &&
        before.has(g.when) &&
        ((g.mayNotAdd !== undefined && added.includes(g.mayNotAdd)) || (g.mayNotRemove !== undefined && removed.includes(g.mayNotRemove))),
    )?.why;
  return reason ? fail(reason) : { ok: true, next };
}

function fail(reason: string): TransitionResult {
  return { ok: false, reason };
}

type Role = 'state' | 'risk' | 'classification' | 'flag' | 'extra' | 'foreign';

/** What a label means on this subject; `foreign` = it does not belong there. */
function roleOf(label: string, subject: Subject): Role {
  if (FLAGS[label]?.on.includes(subject)) return 'flag';
  const family = labelFamily(label);
  switch (family) {
    case undefined:
      return 'extra';
    case 'issue-state':
      return subject === 'issue' ? 'state' : 'foreign';
    case 'pr-state':
      return subject === 'pr' ? 'state' : 'foreign';
    case 'risk':
      return subject === 'pr' ? 'risk' : 'foreign';
    case 'type':
    case 'priority':
    case 'source':
      return subject === 'issue' ? 'classification' : 'foreign';
    case 'flag':
      return 'foreign';
  }
}

function touched(c: Change, role: Role): string[] {
  return [...c.added, ...c.removed].filter((l) => roleOf(l, c.subject) === role);
}

function exclusive(labels: string[]): string | undefined {
  return labels.length > 1 ? `${labels.map((l) => `"${l}"`).join(' and ')} are mutually exclusive` : undefined;
}

/** Issue states and PR review states: through the edge tables, at most one at a time. */
function checkStates(c: Change): string | undefined {
  if (touched(c, 'state').length === 0) return undefined;
  const edges = c.subject === 'issue' ? ISSUE_EDGES : PR_EDGES;
  const isState = (l: string) => roleOf(l, c.subject) === 'state';
  const from = [...c.before].filter(isState);
  const to = [...c.after].filter(isState);
  const clash = exclusive(to);
  if (clash) return `${clash} ${c.subject} states`;
  const target = to[0] ?? NEW;
  for (const source of from.length > 0 ? from : [NEW]) {
    if (source === target) continue;
    const edge = edges.find(([f, t]) => f === source && t === target);
    if (!edge) return `${c.subject} cannot move from ${source} to ${target}`;
    if (!edge[2].includes(c.automation)) {
      return `${c.automation} may not move ${c.subject} from ${source} to ${target} (allowed: ${edge[2].join(', ')})`;
    }
  }
  return undefined;
}

/** Risk tiers: raising is open to the raisers, lowering or clearing to the merge gate only. */
function checkRisk(c: Change): string | undefined {
  if (touched(c, 'risk').length === 0) return undefined;
  const isRisk = (l: string) => roleOf(l, c.subject) === 'risk';
  const to = [...c.after].filter(isRisk);
  const clash = exclusive(to);
  if (clash) return clash;
  const rank = (labels: string[]) => Math.max(-1, ...labels.map((l) => tierRank(l.slice('risk:'.length) as Tier)));
  const was = rank([...c.before].filter(isRisk));
  const now = rank(to);
  const lowering = now < was;
  const allowed = lowering ? RISK_LOWERERS : RISK_RAISERS;
  if (!allowed.includes(c.automation)) {
    const name = (r: number) => (r < 0 ? 'none' : `risk:${TIERS[r]}`);
    return `${c.automation} may not ${lowering ? 'lower' : 'set'} risk (${name(was)} -> ${name(now)}); allowed: ${allowed.join(', ')}`;
  }
  return undefined;
}

/** Type, priority and source on issues: classifiers only, one per family. */
function checkClassification(c: Change): string | undefined {
  for (const label of touched(c, 'classification')) {
    const verb = c.added.includes(label) ? 'add' : 'remove';
    const who = [...CLASSIFIERS, ...(EXTRA_CLASSIFIERS[label] ?? [])];
    if (!who.includes(c.automation)) return `${c.automation} may not ${verb} "${label}" (allowed: ${who.join(', ')})`;
    const family = labelFamily(label);
    const clash = exclusive([...c.after].filter((l) => labelFamily(l) === family));
    if (clash) return clash;
  }
  return undefined;
}

function checkFlags(c: Change): string | undefined {
  for (const label of touched(c, 'flag')) {
    const verb = c.added.includes(label) ? 'add' : 'remove';
    const who = FLAGS[label]![verb];
    if (!who.includes(c.automation)) {
      return `${c.automation} may not ${verb} "${label}" (${who.length ? `allowed: ${who.join(', ')}` : 'people only'})`;
    }
  }
  return undefined;
}

/** The transition tables, for documentation and the auditor. */
export const TRANSITIONS = {
  issue: ISSUE_EDGES,
  pr: PR_EDGES,
  riskRaisers: RISK_RAISERS,
  riskLowerers: RISK_LOWERERS,
  classifiers: CLASSIFIERS,
  extraClassifiers: EXTRA_CLASSIFIERS,
  flags: FLAGS,
  guards: GUARDS,
} as const;
