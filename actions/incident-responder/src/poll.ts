import { realpathSync } from 'node:fs';
import { listWorkspaceFiles } from '../../shared/agent/tools/listing';
import type { AutomationDeps } from '../../shared/automation/types';
import type { Issue } from '../../shared/github/types';
import { SentryApiError, type SentryEvent, type SentryIssue, type SentryPort } from '../../shared/sentry';
import { inAppFrames } from './frames';
import { mirroredIssues, relatedIssues } from './mirror';
import {
  INCIDENT_LABELS,
  issueBody,
  issueTitle,
  REGRESSION_MARKER,
  regressionComment,
  SPIKE_MARKER,
  spikeComment,
  spikeMarkerKey,
} from './render';
import { belowThreshold, followUp, priorityOf, type FollowUp } from './rules';

/**
 * One poll of Sentry: list the watched issues (pages of 100, with hourly stats), find the GitHub
 * issues that mirror them (one listing), then decide by code: open an issue for each new Sentry
 * issue above the thresholds (the most frequent first, at most `maxNewIssuesPerRun`, each with its
 * latest event), reopen or comment on a regression, comment once per hour window on a spike.
 * Everything is read before anything is written: a Sentry failure writes nothing.
 */

/** Pages of 100 issues one poll reads at most (the most frequent first). */
export const MAX_PAGES = 5;

export interface PollCounts {
  fatalSeen: number;
  errorsSeen: number;
  warningsSeen: number;
  otherSeen: number;
  /** GitHub issues opened. */
  mirrored: number;
  skippedByThreshold: number;
  /** Above the thresholds, left for a later run by maxNewIssuesPerRun. */
  deferred: number;
  /** Mirrored issues written to: reopened or commented. */
  updated: number;
  regressions: number;
  spikes: number;
}

export interface PollOutcome {
  ok: boolean;
  wrote: boolean;
  summary: string;
  details: string[];
  counts: PollCounts;
  opened: { number: number; sentryId: string; title: string }[];
}

interface Planned {
  issue: SentryIssue;
  event: SentryEvent;
  title: string;
  body: string;
  labels: string[];
}

interface Action {
  issue: SentryIssue;
  mirror: Issue;
  decision: Exclude<FollowUp, { kind: 'none' }>;
}

function zeroCounts(): PollCounts {
  return {
    fatalSeen: 0,
    errorsSeen: 0,
    warningsSeen: 0,
    otherSeen: 0,
    mirrored: 0,
    skippedByThreshold: 0,
    deferred: 0,
    updated: 0,
    regressions: 0,
    spikes: 0,
  };
}

function repoFiles(workspace: string): string[] {
  try {
    const root = realpathSync(workspace);
    return listWorkspaceFiles(root, root, { limit: 50_000 });
  } catch {
    return [];
  }
}

