import { createRequire as __factoryCreateRequire } from 'node:module';
const require = __factoryCreateRequire(import.meta.url);
import {
  IntentFileSchema,
  buildIntentFile,
  evaluateIntentFile
} from "./chunk-295937fcb4.js";
import {
  DEFAULT_ALLOWED_KINDS,
  evaluateIntents,
  policyConfigFrom
} from "./chunk-e970019b7c.js";
import {
  findMentions
} from "./chunk-8866facdbc.js";
import {
  checkChanges,
  createRunner,
  gitEnv,
  openGit,
  pushRefusal
} from "./chunk-29a1428ccc.js";
import {
  allowedHostsFor,
  checkOutbound,
  checkSecret
} from "./chunk-64c3aea864.js";
import "./chunk-46b452a502.js";
import {
  isStatus
} from "./chunk-d31f4fa37c.js";
import "./chunk-66d88ceb62.js";
import {
  ATTEMPTS_KIND,
  CLAIM_KIND,
  checkTransition,
  isClaimExpired,
  parseClaim,
  parseCounters
} from "./chunk-3b9788c516.js";
import "./chunk-368e4d810e.js";
import {
  findMarkers
} from "./chunk-cd4c9ed0f2.js";
import "./chunk-72b8fa822b.js";
import {
  ConfigError,
  errorDetail,
  errorMessage,
  isConfigError
} from "./chunk-eebc0eba86.js";
import {
  external_exports
} from "./chunk-f1a3eba2ad.js";
import {
  ASSIST,
  AUTOMATIONS
} from "./chunk-ffa5c3fea6.js";
import "./chunk-0a4052ce6e.js";

// actions/shared/split/phases.ts
import * as fs2 from "node:fs";
import * as path from "node:path";

// actions/shared/split/artifact.ts
var SPLIT_ARTIFACT_VERSION = 1;
var ARTIFACT_FILE = "split.json";
var BUNDLE_FILE = "changes.bundle";
var number = external_exports.number().int().refine((n) => n !== 0, "must not be 0");
var placeholder = external_exports.number().int().negative();
var text = external_exports.string().max(65536);
var label = external_exports.string().min(1).max(100);
var sha = external_exports.string().regex(/^[0-9a-f]{40}$/, "expected a 40-character commit sha");
var WriteSchema = external_exports.discriminatedUnion("method", [
  external_exports.object({ method: external_exports.literal("addLabels"), issue: number, labels: external_exports.array(label).min(1).max(20) }),
  external_exports.object({ method: external_exports.literal("removeLabel"), issue: number, label }),
  external_exports.object({ method: external_exports.literal("createComment"), issue: number, body: text, ref: placeholder }),
  external_exports.object({ method: external_exports.literal("updateComment"), commentId: number, body: text }),
  external_exports.object({
    method: external_exports.literal("upsertComment"),
    issue: number,
    marker: external_exports.object({ kind: external_exports.string().regex(/^[A-Za-z0-9._/-]+$/), key: external_exports.string().regex(/^[A-Za-z0-9._/-]+$/) }),
    body: text,
    ref: placeholder
  }),
  external_exports.object({
    method: external_exports.literal("createPullRequest"),
    title: external_exports.string().min(1).max(256),
    body: text,
    head: external_exports.string().min(1).max(255),
    base: external_exports.string().min(1).max(255),
    draft: external_exports.boolean().optional(),
    ref: placeholder
  }),
  external_exports.object({
    method: external_exports.literal("updatePullRequest"),
    pr: number,
    title: external_exports.string().min(1).max(256).optional(),
    body: text.optional(),
    state: external_exports.enum(["open", "closed"]).optional()
  }),
  external_exports.object({ method: external_exports.literal("replyToReviewThread"), threadId: external_exports.string().min(1).max(200), body: text }),
  external_exports.object({ method: external_exports.literal("resolveReviewThread"), threadId: external_exports.string().min(1).max(200) }),
  external_exports.object({ method: external_exports.literal("requestReviewers"), pr: number, reviewers: external_exports.array(external_exports.string().min(1).max(100)).max(20) }),
  external_exports.object({
    method: external_exports.literal("dispatchWorkflow"),
    workflow: external_exports.string().min(1).max(200),
    ref: external_exports.string().min(1).max(255),
    inputs: external_exports.record(external_exports.string(), external_exports.string()).optional()
  }),
  external_exports.object({
    method: external_exports.literal("addReaction"),
    target: external_exports.object({ kind: external_exports.enum(["issue_comment", "review_comment", "issue"]), id: number }),
    content: external_exports.enum(["+1", "eyes", "rocket", "confused", "hooray", "heart", "laugh", "-1"])
  }),
  external_exports.object({ method: external_exports.literal("push"), branch: external_exports.string().min(1).max(255), sha, forceWithLease: external_exports.boolean() })
]);
var SplitArtifactSchema = external_exports.object({
  version: external_exports.literal(SPLIT_ARTIFACT_VERSION),
  automation: external_exports.enum(AUTOMATIONS),
  /** owner/name */
  repo: external_exports.string().regex(/^[^/\s]+\/[^/\s]+$/, "expected owner/name"),
  /** The workflow run both jobs belong to (GITHUB_RUN_ID). */
  workflowRunId: external_exports.string().min(1),
  /** The agent job's run id (markers and claims carry it). */
  runId: external_exports.string().min(1),
  createdAt: external_exports.string(),
  /** The default branch and its head when the agent job started: the base of every diff. */
  base: external_exports.object({ branch: external_exports.string().min(1), sha }),
  writes: external_exports.array(WriteSchema).max(500),
  /** The agent steps' intents with the facts policy saw (informational verdicts, re-checked). */
  steps: external_exports.array(IntentFileSchema).max(20),
  /** What the agent job reported (for people; never acted on). */
  result: external_exports.object({
    outcome: external_exports.enum(["skipped", "completed", "no-op", "budget_exhausted", "refused", "failed"]),
    summary: external_exports.string(),
    details: external_exports.array(external_exports.string())
  })
});
var SPLIT_WRITES = {
  "feature-builder": [
    "addLabels",
    "removeLabel",
    "createComment",
    "updateComment",
    "upsertComment",
    "createPullRequest",
    "updatePullRequest",
    "push"
  ],
  "ci-fixer": ["addLabels", "removeLabel", "createComment", "updateComment", "upsertComment", "push"],
  "review-resolver": [
    "addLabels",
    "removeLabel",
    "createComment",
    "updateComment",
    "upsertComment",
    "replyToReviewThread",
    "resolveReviewThread",
    "requestReviewers",
    "dispatchWorkflow",
    "push"
  ]
};
function serializeArtifact(artifact) {
  return `${JSON.stringify(artifact, null, 2)}
`;
}
function parseArtifact(raw, file) {
  let data;
  try {
    data = JSON.parse(raw);
  } catch (e) {
    throw new ConfigError(`not valid JSON: ${errorMessage(e)}`, { file });
  }
  const parsed = SplitArtifactSchema.safeParse(data);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => ({ file, path: i.path.map(String).join("."), message: i.message })));
  }
  return parsed.data;
}

