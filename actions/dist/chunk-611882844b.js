import { createRequire as __factoryCreateRequire } from 'node:module';
const require = __factoryCreateRequire(import.meta.url);
import {
  AUTHOR_ASSOCIATIONS
} from "./chunk-8935ddc7e5.js";
import {
  ConfigError,
  errorMessage
} from "./chunk-eebc0eba86.js";
import {
  external_exports
} from "./chunk-f1a3eba2ad.js";

// actions/shared/automation/types.ts
function skipped(reason) {
  return { outcome: "skipped", summary: reason, details: [], records: [] };
}

// actions/shared/events/types.ts
var FACTORY_EVENT_KINDS = [
  "issues",
  "issue_comment",
  "pull_request",
  "pull_request_review",
  "pull_request_review_comment",
  "pull_request_review_thread",
  "push",
  "workflow_run",
  "check_suite",
  "deployment_status",
  "repository_dispatch",
  "workflow_dispatch",
  "schedule"
];

// actions/shared/events/parse.ts
var Account = external_exports.object({ login: external_exports.string().min(1), type: external_exports.string().min(1) });
var Repository = external_exports.object({
  name: external_exports.string().min(1),
  owner: external_exports.object({ login: external_exports.string().min(1) }),
  default_branch: external_exports.string().optional()
});
var Envelope = external_exports.object({ repository: Repository, sender: Account });
var IssueNumber = external_exports.number().int().positive();
var Label = external_exports.object({ name: external_exports.string() });
var Action = external_exports.string().min(1);
var Association = external_exports.string().optional();
var PrRef = external_exports.object({ number: IssueNumber });
var schemas = {
  issues: external_exports.object({
    action: Action,
    issue: external_exports.object({
      number: IssueNumber,
      user: Account.nullish(),
      author_association: Association,
      pull_request: external_exports.unknown().optional(),
      labels: external_exports.array(Label).nullish()
    }),
    label: Label.nullish()
  }),
  issue_comment: external_exports.object({
    action: Action,
    issue: external_exports.object({ number: IssueNumber, pull_request: external_exports.unknown().optional() }),
    comment: external_exports.object({
      id: external_exports.number(),
      body: external_exports.string().nullable(),
      user: Account.nullish(),
      author_association: Association
    })
  }),
  pull_request: external_exports.object({
    action: Action,
    pull_request: external_exports.object({
      number: IssueNumber,
      user: Account.nullish(),
      author_association: Association,
      draft: external_exports.boolean().optional(),
      labels: external_exports.array(Label).nullish()
    }),
    label: Label.nullish()
  }),
  pull_request_review: external_exports.object({
    action: Action,
    pull_request: PrRef,
    review: external_exports.object({ user: Account.nullish(), author_association: Association, state: external_exports.string() })
  }),
  pull_request_review_comment: external_exports.object({
    action: Action,
    pull_request: PrRef,
    comment: external_exports.object({
      id: external_exports.number(),
      body: external_exports.string().nullable(),
      user: Account.nullish(),
      author_association: Association
    })
  }),
  pull_request_review_thread: external_exports.object({ action: Action, pull_request: PrRef }),
  push: external_exports.object({ ref: external_exports.string().min(1) }),
  workflow_run: external_exports.object({
    action: Action,
    workflow_run: external_exports.object({
      name: external_exports.string().nullish(),
      conclusion: external_exports.string().nullable(),
      pull_requests: external_exports.array(PrRef)
    })
  }),
  check_suite: external_exports.object({
    action: Action,
    check_suite: external_exports.object({ conclusion: external_exports.string().nullable(), pull_requests: external_exports.array(PrRef) })
  }),
  deployment_status: external_exports.object({
    action: Action,
    deployment_status: external_exports.object({ state: external_exports.string().min(1), environment: external_exports.string().nullish() }),
    deployment: external_exports.object({ sha: external_exports.string().min(1), ref: external_exports.string().min(1), environment: external_exports.string().nullish() })
  }),
  repository_dispatch: external_exports.object({
    action: Action,
    client_payload: external_exports.record(external_exports.string(), external_exports.unknown()).nullish()
  }),
  workflow_dispatch: external_exports.object({
    ref: external_exports.string().min(1),
    inputs: external_exports.record(external_exports.string(), external_exports.unknown()).nullish()
  }),
  schedule: external_exports.object({ schedule: external_exports.string().min(1) })
};
function parseEvent(name, payload, context = {}) {
  try {
    return parseOrExplain(name, payload, context);
  } catch (e) {
    return unsupported(name, `could not read the ${name} payload: ${errorMessage(e)}`);
  }
}
function readEventFromEnv(env, readFile) {
  const name = env.GITHUB_EVENT_NAME?.trim();
  if (!name) return unsupported("", "GITHUB_EVENT_NAME is not set");
  const path = env.GITHUB_EVENT_PATH?.trim();
  if (!path) return unsupported(name, "GITHUB_EVENT_PATH is not set");
  let text;
  try {
    text = readFile(path);
  } catch (e) {
    return unsupported(name, `cannot read the event file ${path}: ${errorMessage(e)}`);
  }
  let payload;
  try {
    payload = JSON.parse(text);
  } catch (e) {
    return unsupported(name, `the event file ${path} is not valid JSON: ${errorMessage(e)}`);
  }
  if (payload === null || typeof payload !== "object" || Array.isArray(payload)) {
    const kind = payload === null ? "null" : Array.isArray(payload) ? "a JSON array" : `a JSON ${typeof payload}`;
    throw new ConfigError(`the event file ${path} (GITHUB_EVENT_PATH) holds ${kind}, not an event object`);
  }
  return parseEvent(name, payload, { repository: env.GITHUB_REPOSITORY, actor: env.GITHUB_ACTOR });
}
function parseOrExplain(name, payload, context) {
  if (!isKind(name)) return unsupported(name, `the factory does not handle "${name}" events`);
  if (payload === null || typeof payload !== "object" || Array.isArray(payload)) {
    return unsupported(name, `the ${name} payload is not a JSON object`);
  }
  if (name === "schedule") return parseSchedule(payload, context);
  const envelope = Envelope.safeParse(payload);
  if (!envelope.success) return invalid(name, envelope.error);
  const repository = envelope.data.repository;
  const repo = { owner: repository.owner.login, repo: repository.name };
  const sender = actor(envelope.data.sender);
  const base = { repo, sender, isBot: isBotActor(sender) };
  switch (name) {
    case "issues": {
      const r = schemas.issues.safeParse(payload);
      if (!r.success) return invalid(name, r.error);
      const { issue, label } = r.data;
      return {
        ...base,
        kind: name,
        action: r.data.action,
        payload,
        subject: subjectOf(issue),
        ...authorOf(issue.user, issue.author_association),
        labels: (issue.labels ?? []).map((l) => l.name),
        ...label ? { label: label.name } : {}
      };
    }
    case "issue_comment": {
      const r = schemas.issue_comment.safeParse(payload);
      if (!r.success) return invalid(name, r.error);
      const { issue, comment } = r.data;
      return {
        ...base,
        kind: name,
        action: r.data.action,
        payload,
        subject: subjectOf(issue),
        ...authorOf(comment.user, comment.author_association),
        commentId: comment.id,
        body: comment.body ?? ""
      };
    }
    case "pull_request": {
      const r = schemas.pull_request.safeParse(payload);
      if (!r.success) return invalid(name, r.error);
      const { pull_request: pr, label } = r.data;
      return {
        ...base,
        kind: name,
        action: r.data.action,
        payload,
        subject: { type: "pr", number: pr.number },
        ...authorOf(pr.user, pr.author_association),
        draft: pr.draft ?? false,
        labels: (pr.labels ?? []).map((l) => l.name),
        ...label ? { label: label.name } : {}
      };
    }
    case "pull_request_review": {
      const r = schemas.pull_request_review.safeParse(payload);
      if (!r.success) return invalid(name, r.error);
      const { review } = r.data;
      return {
        ...base,
        kind: name,
        action: r.data.action,
        payload,
        subject: { type: "pr", number: r.data.pull_request.number },
        ...authorOf(review.user, review.author_association),
        reviewState: review.state.toLowerCase()
      };
    }
    case "pull_request_review_comment": {
      const r = schemas.pull_request_review_comment.safeParse(payload);
      if (!r.success) return invalid(name, r.error);
      const { comment } = r.data;
      return {
        ...base,
        kind: name,
        action: r.data.action,
        payload,
        subject: { type: "pr", number: r.data.pull_request.number },
        ...authorOf(comment.user, comment.author_association),
        commentId: comment.id,
        body: comment.body ?? ""
      };
    }
    case "pull_request_review_thread": {
      const r = schemas.pull_request_review_thread.safeParse(payload);
      if (!r.success) return invalid(name, r.error);
      return {
        ...base,
        kind: name,
        action: r.data.action,
        payload,
        subject: { type: "pr", number: r.data.pull_request.number }
      };
    }
    case "push": {
      const r = schemas.push.safeParse(payload);
      if (!r.success) return invalid(name, r.error);
      const branch = repository.default_branch;
      return {
        ...base,
        kind: name,
        action: void 0,
        payload,
        ref: r.data.ref,
        isDefaultBranch: branch !== void 0 && r.data.ref === `refs/heads/${branch}`
      };
    }
    case "workflow_run": {
      const r = schemas.workflow_run.safeParse(payload);
      if (!r.success) return invalid(name, r.error);
      const run = r.data.workflow_run;
      const pullRequests = run.pull_requests.map((p) => p.number);
      return {
        ...base,
        kind: name,
        action: r.data.action,
        payload,
        ...onlyPr(pullRequests),
        conclusion: run.conclusion,
        workflowName: run.name ?? "",
        pullRequests
      };
    }
    case "check_suite": {
      const r = schemas.check_suite.safeParse(payload);
      if (!r.success) return invalid(name, r.error);
      const pullRequests = r.data.check_suite.pull_requests.map((p) => p.number);
      return {
        ...base,
        kind: name,
        action: r.data.action,
        payload,
        ...onlyPr(pullRequests),
        conclusion: r.data.check_suite.conclusion,
        pullRequests
      };
    }
    case "deployment_status": {
      const r = schemas.deployment_status.safeParse(payload);
      if (!r.success) return invalid(name, r.error);
      const { deployment_status: status, deployment } = r.data;
      return {
        ...base,
        kind: name,
        action: r.data.action,
        payload,
        state: status.state,
        environment: status.environment ?? deployment.environment ?? "",
        sha: deployment.sha,
        ref: deployment.ref
      };
    }
    case "repository_dispatch": {
      const r = schemas.repository_dispatch.safeParse(payload);
      if (!r.success) return invalid(name, r.error);
      return {
        ...base,
        kind: name,
        action: r.data.action,
        payload,
        clientPayload: r.data.client_payload ?? {}
      };
    }
    case "workflow_dispatch": {
      const r = schemas.workflow_dispatch.safeParse(payload);
      if (!r.success) return invalid(name, r.error);
      return {
        ...base,
        kind: name,
        action: void 0,
        payload,
        inputs: r.data.inputs ?? {},
        ref: r.data.ref
      };
    }
  }
}
function parseSchedule(payload, context) {
  const r = schemas.schedule.safeParse(payload);
  if (!r.success) return invalid("schedule", r.error);
  const record = payload;
  let repo;
  const fromPayload = Repository.safeParse(record.repository);
  if (fromPayload.success) repo = { owner: fromPayload.data.owner.login, repo: fromPayload.data.name };
  else if (context.repository) repo = splitRepository(context.repository);
  if (!repo) return unsupported("schedule", "the schedule payload has no repository and GITHUB_REPOSITORY is not set");
  const fromSender = Account.safeParse(record.sender);
  const sender = fromSender.success ? actor(fromSender.data) : { login: context.actor ?? "", type: "Schedule" };
  return {
    kind: "schedule",
    action: void 0,
    payload,
    repo,
    sender,
    isBot: isBotActor(sender),
    cron: r.data.schedule
  };
}
function splitRepository(full) {
  const m = /^([^/\s]+)\/([^/\s]+)$/.exec(full.trim());
  return m ? { owner: m[1], repo: m[2] } : void 0;
}
function isKind(name) {
  return FACTORY_EVENT_KINDS.includes(name);
}
function actor(a) {
  return { login: a.login, type: a.type };
}
function isBotActor(a) {
  return a.type === "Bot" || a.login.endsWith("[bot]");
}
function subjectOf(issue) {
  return { type: issue.pull_request ? "pr" : "issue", number: issue.number };
}
function onlyPr(numbers) {
  return numbers.length === 1 ? { subject: { type: "pr", number: numbers[0] } } : {};
}
function authorOf(user, association) {
  return {
    ...user ? { author: actor(user) } : {},
    ...association !== void 0 ? { authorAssociation: normalizeAssociation(association) } : {}
  };
}
function normalizeAssociation(value) {
  const upper = value.toUpperCase();
  return AUTHOR_ASSOCIATIONS.find((a) => a === upper) ?? "NONE";
}
function unsupported(name, reason) {
  return { kind: "unsupported", name, reason };
}
function invalid(name, error) {
  const problems = error.issues.slice(0, 5).map((i) => `${i.path.length ? i.path.join(".") : "(payload)"}: ${i.message}`);
  return unsupported(name, `the ${name} payload is missing what the factory needs: ${problems.join("; ")}`);
}

export {
  skipped,
  readEventFromEnv
};
