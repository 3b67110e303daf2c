import { policyContextFor, type RunFacts } from '../../shared/automation/policy-context';
import type { AutomationDeps } from '../../shared/automation/types';
import type { PullRequest, ReviewThreadComment } from '../../shared/github/types';
import { evaluateIntents, FACTORY_BRANCH_PREFIX, type Intent, type IntentKind, type PolicyContext } from '../../shared/policy';
import { trustLevel } from '../../shared/state';
import type { ThreadRules } from './threads';
import { isAssistBranch } from './gate';
import { AUTOMATION_SPECS } from '../../shared/registry';

/** What policy knows about a round, computed by code before the agent runs. */

export const AUTOMATION = 'review-resolver';
export const THREAD_KINDS: IntentKind[] = ['reply_to_thread', 'resolve_thread'];
/** What code writes after the agent: the push, the thread intents and the review label. */
const CODE_KINDS: IntentKind[] = [...AUTOMATION_SPECS['review-resolver'].intents];

/** Who may ask the factory for work in a thread: trusted associations, and bots listed by exact login (the gate's trust rule). */
export function threadRules(deps: AutomationDeps): ThreadRules {
  const { config } = deps;
  return {
    botLogin: config.trust.botLogin,
    isTrusted: (c: ReviewThreadComment) => trustLevel(c.author, c.authorAssociation, config) === 'trusted',
  };
}

/** The policy context of a round on this pull request; the thread facts are computed by code (threads.ts). */
export function policyContext(
  deps: AutomationDeps,
  pr: PullRequest,
  threads: PolicyContext['threads'],
  defaultBranch: string,
): PolicyContext {
  const botLogin = deps.config.trust.botLogin;
  return policyContextFor(deps, {
    subject: { type: 'pr', number: pr.number, labels: pr.labels, authorLogin: pr.author.login },
    allowedKinds: CODE_KINDS,
    allowedTargets: [pr.number],
    openedByFactory: pr.author.login === botLogin || pr.head.ref.startsWith(FACTORY_BRANCH_PREFIX) ? [pr.number] : [],
    threads,
    risk: 'low',
    defaultBranch,
    ...(isAssistBranch(pr) ? { pushableBranches: [pr.head.ref] } : {}),
  });
}

/** The facts part of a context (what runAgentStep takes). */
export function factsOf(ctx: PolicyContext): RunFacts {
  const { automation: _a, repo: _r, config: _c, redact: _d, checkTransition: _t, ...facts } = ctx;
  return facts;
}

/** Policy again, with the files git computed (the model's list is not trusted). */
export function evaluatePush(ctx: PolicyContext, intent: Intent, files: string[]): string | undefined {
  return evaluateIntents([intent], { ...ctx, diffFiles: files }).rejected[0]?.reason;
}