// actions/shared/split/bundle.ts
import * as fs from "node:fs";
var SPLIT_REFS = "refs/factory-split";
var TIMEOUT_MS = 5 * 6e4;
function splitRunner(root, env) {
  return createRunner({ cwd: root, env: gitEnv(env), timeoutMs: TIMEOUT_MS, secrets: [] });
}
async function createBundle(git, shas, file) {
  if (shas.length === 0) return false;
  const refs = shas.map((_, i) => `${SPLIT_REFS}/${i}`);
  for (const [i, sha2] of shas.entries()) await git.run("update-ref", [refs[i], sha2]);
  try {
    const missing = await git.run("rev-list", ["--count", ...shas, "--not", "--remotes=origin"]);
    if (Number(missing.stdout.trim()) === 0) return false;
    await git.run("bundle", ["create", "--quiet", file, ...refs, "--not", "--remotes=origin"]);
    return true;
  } finally {
    for (const ref of refs) await git.run("update-ref", ["-d", ref], { okCodes: [1] });
  }
}
async function importBundle(git, file) {
  if (!fs.existsSync(file)) return void 0;
  const verify = await git.run("bundle", ["verify", "--quiet", file], { okCodes: [1, 128] });
  if (verify.code !== 0) return (verify.stderr || "not a valid bundle").split("\n")[0];
  await git.run("fetch", ["--quiet", "--no-tags", file, `+${SPLIT_REFS}/*:${SPLIT_REFS}/*`]);
  return void 0;
}
async function hasCommit(git, sha2) {
  const r = await git.run("cat-file", ["-e", `${sha2}^{commit}`], { okCodes: [1, 128] });
  return r.code === 0;
}
async function isAncestor(git, ancestor, ref) {
  const r = await git.run("merge-base", ["--is-ancestor", ancestor, ref], { okCodes: [1, 128] });
  return r.code === 0;
}
async function revParse(git, ref) {
  return (await git.run("rev-parse", ["--verify", "--quiet", `${ref}^{commit}`])).stdout.trim();
}

