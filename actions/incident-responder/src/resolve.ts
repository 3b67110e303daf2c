import type { AutomationDeps } from '../../shared/automation/types';
import { findClosingReferences } from '../../shared/policy/text';
import { SentryApiError, type SentryPort } from '../../shared/sentry';
import { getMarker } from '../../shared/github/markers';
import { RESOLVED_MARKER, resolvedComment, SENTRY_MARKER } from './render';
import { sentryIdOf } from './mirror';

/**
 * Back to Sentry: a merged pull request that closes an incident issue (`Fixes #N`, N carrying the
 * factory's `sentry:<id>` marker) marks that Sentry issue `resolvedInNextRelease`, and says so on
 * the issue, once (marker `sentry-resolved:<id>`). Sentry's status update is idempotent.
 */

export interface MergedPull {
  number: number;
  body: string;
}

export interface ResolveOutcome {
  ok: boolean;
  wrote: boolean;
  summary: string;
  details: string[];
  resolved: string[];
}

export async function resolveOnMerge(deps: AutomationDeps, sentry: SentryPort, pr: MergedPull): Promise<ResolveOutcome> {
  const bot = deps.config.trust.botLogin;
  const { reader, writer } = deps.github;
  const details: string[] = [];
  const resolved: string[] = [];
  const refs = [
    ...new Set(
      findClosingReferences(pr.body)
        .filter((r) => !r.crossRepo)
        .map((r) => r.number),
    ),
  ];
  let wrote = false;
  for (const number of refs) {
    const issue = await reader.getIssue(number);
    const id = sentryIdOf(issue, bot);
    if (!id) {
      details.push(`#${number} mirrors no Sentry issue`);
      continue;
    }
    const shortId = String(getMarker(issue.body, { kind: SENTRY_MARKER, key: id })?.data?.shortId ?? id);
    if (deps.dryRun) {
      details.push(`would mark sentry:${id} resolvedInNextRelease (fixed by #${pr.number})`);
      continue;
    }
    try {
      await sentry.updateIssue(id, { status: 'resolvedInNextRelease' });
    } catch (e) {
      if (!(e instanceof SentryApiError)) throw e;
      return { ok: false, wrote, summary: `Sentry failed: ${deps.redactor.redact(e.message)}`, details, resolved };
    }
    resolved.push(id);
    const ref = { kind: RESOLVED_MARKER, key: `${id}.pr${pr.number}` };
    const known = await reader.findCommentByMarker(number, ref, bot);
    if (!known) await writer.upsertComment(number, ref, resolvedComment({ id, shortId }, pr.number), bot, null);
    wrote = true;
    details.push(`marked sentry:${id} resolvedInNextRelease; fixed by #${pr.number} (issue #${number})`);
  }
  const summary = resolved.length
    ? `#${pr.number} fixes ${resolved.length} Sentry issue(s): marked resolved in the next release`
    : `#${pr.number} closes no incident issue${refs.length ? ` (${refs.map((n) => `#${n}`).join(', ')} mirror no Sentry issue)` : ''}`;
  return { ok: true, wrote, summary, details, resolved };
}
