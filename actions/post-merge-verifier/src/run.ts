import { skipped, type AutomationRun } from '../../shared/automation/types';
import { gateEvent } from './gate';
import type { FetchLike } from './smoke';
import { verify } from './verify';

/**
 * The post-merge verifier, as the design's row reads: on a push to the default branch (or the
 * configured deploy workflow's successful run) -> the smoke checks from config, commands in the
 * sandbox and URLs fetched -> a flake retried once, the rest compared with the last verified
 * commit -> one `type:bug priority:p0 source:post-merge` issue per check that this range broke,
 * a comment while it keeps failing, closed once it passes. No model runs.
 */
export function createRun(ports: { fetch: FetchLike }): AutomationRun {
  return async (deps, inputs) => {
    const gate = gateEvent(inputs.event, deps.config);
    if (!gate.ok) return skipped(gate.reason);
    return verify(deps, gate.value, ports.fetch);
  };
}

export const run: AutomationRun = createRun({ fetch: (url, init) => fetch(url, init) });