// actions/shared/split/recorder.ts
var SplitUnsupportedError = class extends Error {
  name = "SplitUnsupportedError";
  constructor(method) {
    super(`${method} cannot be recorded for the apply job: this automation does not run in split mode`);
  }
};
function createRecorder(opts) {
  const writes = [];
  const steps = [];
  const pushed = /* @__PURE__ */ new Map();
  let last = 0;
  const nextRef = () => --last;
  const when = () => opts.now().toISOString();
  const bot = { login: opts.botLogin, type: "Bot" };
  const comment = (id, body) => ({
    id,
    nodeId: "",
    body,
    author: bot,
    authorAssociation: "NONE",
    createdAt: when(),
    updatedAt: when(),
    url: ""
  });
  const repoFullName = `${opts.reader.repo.owner}/${opts.reader.repo.repo}`;
  const unsupported = (method) => async () => {
    throw new SplitUnsupportedError(method);
  };
  const writer = {
    repo: { ...opts.reader.repo },
    ensureLabels: unsupported("ensureLabels"),
    createIssue: unsupported("createIssue"),
    updateIssue: unsupported("updateIssue"),
    addSubIssue: unsupported("addSubIssue"),
    createReview: unsupported("createReview"),
    createCheckRun: unsupported("createCheckRun"),
    updateBranch: unsupported("updateBranch"),
    enableAutoMerge: unsupported("enableAutoMerge"),
    disableAutoMerge: unsupported("disableAutoMerge"),
    mergePullRequest: unsupported("mergePullRequest"),
    enqueuePullRequest: unsupported("enqueuePullRequest"),
    async addLabels(issue, labels) {
      if (labels.length > 0) writes.push({ method: "addLabels", issue, labels: [...labels] });
    },
    async removeLabel(issue, label2) {
      writes.push({ method: "removeLabel", issue, label: label2 });
    },
    async createComment(issue, body) {
      const ref = nextRef();
      writes.push({ method: "createComment", issue, body, ref });
      return comment(ref, body);
    },
    async updateComment(commentId, body) {
      writes.push({ method: "updateComment", commentId, body });
      return comment(commentId, body);
    },
    async upsertComment(issue, marker, body, author, known) {
      const ref = nextRef();
      const existing = known !== void 0 ? known ?? void 0 : issue > 0 ? await opts.reader.findCommentByMarker(issue, marker, author) : void 0;
      writes.push({ method: "upsertComment", issue, marker: { ...marker }, body, ref });
      return { comment: comment(existing?.id ?? ref, body), created: !existing, changed: true };
    },
    async createPullRequest(input) {
      const ref = nextRef();
      writes.push({
        method: "createPullRequest",
        title: input.title,
        body: input.body,
        head: input.head,
        base: input.base,
        ...input.draft !== void 0 ? { draft: input.draft } : {},
        ref
      });
      return placeholderPull(ref, input, pushed.get(input.head) ?? "", repoFullName, bot, when());
    },
    async updatePullRequest(pr, input) {
      writes.push({ method: "updatePullRequest", pr, ...input });
      const current = pr > 0 ? await opts.reader.getPullRequest(pr) : placeholderPull(pr, { title: "", body: "", head: "", base: "" }, "", repoFullName, bot, when());
      return {
        ...current,
        ...input.title !== void 0 ? { title: input.title } : {},
        ...input.body !== void 0 ? { body: input.body } : {},
        ...input.state ? { state: input.state } : {}
      };
    },
    async replyToReviewThread(threadId, body) {
      const ref = nextRef();
      writes.push({ method: "replyToReviewThread", threadId, body });
      return { id: "", databaseId: ref, body, author: bot, authorAssociation: "NONE", createdAt: when(), url: "" };
    },
    async resolveReviewThread(threadId) {
      writes.push({ method: "resolveReviewThread", threadId });
    },
    async requestReviewers(pr, reviewers) {
      if (reviewers.length > 0) writes.push({ method: "requestReviewers", pr, reviewers: [...reviewers] });
    },
    async dispatchWorkflow(workflow, ref, inputs) {
      writes.push({ method: "dispatchWorkflow", workflow, ref, ...inputs ? { inputs: { ...inputs } } : {} });
    },
    async addReaction(target, content) {
      writes.push({ method: "addReaction", target: { ...target }, content });
    }
  };
  const git = (port, rules) => ({
    // Everything is real (fetch, checkout, commits) except the push: the commit stays local
    // and lands in the bundle. The push is held to the same branch rules as a real one.
    root: port.root,
    headSha: () => port.headSha(),
    currentBranch: () => port.currentBranch(),
    branchExists: async (name, where) => where === "remote" && pushed.has(name) || port.branchExists(name, where),
    checkoutNewBranch: (name, from) => port.checkoutNewBranch(name, from),
    checkout: (name) => port.checkout(name),
    fetch: (ref) => port.fetch(ref),
    pendingChanges: () => port.pendingChanges(),
    changedFiles: (b) => port.changedFiles(b),
    diff: (b, o) => port.diff(b, o),
    commitAll: (message, o) => port.commitAll(message, o),
    mergeBase: (b, o) => port.mergeBase(b, o),
    resetHard: (ref) => port.resetHard(ref),
    async push(branch, pushOpts = {}) {
      const refusal = pushRefusal(branch, rules);
      if (refusal) throw refusal;
      if (await port.currentBranch() !== branch)
        throw new Error(`split mode records pushes of the checked-out branch only, not ${branch}`);
      const sha2 = await port.headSha();
      const before = pushed.get(branch);
      pushed.set(branch, sha2);
      writes.push({ method: "push", branch, sha: sha2, forceWithLease: pushOpts.forceWithLease ?? false });
      return { pushed: before !== sha2, sha: sha2 };
    }
  });
  return {
    writer,
    writes,
    steps,
    intentLog: { record: (step) => steps.push({ facts: step.facts, intents: [...step.intents], verdicts: step.verdicts }) },
    git
  };
}
function placeholderPull(ref, input, headSha, repoFullName, author, at) {
  return {
    number: ref,
    nodeId: "",
    id: ref,
    title: input.title,
    body: input.body,
    state: "open",
    draft: input.draft ?? false,
    merged: false,
    labels: [],
    author,
    authorAssociation: "NONE",
    head: { ref: input.head, sha: headSha, repoFullName },
    base: { ref: input.base, sha: "" },
    url: "",
    createdAt: at,
    updatedAt: at
  };
}
function recordingDeps(deps, recorder, defaultBranch) {
  const base = deps.git ?? ((o) => openGit({ root: deps.workspace, defaultBranch, env: deps.env, ...o ?? {} }));
  return {
    ...deps,
    github: { reader: deps.github.reader, writer: recorder.writer },
    git: (o) => recorder.git(base(o), { defaultBranch, ...o?.extraBranches ? { extraBranches: o.extraBranches } : {} }),
    intentLog: recorder.intentLog
  };
}

