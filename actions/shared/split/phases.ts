import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AutomationDeps, AutomationResult, AutomationRun, RunInputs } from '../automation/types';
import { ConfigError, errorDetail, errorMessage, isConfigError } from '../errors';
import { openGit, type GitPort } from '../git';
import type { GitHubWriter } from '../github/types';
import { buildIntentFile } from '../policy/intent-file';
import {
  ARTIFACT_FILE,
  BUNDLE_FILE,
  parseArtifact,
  serializeArtifact,
  SPLIT_ARTIFACT_VERSION,
  SPLIT_WRITES,
  type SplitArtifact,
  type SplitWrite,
} from './artifact';
import { createBundle, importBundle, revParse, splitRunner } from './bundle';
import { createRecorder, recordingDeps } from './recorder';
import { checkoutAt, verifyArtifact, type SplitProblem, type VerifiedPlan } from './verify';

/**
 * Split mode, end to end: `runAgentPhase` runs the automation in the agent job with recording
 * writes and leaves the artifact (split.json + changes.bundle) in a folder for
 * actions/upload-artifact; `runApplyPhase` in the write job (no model key) verifies the
 * downloaded artifact against a fresh checkout and GitHub as it is now, and only then replays
 * the writes through the real writer and git.
 */

export interface SplitOptions {
  /** Folder of the artifact: written by the agent job, read by the apply job. */
  dir: string;
  /** The workflow run both jobs belong to (GITHUB_RUN_ID). */
  workflowRunId: string;
}

export type SplitResult = AutomationResult & {
  writes: number;
  /** The apply job refused the agent job's artifact: the step fails, naming these. */
  problems?: SplitProblem[];
};

export function splitsByDefault(automation: AutomationDeps['automation']): boolean {
  return SPLIT_WRITES[automation] !== undefined;
}

function assertSplit(automation: AutomationDeps['automation']): void {
  if (!splitsByDefault(automation)) {
    throw new ConfigError(`input "phase": ${automation} writes no code and runs in one job; use phase: single`);
  }
}

