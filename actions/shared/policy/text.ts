import type { Intent } from './intents';

/** Text checks policy runs on everything the model wrote. */

/** The model-written text fields of an intent, with a field name for messages. */
export function intentTexts(intent: Intent): { field: string; text: string }[] {
  switch (intent.kind) {
    case 'comment':
    case 'reply_to_thread':
      return [{ field: 'body', text: intent.body }];
    case 'create_issue':
    case 'open_pull_request':
      return [
        { field: 'title', text: intent.title },
        { field: 'body', text: intent.body },
      ];
    case 'close_issue':
      return intent.comment ? [{ field: 'comment', text: intent.comment }] : [];
    case 'review':
      return [{ field: 'body', text: intent.body }, ...intent.comments.map((c, i) => ({ field: `comments.${i}.body`, text: c.body }))];
    default:
      return [];
  }
}

/** A copy of the intent with its model-written text fields passed through `fn` (the same object when none changes). */
export function mapIntentTexts(intent: Intent, fn: (text: string) => string): Intent {
  const changed = intentTexts(intent).some(({ text }) => fn(text) !== text);
  if (!changed) return intent;
  switch (intent.kind) {
    case 'comment':
    case 'reply_to_thread':
      return { ...intent, body: fn(intent.body) };
    case 'create_issue':
    case 'open_pull_request':
      return { ...intent, title: fn(intent.title), body: fn(intent.body) };
    case 'close_issue':
      return intent.comment ? { ...intent, comment: fn(intent.comment) } : intent;
    case 'review':
      return { ...intent, body: fn(intent.body), comments: intent.comments.map((c) => ({ ...c, body: fn(c.body) })) };
    default:
      return intent;
  }
}

/** Every string anywhere in a value (for the secret check: branch names and paths count too). */
export function allStrings(value: unknown, path = ''): { field: string; text: string }[] {
  if (typeof value === 'string') return [{ field: path, text: value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => allStrings(v, path ? `${path}.${i}` : String(i)));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => allStrings(v, path ? `${path}.${k}` : k));
  }
  return [];
}

/** Mentions inside code spans and fences do not notify anyone, so they are not counted. */
function withoutCode(text: string): string {
  return text
    .replace(/```[\s\S]*?(```|$)/g, ' ')
    .replace(/~~~[\s\S]*?(~~~|$)/g, ' ')
    .replace(/`[^`\n]*`/g, ' ');
}

const MENTION_RE = /(^|[^A-Za-z0-9_`/@.\\-])@([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))(\/[A-Za-z0-9_.-]+)?/g;
const BROADCAST = new Set(['everyone', 'here', 'channel', 'all']);

export interface Mentions {
  users: string[];
  teams: string[];
  broadcast: string[];
}

export function findMentions(text: string): Mentions {
  const users = new Set<string>();
  const teams = new Set<string>();
  const broadcast = new Set<string>();
  for (const m of withoutCode(text).matchAll(MENTION_RE)) {
    const login = m[2]!.toLowerCase();
    if (m[3]) teams.add(`${login}${m[3].toLowerCase()}`);
    else if (BROADCAST.has(login)) broadcast.add(login);
    else users.add(login);
  }
  return { users: [...users], teams: [...teams], broadcast: [...broadcast] };
}

const CLOSING_RE =
  /\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\b\s*:?\s+((?:[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+)?#(\d+)|https?:\/\/\S+\/(?:issues|pull)\/(\d+))/gi;

/** Issue references after GitHub's closing keywords (`Fixes #12`, `closes owner/repo#3`). */
export function findClosingReferences(text: string): { ref: string; number: number; crossRepo: boolean }[] {
  const out: { ref: string; number: number; crossRepo: boolean }[] = [];
  for (const m of text.matchAll(CLOSING_RE)) {
    const ref = m[1]!;
    const number = Number(m[2] ?? m[3]);
    out.push({ ref, number, crossRepo: !ref.startsWith('#') });
  }
  return out;
}

/** A hidden factory marker written by the model would let it forge claims or hijack edits. */
export function containsFactoryMarker(text: string): boolean {
  return /<!--\s*factory:/i.test(text);
}