// actions/shared/split/verify.ts
async function verifyArtifact(artifact, deps) {
  const problems = [];
  const plan = { texts: /* @__PURE__ */ new Map(), extraBranches: [] };
  const fail = (rule, at, reason) => {
    problems.push({ rule, at, reason });
  };
  if (artifact.automation !== deps.automation)
    fail("artifact-automation", "automation", `written for ${artifact.automation}, applied by ${deps.automation}`);
  if (artifact.repo.toLowerCase() !== deps.repo.toLowerCase())
    fail("artifact-repo", "repo", `written for ${artifact.repo}, applied in ${deps.repo}`);
  if (artifact.workflowRunId !== deps.workflowRunId)
    fail("artifact-run", "workflowRunId", `written by workflow run ${artifact.workflowRunId}, applied by ${deps.workflowRunId}`);
  if (artifact.base.branch !== deps.defaultBranch)
    fail("artifact-base", "base.branch", `based on ${artifact.base.branch}; the default branch is ${deps.defaultBranch}`);
  else if (!await hasCommit(deps.raw, artifact.base.sha) || !await isAncestor(deps.raw, artifact.base.sha, `refs/remotes/origin/${deps.defaultBranch}`)) {
    fail("artifact-base", "base.sha", `${artifact.base.sha.slice(0, 12)} is not on ${deps.defaultBranch}`);
  }
  if (problems.length > 0) return { problems, plan };
  const allowed = SPLIT_WRITES[deps.automation] ?? [];
  artifact.writes.forEach((w, i) => {
    if (!allowed.includes(w.method)) fail("write-not-allowed", `writes.${i}`, `${deps.automation} does not ${w.method} in split mode`);
  });
  const created = /* @__PURE__ */ new Map();
  const refOk = (n, at, kind) => {
    if (n > 0) return true;
    const by = created.get(n);
    const ok = kind === "pr" ? by === "createPullRequest" : by === "createComment" || by === "upsertComment";
    if (!ok) fail("unknown-placeholder", at, `${n} names nothing an earlier write created`);
    return ok;
  };
  const numbers = /* @__PURE__ */ new Set();
  for (const w of artifact.writes) {
    if ("issue" in w && w.issue > 0) numbers.add(w.issue);
    if ("pr" in w && w.pr > 0) numbers.add(w.pr);
  }
  const named = deps.issueNumber ?? (deps.event.kind === "unsupported" ? void 0 : deps.event.subject?.number);
  const [subjectNumber, ...others] = named !== void 0 && numbers.has(named) ? [named, ...[...numbers].filter((n) => n !== named)] : [...numbers];
  for (const n of others)
    fail("target-not-allowed", "writes", `#${n}: a run writes to one issue or pull request, and this one writes to #${subjectNumber} too`);
  let comments = [];
  if (subjectNumber !== void 0) {
    try {
      const said = deps.event.kind === "unsupported" ? void 0 : deps.event.subject;
      plan.subject = await liveSubject(deps.reader, subjectNumber, said?.number === subjectNumber ? said.type : void 0);
    } catch (e) {
      fail("target-not-allowed", "writes", `#${subjectNumber} cannot be read: ${errorMessage(e)}`);
      return { problems, plan };
    }
    const mismatch = eventMismatch(plan.subject, deps.event, deps.issueNumber);
    if (mismatch) fail("subject-mismatch", "writes", mismatch);
    comments = await deps.reader.listComments(subjectNumber);
    const other = comments.filter((c) => c.author.login === deps.config.trust.botLogin).map((c) => parseClaim(c.body)).find((c) => c && !c.releasedAt && !isClaimExpired(c, deps.now) && c.runId !== artifact.runId);
    if (other)
      fail(
        "subject-claimed",
        "writes",
        `#${subjectNumber} is claimed by ${other.owner} (run ${other.runId}) until ${other.leaseExpiresAt}`
      );
    if (plan.subject.type === "pr" && plan.subject.headRef && plan.subject.headInRepo && plan.subject.labels.includes(ASSIST)) {
      plan.extraBranches = [plan.subject.headRef];
    }
  }
  const policy = policyConfigFrom(deps.config, { defaultBranch: deps.defaultBranch });
  const hosts = allowedHostsFor(deps.config.outputs?.allowedHosts, deps.serverUrl);
  const labels = /* @__PURE__ */ new Map();
  if (plan.subject) labels.set(plan.subject.number, [...plan.subject.labels]);
  const pushed = /* @__PURE__ */ new Map();
  const liveAttempts = subjectNumber === void 0 ? {} : attemptsOf(comments, subjectNumber, deps.config.trust.botLogin);
  let threads;
  const threadIds = async () => {
    threads ??= new Set(plan.subject?.type === "pr" ? (await deps.reader.listReviewThreads(plan.subject.number)).map((t) => t.id) : []);
    return threads;
  };
  const checkText = (i, field, text2) => {
    const at = `writes.${i}.${field}`;
    const out = checkOutbound(text2, { redact: (t) => deps.redactor.redact(t), allowedHosts: hosts });
    if (!out.ok) return fail(out.rule, at, out.reason);
    plan.texts.set(i, { ...plan.texts.get(i), [field]: out.text });
    const mentions = findMentions(text2);
    const broadcast = [...mentions.teams, ...mentions.broadcast];
    if (broadcast.length > 0) return fail("broadcast-mention", at, `mentions a team or everyone (@${broadcast[0]})`);
    const max = policy.maxMentions ?? 3;
    if (mentions.users.length > max) return fail("too-many-mentions", at, `mentions ${mentions.users.length} people; at most ${max}`);
    for (const m of findMarkers(text2)) {
      const why = markerRefusal(m, { automation: deps.automation, subject: subjectNumber, runId: artifact.runId, liveAttempts });
      if (why) return fail(why.rule, at, why.reason);
    }
  };
  for (let i = 0; i < artifact.writes.length; i++) {
    const w = artifact.writes[i];
    const at = `writes.${i}`;
    switch (w.method) {
      case "addLabels":
      case "removeLabel": {
        if (!refOk(w.issue, at, "pr")) break;
        const group = [w];
        while (isLabelWrite(artifact.writes[i + 1], w.issue)) group.push(artifact.writes[++i]);
        const add = group.flatMap((g) => g.method === "addLabels" ? g.labels : []);
        const remove = group.flatMap((g) => g.method === "removeLabel" ? [g.label] : []);
        const bad = [...add, ...remove].find((l) => !policy.isAllowedLabel(l));
        if (bad) {
          fail("label-not-allowed", at, `label "${bad}" is not in the factory's label set`);
          break;
        }
        const type = w.issue > 0 ? plan.subject?.type ?? "issue" : "pr";
        const current = labels.get(w.issue) ?? [];
        const move = checkTransition({
          automation: deps.automation,
          subject: type,
          current,
          add,
          remove,
          extraLabels: deps.config.labels.extra
        });
        if (!move.ok) fail("label-transition", at, move.reason);
        else labels.set(w.issue, move.next);
        break;
      }
      case "createComment":
        refOk(w.issue, at, "pr");
        checkText(i, "body", w.body);
        created.set(w.ref, w.method);
        break;
      case "upsertComment":
        refOk(w.issue, at, "pr");
        if (w.marker.kind !== deps.automation)
          fail("forged-marker", `${at}.marker`, `the marker kind is ${w.marker.kind}, not ${deps.automation}`);
        checkText(i, "body", w.body);
        created.set(w.ref, w.method);
        break;
      case "updateComment": {
        if (w.commentId > 0) {
          const comment = comments.find((c) => c.id === w.commentId);
          if (!comment || comment.author.login !== deps.config.trust.botLogin) {
            fail("comment-not-ours", at, `comment ${w.commentId} is not the factory's own comment on #${subjectNumber ?? "?"}`);
            break;
          }
        } else if (!refOk(w.commentId, at, "comment")) break;
        checkText(i, "body", w.body);
        break;
      }
      case "createPullRequest":
        if (!pushed.has(w.head)) fail("pr-branch", `${at}.head`, `${w.head} is not a branch this run pushed`);
        if (w.base !== deps.defaultBranch) fail("pr-branch", `${at}.base`, `pull requests target ${deps.defaultBranch}, not ${w.base}`);
        checkText(i, "title", w.title);
        checkText(i, "body", w.body);
        created.set(w.ref, w.method);
        break;
      case "updatePullRequest":
        if (!refOk(w.pr, at, "pr")) break;
        if (w.pr > 0 && plan.subject?.type !== "pr") fail("target-not-allowed", at, `#${w.pr} is not a pull request of this run`);
        if (w.title !== void 0) checkText(i, "title", w.title);
        if (w.body !== void 0) checkText(i, "body", w.body);
        break;
      case "replyToReviewThread":
      case "resolveReviewThread":
        if (!(await threadIds()).has(w.threadId)) fail("thread-unknown", at, `thread ${w.threadId} is not on #${subjectNumber ?? "?"}`);
        if (w.method === "replyToReviewThread") checkText(i, "body", w.body);
        break;
      case "requestReviewers":
        refOk(w.pr, at, "pr");
        break;
      case "dispatchWorkflow":
        if (!/^factory-[a-z0-9-]+\.ya?ml$/.test(w.workflow) || w.ref !== deps.defaultBranch) {
          fail("dispatch-not-allowed", at, `only factory workflows on ${deps.defaultBranch} may be started, not ${w.workflow} on ${w.ref}`);
        }
        break;
      case "addReaction":
        break;
      case "push": {
        const why = await checkPush(w, at, deps, plan);
        if (why) fail(why.rule, why.at, why.reason);
        else pushed.set(w.branch, w.sha);
        break;
      }
    }
  }
  artifact.steps.forEach((step, s) => {
    const result = evaluateIntentFile(step, `steps.${s}`, {
      automation: deps.automation,
      config: policy,
      redact: (t) => deps.redactor.redact(t),
      facts: {
        repo: deps.repo,
        allowedKinds: step.facts.allowedKinds.filter((k) => DEFAULT_ALLOWED_KINDS[deps.automation].includes(k)),
        defaultBranch: deps.defaultBranch,
        allowedTargets: subjectNumber !== void 0 ? [subjectNumber] : [],
        allowProtectedPaths: [],
        pushableBranches: plan.extraBranches
      }
    });
    if (step.facts.subject && subjectNumber !== void 0 && step.facts.subject.number !== subjectNumber) {
      fail(
        "subject-mismatch",
        `steps.${s}.facts.subject`,
        `the agent step was about #${step.facts.subject.number}; the writes are about #${subjectNumber}`
      );
    }
    step.entries.forEach((entry, e) => {
      if (!entry.accepted) return;
      const rejection = result.rejected.find((r) => r.intent === entry.intent);
      if (rejection) fail(rejection.rule, `steps.${s}.entries.${e}`, `${entry.intent.kind}: ${rejection.reason}`);
    });
  });
  return { problems, plan };
}
function isLabelWrite(w, issue) {
  return (w?.method === "addLabels" || w?.method === "removeLabel") && w.issue === issue;
}
async function liveSubject(reader, n, said) {
  if (said === "pr") {
    try {
      return prSubject(reader, await reader.getPullRequest(n));
    } catch (e) {
      if (!isStatus(e, 404)) throw e;
    }
  }
  const issue = await reader.getIssue(n);
  if (!issue.isPullRequest) return { type: "issue", number: n, labels: issue.labels, authorLogin: issue.author.login };
  return prSubject(reader, await reader.getPullRequest(n));
}
function prSubject(reader, pr) {
  const n = pr.number;
  const repo = `${reader.repo.owner}/${reader.repo.repo}`.toLowerCase();
  return {
    type: "pr",
    number: n,
    labels: pr.labels,
    authorLogin: pr.author.login,
    headRef: pr.head.ref,
    headInRepo: pr.head.repoFullName.toLowerCase() === repo
  };
}
function eventMismatch(subject, event, issueNumber) {
  if (issueNumber !== void 0 && issueNumber !== subject.number)
    return `the run was asked for #${issueNumber}, the writes are about #${subject.number}`;
  if (event.kind === "unsupported") return void 0;
  if (event.subject && event.subject.number !== subject.number)
    return `the event is about #${event.subject.number}, the writes are about #${subject.number}`;
  if (event.kind === "workflow_run") {
    const branch = event.payload.workflow_run.head_branch;
    if (subject.type !== "pr" || subject.headRef !== branch)
      return `the failed run was on ${branch ?? "(no branch)"}, the writes are about #${subject.number}`;
  }
  return void 0;
}
function attemptsOf(comments, subject, botLogin) {
  const mine = comments.find(
    (c) => c.author.login === botLogin && findMarkers(c.body).some((m) => m.kind === ATTEMPTS_KIND && m.key === String(subject))
  );
  return mine ? { ...parseCounters(mine.body, subject) } : {};
}
function markerRefusal(m, ctx) {
  const forged = (why) => ({ rule: "forged-marker", reason: `marker factory:${m.kind}:${m.key} ${why}` });
  if (m.kind === ctx.automation) return void 0;
  if (m.kind === CLAIM_KIND) {
    const claim = parseClaim(`<!-- factory:${m.kind}:${m.key} ${JSON.stringify(m.data ?? {})} -->`);
    if (m.key !== String(ctx.subject) || !claim || claim.runId !== ctx.runId || claim.owner !== ctx.automation) {
      return forged(`is not this run's claim on #${ctx.subject ?? "?"}`);
    }
    return void 0;
  }
  if (m.kind === ATTEMPTS_KIND) {
    if (m.key !== String(ctx.subject)) return forged(`counts attempts of another subject than #${ctx.subject ?? "?"}`);
    const next = parseCounters(`<!-- factory:${m.kind}:${m.key} ${JSON.stringify(m.data ?? {})} -->`, ctx.subject ?? 0);
    const lowered = Object.entries(ctx.liveAttempts).find(([name, value]) => (next[name] ?? 0) < value);
    if (lowered)
      return { rule: "attempts-lowered", reason: `the ${lowered[0]} counter would go from ${lowered[1]} to ${next[lowered[0]] ?? 0}` };
    return void 0;
  }
  return forged(`is not one ${ctx.automation} writes`);
}
async function checkPush(w, at, deps, plan) {
  const refusal = pushRefusal(w.branch, { defaultBranch: deps.defaultBranch, extraBranches: plan.extraBranches });
  if (refusal) return { rule: "push-branch", at: `${at}.branch`, reason: refusal.message };
  if (plan.subject?.type === "pr" && !plan.subject.headInRepo) {
    return { rule: "push-branch", at: `${at}.branch`, reason: `#${plan.subject.number}'s branch lives in another repository` };
  }
  if (plan.subject?.type === "pr" && w.branch !== plan.subject.headRef) {
    return {
      rule: "push-branch",
      at: `${at}.branch`,
      reason: `this run may push only #${plan.subject.number}'s branch ${plan.subject.headRef ?? "?"}, not ${w.branch}`
    };
  }
  if (plan.subject?.type === "issue" && !w.branch.startsWith(`factory/${plan.subject.number}-`)) {
    return {
      rule: "push-branch",
      at: `${at}.branch`,
      reason: `work on #${plan.subject.number} goes to a factory/${plan.subject.number}-\u2026 branch, not ${w.branch}`
    };
  }
  if (!await hasCommit(deps.raw, w.sha))
    return { rule: "push-missing", at: `${at}.sha`, reason: `${w.sha.slice(0, 12)} is neither in the bundle nor on the remote` };
  await checkoutAt(deps.git, w.branch, w.sha);
  const base = `origin/${deps.defaultBranch}`;
  const files = await deps.git.changedFiles(base);
  const guard = checkChanges(files, {
    protectedPaths: [...deps.config.risk.protectedPaths],
    writableProtectedPaths: deps.config.risk.writableProtectedPaths,
    maxFiles: Number.MAX_SAFE_INTEGER,
    maxChangedLines: Number.MAX_SAFE_INTEGER
  });
  if (!guard.ok) {
    const rule = guard.rule === "protected-path" ? "push-protected-path" : "push-guard";
    return { rule, at: "bundle", reason: `${w.branch} at ${w.sha.slice(0, 12)}: ${guard.reason}` };
  }
  const paths = touched(files);
  const policyCtx = {
    automation: deps.automation,
    repo: deps.repo,
    allowedKinds: ["push"],
    allowedTargets: [],
    openedByFactory: [],
    threads: {},
    risk: "low",
    defaultBranch: deps.defaultBranch,
    diffFiles: paths,
    pushableBranches: plan.extraBranches,
    config: policyConfigFrom(deps.config, { defaultBranch: deps.defaultBranch }),
    redact: (t) => deps.redactor.redact(t)
  };
  const rejected = evaluateIntents([{ kind: "push", branch: w.branch, files: paths }], policyCtx).rejected[0];
  if (rejected) return { rule: rejected.rule, at: "bundle", reason: `${w.branch} at ${w.sha.slice(0, 12)}: ${rejected.reason}` };
  const diff = await deps.git.diff(base, { maxBytes: 5 * 1024 * 1024 });
  if (checkSecret(diff, (t) => deps.redactor.redact(t)))
    return { rule: "secret-in-diff", at: "bundle", reason: `the diff of ${w.branch} contains a value that looks like a secret` };
  return void 0;
}
async function checkoutAt(git, branch, sha2) {
  if (await git.branchExists(branch, "local")) {
    if (await git.currentBranch() !== branch) await git.checkout(branch);
    await git.resetHard(sha2);
  } else {
    await git.checkoutNewBranch(branch, sha2);
  }
}
function touched(files) {
  return [...new Set(files.flatMap((f) => f.previousFilename ? [f.filename, f.previousFilename] : [f.filename]))];
}

