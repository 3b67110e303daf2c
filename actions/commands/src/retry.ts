import { findMarkers } from '../../shared/github/markers';
import type { Comment } from '../../shared/github/types';
import { checkTransition, isAutomation, NEEDS_HUMAN, READY, type Automation } from '../../shared/state';
import { stateDepsFor } from '../../shared/automation/subject-state';
import { answer, resetCounter, startAutomation, type CommandContext, type CommandOutcome } from './context';

/**
 * `@factory retry`: the automation that gave up on this issue or pull request gets another go.
 * The escalation (factory:needs-human) is cleared through the state machine, that automation's
 * attempt counter is reset, and it is started again (workflow_dispatch when no App token would).
 */

/**
 * What a retry restarts, per automation that escalates: its attempt counter, and the automation
 * whose workflow takes the subject up again (default: itself, by workflow_dispatch).
 */
export const RETRYABLE: Partial<Record<Automation, { counter?: string; startedBy?: Automation }>> = {
  'feature-builder': { counter: 'build' },
  'review-resolver': { counter: 'resolve-round' },
  // The CI fixer runs on a failed CI run only (it has no workflow_dispatch): the shepherd takes the pull request up again.
  'ci-fixer': { counter: 'ci-fix', startedBy: 'pr-shepherd' },
  'pr-shepherd': {},
};

/** The automation whose needs-human comment is the most recent (its marker is `<!-- factory:AUTOMATION:needs-human -->`). */
export function escalatedBy(comments: readonly Comment[], botLogin: string): Automation | undefined {
  const found = comments
    .filter((c) => c.author.login === botLogin)
    .flatMap((c) =>
      findMarkers(c.body)
        .filter((m) => m.key === 'needs-human')
        .map((m) => ({ kind: m.kind, at: c.updatedAt })),
    )
    .sort((a, b) => a.at.localeCompare(b.at))
    .pop();
  return found && isAutomation(found.kind) ? found.kind : undefined;
}

export async function retry(ctx: CommandContext): Promise<CommandOutcome> {
  const { deps, subject } = ctx;
  const n = subject.number;
  if (!subject.labels.includes(NEEDS_HUMAN)) {
    return answer('no-op', `Nothing to retry: #${n} is not waiting for a person (\`${NEEDS_HUMAN}\`).`);
  }
  const state = stateDepsFor(deps);
  const who =
    escalatedBy(await deps.github.reader.listComments(n), state.botLogin) ?? (subject.type === 'issue' ? 'feature-builder' : undefined);
  const retryable = who ? RETRYABLE[who] : undefined;

  // Issues move back to factory:ready (the builder's queue); on pull requests needs-human is a flag.
  const add = subject.type === 'issue' ? [READY] : [];
  const { automation, extraLabels } = state;
  const move = checkTransition({ automation, subject: subject.type, current: subject.labels, add, remove: [NEEDS_HUMAN], extraLabels });
  if (!move.ok) return answer('refused', `Could not retry: ${move.reason}.`, [move.reason]);
  if (deps.dryRun) return answer('completed', `[dry-run] would clear \`${NEEDS_HUMAN}\` on #${n} and restart ${who ?? 'the automation'}.`);

  if (add.length) await deps.github.writer.addLabels(n, add);
  await deps.github.writer.removeLabel(n, NEEDS_HUMAN);
  const moved = `moved #${n}: -${NEEDS_HUMAN}${add.length ? ` +${add.join(' +')}` : ''}`;
  const counter = retryable?.counter ? await resetCounter(ctx, retryable.counter) : [];
  const started = retryable && who ? await restart(ctx, retryable.startedBy ?? who) : { details: [] };
  const lines = [
    `Retrying: cleared \`${NEEDS_HUMAN}\` on #${n}${add.length ? ` and moved it to \`${READY}\`` : ''}.`,
    who ? `${who} gets a fresh set of attempts.` : '',
    started.line ?? (who ? `${who} picks it up on its next trigger.` : 'The next factory event picks it up.'),
  ].filter(Boolean);
  return answer('completed', lines.join('\n'), [moved, ...counter, ...started.details]);
}

/**
 * Start the automation's workflow when the label change alone would not (events caused by
 * GITHUB_TOKEN start nothing): the line for the reply when it started, and what was done.
 */
async function restart(ctx: CommandContext, automation: Automation): Promise<{ line?: string; details: string[] }> {
  const { deps, subject } = ctx;
  const labelStarts = subject.type === 'issue' && deps.appToken;
  if (labelStarts || !deps.config.chaining.dispatchWhenNoAppToken) return { details: [] };
  const started = await startAutomation(ctx, automation);
  return started.ok ? { line: started.line, details: started.details } : { details: started.details };
}
