import { marker } from '../../shared/github/markers';
import type { SentryEvent, SentryIssue } from '../../shared/sentry';
import { neutralize, sanitizeText, scrubPersonalData, type Redactor } from '../../shared/security';
import { suspectedFiles, type MappedFrame } from './frames';
import type { Spike } from './rules';

/**
 * What the incident responder writes. Everything from Sentry is untrusted production data: it is
 * sanitized (invisible characters, forged markers), secrets and token shapes redacted, personal
 * data (emails, IP addresses, credentials) scrubbed, mentions and closing keywords defused, and
 * shown in code fences or inline code, never as Markdown of its own.
 */

export const SENTRY_MARKER = 'sentry';
export const REGRESSION_MARKER = 'sentry-regression';
export const SPIKE_MARKER = 'sentry-spike';
export const RESOLVED_MARKER = 'sentry-resolved';
export const INCIDENT_LABELS = ['type:incident', 'source:sentry'] as const;
export const SOURCE_LABEL = 'source:sentry';

const MAX_TITLE = 110;

/** One untrusted text made safe to post: plain sanitizing, redaction, personal data scrubbed, defused. */
export function clean(text: string, redactor: Redactor, maxChars = 4000): string {
  return neutralize(scrubPersonalData(redactor.redact(sanitizeText(text, { format: 'plain', redactor, maxChars }))));
}

/** On one line, in inline code (backticks dropped), bounded. */
export function inline(text: string | null | undefined, redactor: Redactor, max = 200): string {
  const flat = clean(text ?? '', redactor, max * 2)
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/`/g, "'")
    .replace(/\s{2,}/g, ' ')
    .trim();
  const cut = flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
  return cut ? `\`${cut}\`` : '_none_';
}

/** A code fence longer than any backtick run of the (cleaned) text. */
export function fenced(text: string, redactor: Redactor, maxChars = 4000): string[] {
  const body = clean(text, redactor, maxChars).trimEnd();
  if (!body) return [];
  const longest = Math.max(0, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return [`${fence}text`, body, fence];
}

function safeId(text: string): string {
  return text.replace(/[^A-Za-z0-9-]/g, '').slice(0, 40) || '?';
}

export function issueTitle(issue: SentryIssue, redactor: Redactor): string {
  const text = clean(issue.title, redactor, 400)
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/\s{2,}/g, ' ')
    .trim();
  const short = text.length > MAX_TITLE ? `${text.slice(0, MAX_TITLE - 1).trimEnd()}…` : text;
  return `Incident: ${short || 'Sentry issue'} (${safeId(issue.shortId)})`;
}

function sentryLink(issue: SentryIssue): string {
  try {
    const url = new URL(issue.permalink);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return `\`${safeId(issue.shortId)}\``;
    return `[${safeId(issue.shortId)}](${url.href.replace(/[()<> ]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)})`;
  } catch {
    return `\`${safeId(issue.shortId)}\``;
  }
}

function date(iso: string | null): string {
  if (!iso) return 'unknown';
  const at = Date.parse(iso);
  return Number.isNaN(at) ? 'unknown' : new Date(at).toISOString().replace('.000Z', 'Z');
}

export interface IssueContext {
  issue: SentryIssue;
  event: SentryEvent;
  frames: MappedFrame[];
  priority: string;
  /** Open issues that look like the same failure (same exception type and culprit): linked, not merged. */
  related: { number: number; title: string }[];
  redactor: Redactor;
}