// actions/shared/split/phases.ts
function splitsByDefault(automation) {
  return SPLIT_WRITES[automation] !== void 0;
}
function assertSplit(automation) {
  if (!splitsByDefault(automation)) {
    throw new ConfigError(`input "phase": ${automation} writes no code and runs in one job; use phase: single`);
  }
}
async function runAgentPhase(run, deps, inputs, opts) {
  assertSplit(deps.automation);
  const { reader } = deps.github;
  const defaultBranch = (await reader.getRepository()).defaultBranch;
  const raw = splitRunner(deps.workspace, deps.env);
  const baseSha = await revParse(raw, `refs/remotes/origin/${defaultBranch}`).catch(() => revParse(raw, "HEAD"));
  const recorder = createRecorder({ reader, botLogin: deps.config.trust.botLogin, now: () => deps.clock.now() });
  let reported;
  try {
    reported = await run(recordingDeps(deps, recorder, defaultBranch), inputs);
  } catch (e) {
    if (isConfigError(e)) throw e;
    reported = { outcome: "failed", summary: errorMessage(e), details: [errorDetail(e)], records: [] };
  }
  if (!deps.dryRun) await writeArtifact(deps, recorder, { defaultBranch, baseSha, result: reported, opts, raw });
  const writes = deps.dryRun ? 0 : recorder.writes.length;
  const unnumbered = (line) => line.replace(/#-\d+\b/g, "#(new)");
  return {
    ...reported,
    summary: `${unnumbered(reported.summary)} (agent job: ${writes} write(s) left for the apply job)`,
    details: reported.details.map(unnumbered),
    writes
  };
}
async function writeArtifact(deps, recorder, ctx) {
  fs2.mkdirSync(ctx.opts.dir, { recursive: true });
  const shas = recorder.writes.flatMap((w) => w.method === "push" ? [w.sha] : []);
  await createBundle(ctx.raw, shas, path.join(ctx.opts.dir, BUNDLE_FILE));
  const { reader } = deps.github;
  const artifact = {
    version: SPLIT_ARTIFACT_VERSION,
    automation: deps.automation,
    repo: `${reader.repo.owner}/${reader.repo.repo}`,
    workflowRunId: ctx.opts.workflowRunId,
    runId: deps.runId,
    createdAt: deps.clock.now().toISOString(),
    base: { branch: ctx.defaultBranch, sha: ctx.baseSha },
    writes: recorder.writes,
    steps: recorder.steps.map(
      (s) => buildIntentFile({ runId: deps.runId, createdAt: deps.clock.now(), facts: s.facts, intents: s.intents, verdicts: s.verdicts })
    ),
    result: {
      outcome: ctx.result.outcome,
      summary: ctx.result.summary.replace(/#-\d+\b/g, "#(new)"),
      details: ctx.result.details.slice(0, 50)
    }
  };
  const clean = deps.redactor.redactDeep(artifact);
  fs2.writeFileSync(path.join(ctx.opts.dir, ARTIFACT_FILE), serializeArtifact(clean));
}
var SplitRefusal = class extends Error {
  constructor(problems) {
    super(`the apply job refused the agent job's artifact: ${problems.map((p) => `${p.rule} at ${p.at}`).join("; ")}`);
    this.problems = problems;
  }
  problems;
  name = "SplitRefusal";
};
async function runApplyPhase(deps, inputs, opts) {
  assertSplit(deps.automation);
  const file = path.join(opts.dir, ARTIFACT_FILE);
  if (!fs2.existsSync(file)) {
    return {
      outcome: "no-op",
      summary: `no artifact from the agent job at ${file}: nothing to apply`,
      details: [],
      records: [],
      writes: 0
    };
  }
  const artifact = parseArtifact(fs2.readFileSync(file, "utf8"), ARTIFACT_FILE);
  const { reader, writer } = deps.github;
  const repository = await reader.getRepository();
  const defaultBranch = repository.defaultBranch;
  const raw = splitRunner(deps.workspace, deps.env);
  const openBase = deps.git ?? ((o) => openGit({ root: deps.workspace, defaultBranch, env: deps.env, ...o ?? {} }));
  const probe = openBase();
  await probe.fetch();
  const bundleProblem = await importBundle(raw, path.join(opts.dir, BUNDLE_FILE));
  const verified = bundleProblem ? { problems: [{ rule: "bundle", at: "bundle", reason: bundleProblem }], plan: void 0 } : await verifyArtifact(artifact, {
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
    ...inputs.issueNumber !== void 0 ? { issueNumber: inputs.issueNumber } : {},
    ...deps.env.GITHUB_SERVER_URL ? { serverUrl: deps.env.GITHUB_SERVER_URL } : {},
    now: deps.clock.now()
  });
  const details = [`agent job: ${artifact.result.outcome}: ${artifact.result.summary}`];
  if (verified.problems.length > 0 || !verified.plan) {
    for (const p of verified.problems) deps.logger.error(`refused ${p.at} [${p.rule}]: ${p.reason}`);
    const refusal = new SplitRefusal(verified.problems);
    return {
      outcome: "refused",
      summary: `${refusal.message}; nothing was written`,
      details: [...details, ...verified.problems.map((p) => `refused ${p.at} [${p.rule}]: ${p.reason}`)],
      records: [],
      writes: 0,
      problems: verified.problems
    };
  }
  const plan = verified.plan;
  if (deps.dryRun) {
    const would = artifact.writes.map((w, i) => `[dry-run] would ${w.method} (writes.${i})`);
    return {
      outcome: "completed",
      summary: `the artifact passed every check; dry run: ${artifact.writes.length} write(s) not made`,
      details: [...details, ...would],
      records: [],
      writes: 0
    };
  }
  const git = plan.extraBranches.length ? openBase({ extraBranches: plan.extraBranches }) : probe;
  const done = await replay(artifact.writes, { writer, git, plan, deps, details });
  const outcome = done.error ? "failed" : artifact.writes.length === 0 ? "no-op" : artifact.result.outcome;
  return {
    outcome,
    summary: done.error ? `replayed ${done.count} of ${artifact.writes.length} write(s), then: ${done.error}` : `applied ${done.count} write(s) of the agent job${done.pullRequest ? `; pull request #${done.pullRequest}` : ""}`,
    details,
    records: [],
    writes: done.count
  };
}
var BEST_EFFORT = /* @__PURE__ */ new Set(["requestReviewers", "dispatchWorkflow", "addReaction"]);
async function replay(writes, ctx) {
  const { writer, git, plan, deps, details } = ctx;
  const ids = /* @__PURE__ */ new Map();
  const real = (n) => n > 0 ? n : ids.get(n) ?? n;
  const text2 = (i, field, fallback) => plan.texts.get(i)?.[field] ?? fallback;
  let count = 0;
  let pullRequest;
  for (let i = 0; i < writes.length; i++) {
    const w = writes[i];
    try {
      switch (w.method) {
        case "addLabels":
          await writer.addLabels(real(w.issue), w.labels);
          details.push(`labelled #${real(w.issue)} ${w.labels.join(", ")}`);
          break;
        case "removeLabel":
          await writer.removeLabel(real(w.issue), w.label);
          details.push(`removed ${w.label} from #${real(w.issue)}`);
          break;
        case "createComment":
          ids.set(w.ref, (await writer.createComment(real(w.issue), text2(i, "body", w.body))).id);
          details.push(`commented on #${real(w.issue)}`);
          break;
        case "updateComment":
          await writer.updateComment(real(w.commentId), text2(i, "body", w.body));
          details.push(`edited comment ${real(w.commentId)}`);
          break;
        case "upsertComment": {
          const { comment } = await writer.upsertComment(real(w.issue), w.marker, text2(i, "body", w.body), deps.config.trust.botLogin);
          ids.set(w.ref, comment.id);
          details.push(`wrote the ${w.marker.key} comment on #${real(w.issue)}`);
          break;
        }
        case "createPullRequest": {
          const [open] = await deps.github.reader.listPullRequests({ state: "open", head: `${writer.repo.owner}:${w.head}` });
          const title = text2(i, "title", w.title);
          const body = text2(i, "body", w.body);
          const pr = open ? await writer.updatePullRequest(open.number, { title, body }) : await writer.createPullRequest({
            title,
            body,
            head: w.head,
            base: w.base,
            ...w.draft !== void 0 ? { draft: w.draft } : {}
          });
          ids.set(w.ref, pr.number);
          pullRequest = pr.number;
          details.push(`${open ? "updated" : "opened"} pull request #${pr.number} from ${w.head}`);
          break;
        }
        case "updatePullRequest":
          await writer.updatePullRequest(real(w.pr), {
            ...w.title !== void 0 ? { title: text2(i, "title", w.title) } : {},
            ...w.body !== void 0 ? { body: text2(i, "body", w.body) } : {},
            ...w.state ? { state: w.state } : {}
          });
          details.push(`updated pull request #${real(w.pr)}`);
          break;
        case "replyToReviewThread":
          await writer.replyToReviewThread(w.threadId, text2(i, "body", w.body));
          details.push(`replied to thread ${w.threadId}`);
          break;
        case "resolveReviewThread":
          await writer.resolveReviewThread(w.threadId);
          details.push(`resolved thread ${w.threadId}`);
          break;
        case "requestReviewers":
          await writer.requestReviewers(real(w.pr), w.reviewers);
          details.push(`asked ${w.reviewers.join(", ")} to review #${real(w.pr)}`);
          break;
        case "dispatchWorkflow":
          if (deps.appToken) {
            details.push(`did not dispatch ${w.workflow}: the App token's writes start it`);
            break;
          }
          await writer.dispatchWorkflow(w.workflow, w.ref, w.inputs);
          details.push(`dispatched ${w.workflow}`);
          break;
        case "addReaction":
          await writer.addReaction({ kind: w.target.kind, id: real(w.target.id) }, w.content);
          break;
        case "push": {
          await checkoutAt(git, w.branch, w.sha);
          const result = await git.push(w.branch, { forceWithLease: w.forceWithLease });
          details.push(result.pushed ? `pushed ${w.branch} at ${w.sha.slice(0, 12)}` : `${w.branch} is already at ${w.sha.slice(0, 12)}`);
          break;
        }
      }
      count++;
    } catch (e) {
      const message = deps.redactor.redact(errorMessage(e));
      if (BEST_EFFORT.has(w.method)) {
        details.push(`could not ${w.method} (writes.${i}): ${message}`);
        count++;
        continue;
      }
      details.push(`failed at writes.${i} (${w.method}): ${message}`);
      return { count, error: `writes.${i} (${w.method}) failed: ${message}`, ...pullRequest ? { pullRequest } : {} };
    }
  }
  return { count, ...pullRequest ? { pullRequest } : {} };
}
export {
  SplitRefusal,
  runAgentPhase,
  runApplyPhase,
  splitsByDefault
};
