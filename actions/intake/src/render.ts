import { neutralize, sanitizeText, type Redactor } from '../../shared/security';
import type { ReportPayload } from './payload';

/**
 * The issue a report becomes. Every field comes from outside the repository: it is sanitized
 * (hidden markup, invisible characters, secrets), mentions and closing keywords are defused, and
 * one-line fields stay on one line, so a report cannot ping people, close issues or hide text.
 */
export const MAX_TITLE = 120;

function oneLine(text: string, redactor: Redactor | undefined, max: number): string {
  const clean = sanitizeText(text, { ...(redactor ? { redactor } : {}) })
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/\s{2,}/g, ' ')
    .trim();
  return clean.length > max ? `${clean.slice(0, max - 1).trimEnd()}…` : clean;
}

/** Markdown-safe link target: an http(s) URL with the characters that end a link encoded. */
function linkTarget(url: string): string {
  return new URL(url).href.replace(/[()<> ]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function environmentText(env: ReportPayload['environment'], redactor: Redactor | undefined): string | undefined {
  if (env === undefined) return undefined;
  if (typeof env === 'string') return oneLine(env, redactor, 500);
  const parts = Object.entries(env).map(([k, v]) => `${oneLine(k, redactor, 50)}: ${oneLine(String(v), redactor, 200)}`);
  return parts.length ? parts.join(', ') : undefined;
}

export function reportTitle(report: ReportPayload, redactor?: Redactor): string {
  const title = report.title ? oneLine(report.title, redactor, MAX_TITLE) : '';
  return title || `Report ${report.id}`;
}

export function reportBody(report: ReportPayload, redactor?: Redactor): string {
  const description = sanitizeText(report.description, { ...(redactor ? { redactor } : {}), maxChars: 20_000 }).trim();
  const env = environmentText(report.environment, redactor);
  const facts = [
    `- **Reporter:** ${report.reporter ? oneLine(report.reporter, redactor, 100) || 'unknown' : 'unknown'}`,
    `- **Source:** ${report.source}`,
    ...(env ? [`- **Environment:** ${env}`] : []),
    ...(report.url ? [`- **Page:** <${linkTarget(report.url)}>`] : []),
  ];
  const shots = (report.screenshots ?? []).map((u, i) => `- [screenshot ${i + 1}](${linkTarget(u)})`);
  const body = [
    '### Report',
    '',
    description || '_No description._',
    '',
    ...facts,
    ...(shots.length ? ['', '**Screenshots**', ...shots] : []),
    '',
    `_Report \`${report.id}\`, received through the \`factory-report\` dispatch. The feature planner triages it._`,
  ].join('\n');
  return neutralize(body);
}
