import type { FactoryConfig } from '../../shared/config';
import { describeEvent, routeEvent, type ParsedEvent } from '../../shared/events';
import { isAutomationEnabled } from '../../shared/state';

/** The post-merge verifier's gate: pure checks on the event before any request is made. */

export const AUTOMATION = 'post-merge-verifier';

export type Decision<T> = { ok: true; value: T } | { ok: false; reason: string };
const skip = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });

/** The commit to verify, and where its range starts when the event says. */
export interface Target {
  /** The commit on the default branch to verify (the checkout's); absent: the checkout's HEAD (a manual run verifies the default branch's head). */
  sha?: string;
  /** The push's `before`: the range starts there and its verification is the baseline. Absent for a deploy run. */
  before?: string;
  /** What started it, for the log and the check run: `push`, `workflow_run (Deploy)`, `deployment_status (production)`, `workflow_dispatch`. */
  trigger: string;
  /** The default branch. */
  branch: string;
}

type GateConfig = Pick<FactoryConfig, 'killSwitch' | 'automations' | 'smokeChecks' | 'postMerge'>;

const ZERO_SHA = /^0+$/;

export function gateEvent(event: ParsedEvent, config: GateConfig): Decision<Target> {
  if (config.killSwitch) return skip('the kill switch is on (killSwitch: true in .github/factory.yml)');
  if (!isAutomationEnabled(AUTOMATION, config)) return skip(`${AUTOMATION} is disabled (automations.${AUTOMATION}.enabled)`);
  if (event.kind === 'unsupported') return skip(event.reason);
  const route = routeEvent(event, AUTOMATION, { deployEnvironment: config.postMerge.deployEnvironment });
  if (!route.run) return skip(route.reason);
  if (config.smokeChecks.length === 0) return skip('no smoke checks are configured (smokeChecks in .github/factory.yml)');
  switch (event.kind) {
    case 'push': {
      const { after, before, deleted } = event.payload;
      if (deleted || !after || ZERO_SHA.test(after)) return skip(`${event.ref} was deleted`);
      const branch = event.ref.replace(/^refs\/heads\//, '');
      return { ok: true, value: { sha: after, ...(before && !ZERO_SHA.test(before) ? { before } : {}), trigger: 'push', branch } };
    }
    case 'workflow_run': {
      const wanted = config.postMerge.deployWorkflow;
      if (wanted === null) return skip('no deploy workflow is configured (postMerge.deployWorkflow)');
      if (event.workflowName !== wanted) return skip(`workflow "${event.workflowName}" is not the deploy workflow "${wanted}"`);
      const run = event.payload.workflow_run;
      const defaultBranch = event.payload.repository.default_branch;
      if (run.head_branch !== defaultBranch) return skip(`the deploy ran on ${run.head_branch ?? 'no branch'}, not ${defaultBranch}`);
      return { ok: true, value: { sha: run.head_sha, trigger: `workflow_run (${wanted})`, branch: defaultBranch } };
    }
    case 'deployment_status': {
      const defaultBranch = event.payload.repository.default_branch;
      if (event.ref !== defaultBranch && event.ref !== `refs/heads/${defaultBranch}`) {
        return skip(`the deployment is of ${event.ref}, not of the default branch ${defaultBranch}`);
      }
      return { ok: true, value: { sha: event.sha, trigger: `deployment_status (${event.environment})`, branch: defaultBranch } };
    }
    case 'workflow_dispatch': {
      // The workflow checks out the default branch for a manual run: its head is what is verified.
      const defaultBranch = event.payload.repository.default_branch;
      return { ok: true, value: { trigger: 'workflow_dispatch', branch: defaultBranch } };
    }
    default:
      return skip(`${AUTOMATION} verifies pushes and deploys; ${describeEvent(event)} names no commit to verify`);
  }
}