export async function runAgentPhase(run: AutomationRun, deps: AutomationDeps, inputs: RunInputs, opts: SplitOptions): Promise<SplitResult> {
  assertSplit(deps.automation);
  const { reader } = deps.github;
  const defaultBranch = (await reader.getRepository()).defaultBranch;
  const raw = splitRunner(deps.workspace, deps.env);
  const baseSha = await revParse(raw, `refs/remotes/origin/${defaultBranch}`).catch(() => revParse(raw, 'HEAD'));
  const recorder = createRecorder({ reader, botLogin: deps.config.trust.botLogin, now: () => deps.clock.now() });
  let reported: AutomationResult;
  try {
    reported = await run(recordingDeps(deps, recorder, defaultBranch), inputs);
  } catch (e) {
    // The user's mistake is reported as such; nothing the run recorded is applied.
    if (isConfigError(e)) throw e;
    // A bug: the run fails, but what it recorded (its escalation: needs-human and the reason)
    // still goes to the apply job.
    reported = { outcome: 'failed', summary: errorMessage(e), details: [errorDetail(e)], records: [] };
  }
  if (!deps.dryRun) await writeArtifact(deps, recorder, { defaultBranch, baseSha, result: reported, opts, raw });
  const writes = deps.dryRun ? 0 : recorder.writes.length;
  // What the apply job creates has no number yet: the run's own lines say so instead of `#-3`.
  const unnumbered = (line: string) => line.replace(/#-\d+\b/g, '#(new)');
  return {
    ...reported,
    summary: `${unnumbered(reported.summary)} (agent job: ${writes} write(s) left for the apply job)`,
    details: reported.details.map(unnumbered),
    writes,
  };
}

async function writeArtifact(
  deps: AutomationDeps,
  recorder: ReturnType<typeof createRecorder>,
  ctx: { defaultBranch: string; baseSha: string; result: AutomationResult; opts: SplitOptions; raw: ReturnType<typeof splitRunner> },
): Promise<void> {
  fs.mkdirSync(ctx.opts.dir, { recursive: true });
  const shas = recorder.writes.flatMap((w) => (w.method === 'push' ? [w.sha] : []));
  await createBundle(ctx.raw, shas, path.join(ctx.opts.dir, BUNDLE_FILE));
  const { reader } = deps.github;
  const artifact: SplitArtifact = {
    version: SPLIT_ARTIFACT_VERSION,
    automation: deps.automation,
    repo: `${reader.repo.owner}/${reader.repo.repo}`,
    workflowRunId: ctx.opts.workflowRunId,
    runId: deps.runId,
    createdAt: deps.clock.now().toISOString(),
    base: { branch: ctx.defaultBranch, sha: ctx.baseSha },
    writes: recorder.writes,
    steps: recorder.steps.map((s) =>
      buildIntentFile({ runId: deps.runId, createdAt: deps.clock.now(), facts: s.facts, intents: s.intents, verdicts: s.verdicts }),
    ),
    result: {
      outcome: ctx.result.outcome,
      summary: ctx.result.summary.replace(/#-\d+\b/g, '#(new)'),
      details: ctx.result.details.slice(0, 50),
    },
  };
  // Artifacts can be downloaded by anyone who can read the repository: nothing secret goes in.
  const clean = deps.redactor.redactDeep(artifact) as SplitArtifact;
  fs.writeFileSync(path.join(ctx.opts.dir, ARTIFACT_FILE), serializeArtifact(clean));
}

/** Thrown when the artifact was refused: the problems name their rules. */
export class SplitRefusal extends Error {
  override readonly name = 'SplitRefusal';
  constructor(readonly problems: SplitProblem[]) {
    super(`the apply job refused the agent job's artifact: ${problems.map((p) => `${p.rule} at ${p.at}`).join('; ')}`);
  }
}

export async function runApplyPhase(deps: AutomationDeps, inputs: RunInputs, opts: SplitOptions): Promise<SplitResult> {
  assertSplit(deps.automation);
  const file = path.join(opts.dir, ARTIFACT_FILE);
  if (!fs.existsSync(file)) {
    return {
      outcome: 'no-op',
      summary: `no artifact from the agent job at ${file}: nothing to apply`,
      details: [],
      records: [],
      writes: 0,
    };
  }
  const artifact = parseArtifact(fs.readFileSync(file, 'utf8'), ARTIFACT_FILE);
  const { reader, writer } = deps.github;
  const repository = await reader.getRepository();
  const defaultBranch = repository.defaultBranch;
  const raw = splitRunner(deps.workspace, deps.env);
  const openBase =
    deps.git ?? ((o?: { extraBranches?: string[] }) => openGit({ root: deps.workspace, defaultBranch, env: deps.env, ...(o ?? {}) }));
  const probe = openBase();
  await probe.fetch();
  const bundleProblem = await importBundle(raw, path.join(opts.dir, BUNDLE_FILE));
  const verified = bundleProblem
    ? { problems: [{ rule: 'bundle' as const, at: 'bundle', reason: bundleProblem }], plan: undefined }
    : await verifyArtifact(artifact, {
        automation: deps.automation,
        repo: repository.fullName,
        workflowRunId: opts.workflowRunId,
        config: deps.config,
        redactor: deps.redactor,
        reader,
        git: probe,
        raw,
        defaultBranch,
        event: inputs.event,
        ...(inputs.issueNumber !== undefined ? { issueNumber: inputs.issueNumber } : {}),
        ...(deps.env.GITHUB_SERVER_URL ? { serverUrl: deps.env.GITHUB_SERVER_URL } : {}),
        now: deps.clock.now(),
      });
  const details = [`agent job: ${artifact.result.outcome}: ${artifact.result.summary}`];
  if (verified.problems.length > 0 || !verified.plan) {
    for (const p of verified.problems) deps.logger.error(`refused ${p.at} [${p.rule}]: ${p.reason}`);
    const refusal = new SplitRefusal(verified.problems);
    return {
      outcome: 'refused',
      summary: `${refusal.message}; nothing was written`,
      details: [...details, ...verified.problems.map((p) => `refused ${p.at} [${p.rule}]: ${p.reason}`)],
      records: [],
      writes: 0,
      problems: verified.problems,
    };
  }
  const plan = verified.plan;
  if (deps.dryRun) {
    const would = artifact.writes.map((w, i) => `[dry-run] would ${w.method} (writes.${i})`);
    return {
      outcome: 'completed',
      summary: `the artifact passed every check; dry run: ${artifact.writes.length} write(s) not made`,
      details: [...details, ...would],
      records: [],
      writes: 0,
    };
  }
  const git = plan.extraBranches.length ? openBase({ extraBranches: plan.extraBranches }) : probe;
  const done = await replay(artifact.writes, { writer, git, plan, deps, details });
  // The run's outcome is the agent job's (a build that ended with needs-human stays `refused`),
  // unless writing failed here.
  const outcome: AutomationResult['outcome'] = done.error ? 'failed' : artifact.writes.length === 0 ? 'no-op' : artifact.result.outcome;
  return {
    outcome,
    summary: done.error
      ? `replayed ${done.count} of ${artifact.writes.length} write(s), then: ${done.error}`
      : `applied ${done.count} write(s) of the agent job${done.pullRequest ? `; pull request #${done.pullRequest}` : ''}`,
    details,
    records: [],
    writes: done.count,
  };
}

const BEST_EFFORT = new Set<SplitWrite['method']>(['requestReviewers', 'dispatchWorkflow', 'addReaction']);

interface ReplayCtx {
  writer: GitHubWriter;
  git: GitPort;
  plan: VerifiedPlan;
  deps: AutomationDeps;
  details: string[];
}

async function replay(writes: SplitWrite[], ctx: ReplayCtx): Promise<{ count: number; error?: string; pullRequest?: number }> {
  const { writer, git, plan, deps, details } = ctx;
  const ids = new Map<number, number>();
  const real = (n: number): number => (n > 0 ? n : (ids.get(n) ?? n));
  const text = (i: number, field: string, fallback: string): string => plan.texts.get(i)?.[field] ?? fallback;
  let count = 0;
  let pullRequest: number | undefined;
  for (let i = 0; i < writes.length; i++) {
    const w = writes[i]!;
    try {
      switch (w.method) {
        case 'addLabels':
          await writer.addLabels(real(w.issue), w.labels);
          details.push(`labelled #${real(w.issue)} ${w.labels.join(', ')}`);
          break;
        case 'removeLabel':
          await writer.removeLabel(real(w.issue), w.label);
          details.push(`removed ${w.label} from #${real(w.issue)}`);
          break;
        case 'createComment':
          ids.set(w.ref, (await writer.createComment(real(w.issue), text(i, 'body', w.body))).id);
          details.push(`commented on #${real(w.issue)}`);
          break;
        case 'updateComment':
          await writer.updateComment(real(w.commentId), text(i, 'body', w.body));
          details.push(`edited comment ${real(w.commentId)}`);
          break;
        case 'upsertComment': {
          const { comment } = await writer.upsertComment(real(w.issue), w.marker, text(i, 'body', w.body), deps.config.trust.botLogin);
          ids.set(w.ref, comment.id);
          details.push(`wrote the ${w.marker.key} comment on #${real(w.issue)}`);
          break;
        }
        case 'createPullRequest': {
          const [open] = await deps.github.reader.listPullRequests({ state: 'open', head: `${writer.repo.owner}:${w.head}` });
          const title = text(i, 'title', w.title);
          const body = text(i, 'body', w.body);
          const pr = open
            ? await writer.updatePullRequest(open.number, { title, body })
            : await writer.createPullRequest({
                title,
                body,
                head: w.head,
                base: w.base,
                ...(w.draft !== undefined ? { draft: w.draft } : {}),
              });
          ids.set(w.ref, pr.number);
          pullRequest = pr.number;
          details.push(`${open ? 'updated' : 'opened'} pull request #${pr.number} from ${w.head}`);
          break;
        }
        case 'updatePullRequest':
          await writer.updatePullRequest(real(w.pr), {
            ...(w.title !== undefined ? { title: text(i, 'title', w.title) } : {}),
            ...(w.body !== undefined ? { body: text(i, 'body', w.body) } : {}),
            ...(w.state ? { state: w.state } : {}),
          });
          details.push(`updated pull request #${real(w.pr)}`);
          break;
        case 'replyToReviewThread':
          await writer.replyToReviewThread(w.threadId, text(i, 'body', w.body));
          details.push(`replied to thread ${w.threadId}`);
          break;
        case 'resolveReviewThread':
          await writer.resolveReviewThread(w.threadId);
          details.push(`resolved thread ${w.threadId}`);
          break;
        case 'requestReviewers':
          await writer.requestReviewers(real(w.pr), w.reviewers);
          details.push(`asked ${w.reviewers.join(', ')} to review #${real(w.pr)}`);
          break;
        case 'dispatchWorkflow':
          // An App token's own writes start workflows; GITHUB_TOKEN's need the dispatch.
          if (deps.appToken) {
            details.push(`did not dispatch ${w.workflow}: the App token's writes start it`);
            break;
          }
          await writer.dispatchWorkflow(w.workflow, w.ref, w.inputs);
          details.push(`dispatched ${w.workflow}`);
          break;
        case 'addReaction':
          await writer.addReaction({ kind: w.target.kind, id: real(w.target.id) }, w.content);
          break;
        case 'push': {
          await checkoutAt(git, w.branch, w.sha);
          const result = await git.push(w.branch, { forceWithLease: w.forceWithLease });
          details.push(result.pushed ? `pushed ${w.branch} at ${w.sha.slice(0, 12)}` : `${w.branch} is already at ${w.sha.slice(0, 12)}`);
          break;
        }
      }
      count++;
    } catch (e) {
      const message = deps.redactor.redact(errorMessage(e));
      // As in one job, asking for reviews or starting another workflow is a note when it fails.
      if (BEST_EFFORT.has(w.method)) {
        details.push(`could not ${w.method} (writes.${i}): ${message}`);
        count++;
        continue;
      }
      details.push(`failed at writes.${i} (${w.method}): ${message}`);
      return { count, error: `writes.${i} (${w.method}) failed: ${message}`, ...(pullRequest ? { pullRequest } : {}) };
    }
  }
  return { count, ...(pullRequest ? { pullRequest } : {}) };
}