export async function poll(deps: AutomationDeps, sentry: SentryPort): Promise<PollOutcome> {
  const cfg = deps.config.sentry;
  const bot = deps.config.trust.botLogin;
  const { reader, writer } = deps.github;
  const now = deps.clock.now();
  const counts = zeroCounts();
  const details: string[] = [];
  const would = deps.dryRun ? 'would ' : '';

  // --- read ---------------------------------------------------------------------------------------
  const planned: Planned[] = [];
  const actions: Action[] = [];
  try {
    const levels = cfg.levels.join(',');
    const listed = await sentry.listIssues({
      query: `is:unresolved level:[${levels}]`,
      environments: cfg.environments,
      limit: 100,
      maxPages: MAX_PAGES,
      sort: 'freq',
    });
    if (listed.truncated) details.push(`read the ${listed.issues.length} most frequent Sentry issues (${MAX_PAGES} pages); the rest wait`);
    const watched = listed.issues.filter(
      (i) => (cfg.levels as readonly string[]).includes(i.level) && (cfg.projects.length === 0 || cfg.projects.includes(i.project.slug)),
    );
    for (const i of watched) {
      if (i.level === 'fatal') counts.fatalSeen++;
      else if (i.level === 'error') counts.errorsSeen++;
      else if (i.level === 'warning') counts.warningsSeen++;
      else counts.otherSeen++;
    }

    const mirrors = await mirroredIssues(reader, bot);
    const fresh: SentryIssue[] = [];
    for (const issue of watched) {
      const mirror = mirrors.get(issue.id);
      if (mirror) {
        const decision = followUp(issue, mirror, { spikeFactor: cfg.spikeFactor, minEvents: cfg.minEvents, now });
        if (decision.kind !== 'none') actions.push({ issue, mirror, decision });
        continue;
      }
      const below = belowThreshold(issue, cfg);
      if (below) {
        counts.skippedByThreshold++;
        details.push(`skipped ${issue.shortId} (sentry:${issue.id}): ${below}`);
        continue;
      }
      fresh.push(issue);
    }
    // Most frequent first; the cap keeps a burst of new issues from flooding the backlog.
    fresh.sort((a, b) => b.count - a.count || b.userCount - a.userCount);
    const batch = fresh.slice(0, cfg.maxNewIssuesPerRun);
    counts.deferred = fresh.length - batch.length;
    if (counts.deferred)
      details.push(
        `${counts.deferred} new Sentry issue(s) above the thresholds wait for a later run (sentry.maxNewIssuesPerRun: ${cfg.maxNewIssuesPerRun})`,
      );

    const files = batch.length ? repoFiles(deps.workspace) : [];

    for (const issue of batch) {
      const event = await sentry.latestEvent(issue.id);
      const frames = inAppFrames(event, files);
      const exception = event.exceptions[event.exceptions.length - 1];
      const related = await relatedIssues(reader, { type: exception?.type ?? issue.metadata.type ?? null, culprit: issue.culprit }, bot);
      const priority = priorityOf(issue);
      planned.push({
        issue,
        event,
        title: issueTitle(issue, deps.redactor),
        body: issueBody({
          issue,
          event,
          frames,
          priority,
          related: related.map((r) => ({ number: r.number, title: r.title })),
          redactor: deps.redactor,
        }),
        labels: [...INCIDENT_LABELS, priority],
      });
    }
  } catch (e) {
    if (!(e instanceof SentryApiError)) throw e;
    return {
      ok: false,
      wrote: false,
      summary: `Sentry failed, nothing was written: ${deps.redactor.redact(e.message)}`,
      details,
      counts,
      opened: [],
    };
  }

  // --- write --------------------------------------------------------------------------------------
  const opened: PollOutcome['opened'] = [];
  for (const p of planned) {
    if (deps.dryRun) {
      details.push(`would open "${p.title}" (${p.labels.join(', ')})`);
      continue;
    }
    const created = await writer.createIssue({ title: p.title, body: p.body, labels: p.labels });
    counts.mirrored++;
    opened.push({ number: created.number, sentryId: p.issue.id, title: p.title });
    details.push(`opened #${created.number} "${p.title}" for sentry:${p.issue.id} (${p.labels.join(', ')})`);
  }

  for (const a of actions) {
    const n = a.mirror.number;
    if (a.decision.kind === 'regression') {
      if (a.decision.reopen) {
        if (!deps.dryRun) {
          await writer.updateIssue(n, { state: 'open', stateReason: 'reopened' });
          await writer.createComment(n, regressionComment(a.issue, a.decision.why, true));
        }
        counts.regressions++;
        counts.updated++;
        details.push(`${would}reopen #${n}: ${a.decision.why}`);
        continue;
      }
      const seen = await reader.findCommentByMarker(n, { kind: REGRESSION_MARKER, key: a.issue.id }, bot);
      if (seen) continue;
      if (!deps.dryRun) await writer.createComment(n, regressionComment(a.issue, a.decision.why, false));
      counts.regressions++;
      counts.updated++;
      details.push(`${would}comment on #${n}: ${a.decision.why}`);
      continue;
    }
    const ref = { kind: SPIKE_MARKER, key: spikeMarkerKey(a.issue.id, a.decision.spike.window) };
    const seen = await reader.findCommentByMarker(n, ref, bot);
    if (seen) continue;
    if (!deps.dryRun) await writer.upsertComment(n, ref, spikeComment(a.issue, a.decision.spike, cfg.spikeFactor), bot, null);
    counts.spikes++;
    counts.updated++;
    details.push(
      `${would}comment on #${n}: spike of ${a.decision.spike.lastHour} event(s) in the hour from ${a.decision.spike.window}:00Z`,
    );
  }

  const seen = counts.fatalSeen + counts.errorsSeen + counts.warningsSeen + counts.otherSeen;
  const wrote = counts.mirrored + counts.updated > 0;
  const summary =
    `${seen} Sentry issue(s) watched (${counts.errorsSeen} error, ${counts.warningsSeen} warning${counts.fatalSeen ? `, ${counts.fatalSeen} fatal` : ''}): ` +
    `${deps.dryRun ? `${planned.length} would be opened` : `${counts.mirrored} opened`}, ${counts.regressions} regression(s), ${counts.spikes} spike(s), ` +
    `${counts.skippedByThreshold} below the thresholds${counts.deferred ? `, ${counts.deferred} deferred` : ''}`;
  return { ok: true, wrote, summary, details, counts, opened };
}
