/**
 * The automations of the factory. One list, used by the state machine (who may move which
 * label), the config (`automations.<name>`, `budgets.perAutomation.<name>`, `schedules.<name>`)
 * and run records.
 */
export type Automation =
  | 'intake'
  | 'feature-planner'
  | 'feature-builder'
  | 'commands'
  | 'pr-reviewer'
  | 'review-resolver'
  | 'merge-gate'
  | 'pr-shepherd'
  | 'post-merge-verifier'
  | 'incident-responder'
  | 'quality-grader'
  | 'automation-auditor'
  | 'metrics'
  | 'ci-fixer';

export const AUTOMATIONS = [
  'intake',
  'feature-planner',
  'feature-builder',
  'commands',
  'pr-reviewer',
  'review-resolver',
  'merge-gate',
  'pr-shepherd',
  'post-merge-verifier',
  'incident-responder',
  'quality-grader',
  'automation-auditor',
  'metrics',
  'ci-fixer',
] as const satisfies readonly Automation[];

// Compile-time check that the list above names every member of the union.
type Missing = Exclude<Automation, (typeof AUTOMATIONS)[number]>;
const _everyAutomationListed: [Missing] extends [never] ? true : Missing = true;
void _everyAutomationListed;

export function isAutomation(name: string): name is Automation {
  return (AUTOMATIONS as readonly string[]).includes(name);
}
