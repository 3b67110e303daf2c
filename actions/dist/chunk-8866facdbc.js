import { createRequire as __factoryCreateRequire } from 'node:module';
const require = __factoryCreateRequire(import.meta.url);

// actions/shared/policy/text.ts
function intentTexts(intent) {
  switch (intent.kind) {
    case "comment":
    case "reply_to_thread":
      return [{ field: "body", text: intent.body }];
    case "create_issue":
    case "open_pull_request":
      return [
        { field: "title", text: intent.title },
        { field: "body", text: intent.body }
      ];
    case "close_issue":
      return intent.comment ? [{ field: "comment", text: intent.comment }] : [];
    case "review":
      return [{ field: "body", text: intent.body }, ...intent.comments.map((c, i) => ({ field: `comments.${i}.body`, text: c.body }))];
    default:
      return [];
  }
}
function mapIntentTexts(intent, fn) {
  const changed = intentTexts(intent).some(({ text }) => fn(text) !== text);
  if (!changed) return intent;
  switch (intent.kind) {
    case "comment":
    case "reply_to_thread":
      return { ...intent, body: fn(intent.body) };
    case "create_issue":
    case "open_pull_request":
      return { ...intent, title: fn(intent.title), body: fn(intent.body) };
    case "close_issue":
      return intent.comment ? { ...intent, comment: fn(intent.comment) } : intent;
    case "review":
      return { ...intent, body: fn(intent.body), comments: intent.comments.map((c) => ({ ...c, body: fn(c.body) })) };
    default:
      return intent;
  }
}
function allStrings(value, path = "") {
  if (typeof value === "string") return [{ field: path, text: value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => allStrings(v, path ? `${path}.${i}` : String(i)));
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => allStrings(v, path ? `${path}.${k}` : k));
  }
  return [];
}
function withoutCode(text) {
  return text.replace(/```[\s\S]*?(```|$)/g, " ").replace(/~~~[\s\S]*?(~~~|$)/g, " ").replace(/`[^`\n]*`/g, " ");
}
var MENTION_RE = /(^|[^A-Za-z0-9_`/@.\\-])@([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))(\/[A-Za-z0-9_.-]+)?/g;
var BROADCAST = /* @__PURE__ */ new Set(["everyone", "here", "channel", "all"]);
function findMentions(text) {
  const users = /* @__PURE__ */ new Set();
  const teams = /* @__PURE__ */ new Set();
  const broadcast = /* @__PURE__ */ new Set();
  for (const m of withoutCode(text).matchAll(MENTION_RE)) {
    const login = m[2].toLowerCase();
    if (m[3]) teams.add(`${login}${m[3].toLowerCase()}`);
    else if (BROADCAST.has(login)) broadcast.add(login);
    else users.add(login);
  }
  return { users: [...users], teams: [...teams], broadcast: [...broadcast] };
}
var CLOSING_RE = /\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\b\s*:?\s+((?:[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+)?#(\d+)|https?:\/\/\S+\/(?:issues|pull)\/(\d+))/gi;
function findClosingReferences(text) {
  const out = [];
  for (const m of text.matchAll(CLOSING_RE)) {
    const ref = m[1];
    const number = Number(m[2] ?? m[3]);
    out.push({ ref, number, crossRepo: !ref.startsWith("#") });
  }
  return out;
}
function containsFactoryMarker(text) {
  return /<!--\s*factory:/i.test(text);
}

export {
  intentTexts,
  mapIntentTexts,
  allStrings,
  findMentions,
  findClosingReferences,
  containsFactoryMarker
};
