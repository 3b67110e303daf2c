import { checkTransition, labelFamily, makeReleasedBody, NEEDS_HUMAN, parseClaim, PAUSED } from '../../shared/state';
import { answer, type CommandContext, type CommandOutcome } from './context';

/**
 * `@factory stop`: the factory lets go of this issue or pull request. Its workflow labels
 * (states and needs-human) are removed, its live claims released, and `factory:paused` added;
 * from then on every automation skips it until a person removes the label.
 */

/** Labels that say where the factory is with its work (not risk or classification, which are facts). */
const WORKFLOW_FAMILIES = new Set(['issue-state', 'pr-state']);

export function workflowLabels(labels: readonly string[]): string[] {
  return labels.filter((l) => WORKFLOW_FAMILIES.has(labelFamily(l) ?? '') || l === NEEDS_HUMAN);
}

/** The one state-machine move of a stop: remove what the machine lets commands remove, add the pause. */
export function planStop(
  subject: 'issue' | 'pr',
  labels: readonly string[],
  extraLabels: readonly string[],
): { remove: string[]; kept: { label: string; reason: string }[]; addPause: boolean } {
  const addPause = !labels.includes(PAUSED);
  const candidates = workflowLabels(labels);
  const base = { automation: 'commands' as const, subject, extraLabels };
  if (!addPause) return { remove: [], kept: candidates.map((label) => ({ label, reason: 'already paused' })), addPause };
  const remove: string[] = [];
  const kept: { label: string; reason: string }[] = [];
  for (const label of candidates) {
    const move = checkTransition({ ...base, current: [...labels], remove: [...remove, label] });
    if (move.ok) remove.push(label);
    else kept.push({ label, reason: move.reason });
  }
  return { remove, kept, addPause };
}

export async function stop(ctx: CommandContext): Promise<CommandOutcome> {
  const { deps, subject } = ctx;
  const { writer, reader } = deps.github;
  const details: string[] = [];
  const plan = planStop(subject.type, subject.labels, deps.config.labels.extra);
  const final = checkTransition({
    automation: 'commands',
    subject: subject.type,
    current: subject.labels,
    remove: plan.remove,
    ...(plan.addPause ? { add: [PAUSED] } : {}),
    extraLabels: deps.config.labels.extra,
  });
  if (!final.ok) return answer('refused', `Could not stop: ${final.reason}.`, [final.reason]);

  const released: string[] = [];
  if (!deps.dryRun) {
    // Labels first: once paused, no automation may change them.
    for (const label of plan.remove) await writer.removeLabel(subject.number, label);
    if (plan.addPause) await writer.addLabels(subject.number, [PAUSED]);
    const bot = deps.config.trust.botLogin;
    for (const c of await reader.listComments(subject.number)) {
      const claim = c.author.login === bot ? parseClaim(c.body) : undefined;
      if (!claim || claim.releasedAt) continue;
      await writer.updateComment(c.id, makeReleasedBody(claim, deps.clock.now()));
      released.push(`${claim.owner} (run ${claim.runId})`);
    }
  }
  details.push(
    ...plan.remove.map((l) => `removed ${l}`),
    ...(plan.addPause ? [`added ${PAUSED}`] : []),
    ...released.map((c) => `released the claim of ${c}`),
  );
  const lines = [
    plan.addPause
      ? `Stopped: the factory will not touch #${subject.number} while it is labelled \`${PAUSED}\`.`
      : `#${subject.number} was already paused.`,
    ...(plan.remove.length ? [`Removed: ${plan.remove.map((l) => `\`${l}\``).join(', ')}.`] : []),
    ...(released.length ? [`Released the claim of ${released.join(', ')}.`] : []),
    ...plan.kept.filter((k) => k.reason !== 'already paused').map((k) => `Kept \`${k.label}\`: ${k.reason}.`),
    '',
    `Remove \`${PAUSED}\` to hand it back to the factory.`,
  ];
  return answer('completed', lines.join('\n'), details);
}
