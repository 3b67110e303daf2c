import type { PolicyConfig, PolicyContext, PolicyFacts } from '../policy/context';
import { policyConfigFrom } from '../policy/from-config';
import type { AutomationDeps } from './types';

/** What code computed about a run before the agent ran: PolicyFacts without what the deps already say. */
export type RunFacts = Omit<PolicyFacts, 'automation' | 'repo'>;

/**
 * The policy context of a run: its facts, plus the parts every automation takes from its deps the
 * same way (automation, repository, the policy's view of the config, the redactor).
 */
export function policyContextFor(
  deps: Pick<AutomationDeps, 'automation' | 'config' | 'github' | 'redactor'>,
  facts: RunFacts,
  options: { caps?: PolicyConfig['caps'] } = {},
): PolicyContext {
  const { reader } = deps.github;
  return {
    ...facts,
    automation: deps.automation,
    repo: `${reader.repo.owner}/${reader.repo.repo}`,
    config: policyConfigFrom(deps.config, { defaultBranch: facts.defaultBranch, ...(options.caps ? { caps: options.caps } : {}) }),
    redact: (text) => deps.redactor.redact(text),
  };
}