export function issueBody(ctx: IssueContext): string {
  const { issue, event, redactor } = ctx;
  const exception = event.exceptions[event.exceptions.length - 1];
  const type = exception?.type ?? issue.metadata.type ?? null;
  const value = exception?.value ?? issue.metadata.value ?? event.message ?? null;
  const stack = ctx.frames.map(
    (f) => `${f.path ?? f.sentryFile}:${f.line ?? '?'} in ${f.function ?? '?'}${f.path ? '' : ' (not in this repository)'}`,
  );
  const suspects = suspectedFiles(ctx.frames);
  const crumbs = event.breadcrumbs
    .slice(-10)
    .map((b) => `${b.timestamp ?? ''} [${b.category ?? b.level ?? 'log'}] ${b.message ?? ''}`.trim());
  const tags = event.tags.filter((t) => t.key !== 'environment' && t.key !== 'release').slice(0, 20);
  return [
    marker({ kind: SENTRY_MARKER, key: issue.id }, { shortId: safeId(issue.shortId), project: safeId(issue.project.slug) }),
    `Sentry issue ${sentryLink(issue)} · \`sentry:${issue.id}\` · level **${safeId(issue.level)}** · project \`${safeId(issue.project.slug)}\` · ${ctx.priority}`,
    '',
    `- **Events:** ${issue.count} · **Users affected:** ${issue.userCount}`,
    `- **First seen:** ${date(issue.firstSeen)} · **Last seen:** ${date(issue.lastSeen)}`,
    `- **Release:** ${inline(event.release, redactor, 80)} · **Environment:** ${inline(event.environment, redactor, 80)}`,
    `- **Culprit:** ${inline(issue.culprit, redactor)}`,
    '',
    '### Expected vs observed',
    '',
    `- **Expected:** ${issue.culprit ? `${inline(issue.culprit, redactor)} completes` : 'the code completes'} without ${type ? `raising ${inline(type, redactor, 80)}` : 'this error'}.`,
    `- **Observed:** ${type ? `${inline(type, redactor, 80)} raised` : 'an error'} in production, ${issue.count} time(s), for ${issue.userCount} user(s). The message of the latest event:`,
    '',
    ...fenced(value ?? '(no message)', redactor, 2000),
    '',
    '### Stack excerpt (in-app frames, innermost last)',
    '',
    ...(stack.length ? fenced(stack.join('\n'), redactor) : ['_No in-app frames in the latest event._']),
    '',
    '### Suspected files',
    '',
    ...(suspects.length
      ? suspects.map((s) => `- \`${s.path}\`${s.line ? ` line ${s.line}` : ''}`)
      : ['_No frame of the stack maps to a file of this repository._']),
    '',
    ...(crumbs.length ? ['### Breadcrumbs (latest event, last 10)', '', ...fenced(crumbs.join('\n'), redactor), ''] : []),
    ...(tags.length ? ['### Tags', '', ...fenced(tags.map((t) => `${t.key}: ${t.value}`).join('\n'), redactor, 2000), ''] : []),
    ...(ctx.related.length
      ? [
          '### Possibly the same failure',
          '',
          ...ctx.related.map(
            (r) => `- #${r.number} (same exception type and culprit): linked, not merged; close one as a duplicate if they are.`,
          ),
          '',
        ]
      : []),
    '---',
    '_Opened by the incident responder from Sentry. Text from the event is untrusted data: shown in code blocks, with secrets and personal data redacted. The feature planner triages it; the pull request that fixes it marks the Sentry issue resolved in the next release._',
  ].join('\n');
}

export function regressionComment(issue: SentryIssue, why: string, reopened: boolean): string {
  return [
    marker({ kind: REGRESSION_MARKER, key: issue.id }, { lastSeen: date(issue.lastSeen) }),
    `**Regression:** ${why} (${sentryLink(issue)}).${reopened ? ' Reopening.' : ''}`,
    '',
    `- **Events:** ${issue.count} · **Users affected:** ${issue.userCount} · **Last seen:** ${date(issue.lastSeen)}`,
  ].join('\n');
}

export function spikeMarkerKey(issueId: string, window: string): string {
  return `${issueId}.${window}`;
}

export function spikeComment(issue: SentryIssue, spike: Spike, factor: number): string {
  return [
    `**Spike:** ${spike.lastHour} event(s) in the hour from ${spike.window}:00Z, ${(spike.lastHour / Math.max(spike.hourlyAverage, 1e-9)).toFixed(1)}× the hourly average of the day (${spike.hourlyAverage.toFixed(1)}; threshold ${factor}×). ${sentryLink(issue)}`,
    '',
    `- **Events:** ${issue.count} · **Users affected:** ${issue.userCount} · **Last seen:** ${date(issue.lastSeen)}`,
  ].join('\n');
}

export function resolvedComment(issue: { id: string; shortId: string }, pr: number): string {
  return `Fixed by #${pr}: the Sentry issue \`sentry:${issue.id}\` (${safeId(issue.shortId)}) is marked resolved in the next release. If it comes back after that release, the incident responder reopens this issue.`;
}
