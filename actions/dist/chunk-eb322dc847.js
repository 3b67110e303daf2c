import { createRequire as __factoryCreateRequire } from 'node:module';
const require = __factoryCreateRequire(import.meta.url);
import {
  splitCommandLine
} from "./chunk-90cfc56197.js";
import {
  isIsolationUnavailable
} from "./chunk-60103dcc72.js";
import {
  evaluateIntents
} from "./chunk-e970019b7c.js";
import {
  checkChanges,
  openGit
} from "./chunk-29a1428ccc.js";
import {
  checkSecret
} from "./chunk-64c3aea864.js";
import {
  neutralize
} from "./chunk-71acfe59dc.js";
import {
  hasMarker,
  withMarker
} from "./chunk-cd4c9ed0f2.js";
import {
  errorMessage
} from "./chunk-eebc0eba86.js";

// actions/shared/automation/git-applier.ts
var GitApplyRefusal = class extends Error {
  constructor(rule, message) {
    super(message);
    this.rule = rule;
  }
  rule;
  name = "GitApplyRefusal";
};
function isGitApplyRefusal(e) {
  return e instanceof GitApplyRefusal || e instanceof Error && e.name === "GitApplyRefusal";
}
var DEFAULT_MAX_DIFF_BYTES = 5 * 1024 * 1024;
function createGitApplier(opts) {
  let pushed;
  let pullRequest;
  let refusal;
  const remember = async (fn) => {
    try {
      return await fn();
    } catch (e) {
      if (isGitApplyRefusal(e)) refusal = e;
      throw e;
    }
  };
  const base = `origin/${opts.defaultBranch}`;
  const { reader, writer } = opts.github;
  const findPullRequest = async () => {
    const repo = `${reader.repo.owner}/${reader.repo.repo}`.toLowerCase();
    const open = await reader.listPullRequests({ state: "open" });
    return open.find((p) => p.head.ref === opts.branch && p.head.repoFullName.toLowerCase() === repo) ?? open.find((p) => hasMarker(p.body, opts.prMarker) && (opts.botLogin === void 0 || p.author.login === opts.botLogin));
  };
  const defaultCompose = async (intent) => ({
    title: neutralize(intent.title),
    body: [neutralize(intent.body), ...intent.fixes ? [`Fixes #${intent.fixes}`] : []].join("\n\n")
  });
  const applier = {
    get pushed() {
      return pushed;
    },
    get pullRequest() {
      return pullRequest;
    },
    get refusal() {
      return refusal;
    },
    findPullRequest,
    push: (intent) => remember(() => push(intent)),
    openPullRequest: (intent) => remember(() => openPullRequest(intent))
  };
  return applier;
  async function push(intent) {
    if (intent.branch !== opts.branch) {
      throw new GitApplyRefusal("wrong-branch", `this run may only push ${opts.branch}, not ${intent.branch}`);
    }
    const current = await opts.git.currentBranch();
    if (current !== opts.branch) {
      throw new GitApplyRefusal("wrong-branch", `the workspace is on ${current || "a detached HEAD"}, not ${opts.branch}`);
    }
    const inMessage = checkSecret(opts.commit.message, (t) => opts.redactor.redact(t));
    if (inMessage) throw new GitApplyRefusal("secret-in-output", `refused: the commit message ${inMessage.reason}`);
    await opts.git.commitAll(opts.commit.message, {
      author: opts.commit.author,
      ...opts.commit.committer ? { committer: opts.commit.committer } : {},
      ...opts.commit.coAuthors?.length ? { coAuthors: opts.commit.coAuthors } : {}
    });
    const files = await opts.git.changedFiles(base);
    if (files.length === 0)
      throw new GitApplyRefusal("no-changes", `nothing to push: ${opts.branch} has no changes against ${opts.defaultBranch}`);
    const guard = checkChanges(files, opts.rules);
    if (!guard.ok) throw new GitApplyRefusal("guard", `refused by the change guard (${guard.rule}): ${guard.reason}`);
    const policy = opts.checkPolicy?.(intent, files);
    if (policy) throw new GitApplyRefusal("policy", `refused by policy: ${policy}`);
    const diff = await opts.git.diff(base, { maxBytes: opts.maxDiffBytes ?? DEFAULT_MAX_DIFF_BYTES });
    if (opts.redactor.redact(diff) !== diff) {
      throw new GitApplyRefusal("secret-in-diff", "refused: the diff contains a value that looks like a secret");
    }
    await opts.beforePush?.(files);
    const result = await opts.git.push(opts.branch);
    pushed = { branch: opts.branch, sha: result.sha, files };
    const summary = `${files.length} file(s) at ${result.sha.slice(0, 12)}`;
    return result.pushed ? { status: "applied", detail: `pushed ${opts.branch}: ${summary}` } : { status: "unchanged", detail: `${opts.branch} is already at ${result.sha.slice(0, 12)}` };
  }
  async function openPullRequest(intent) {
    if (intent.head !== opts.branch) {
      throw new GitApplyRefusal("wrong-branch", `this run may only open a pull request from ${opts.branch}, not ${intent.head}`);
    }
    if (intent.base !== opts.defaultBranch) {
      throw new GitApplyRefusal("wrong-branch", `pull requests target ${opts.defaultBranch}, not ${intent.base}`);
    }
    if (!pushed && !await opts.git.branchExists(opts.branch, "remote")) {
      throw new GitApplyRefusal("not-pushed", `${opts.branch} was not pushed; there is nothing to open a pull request from`);
    }
    const { title, body } = await (opts.composePullRequest ?? defaultCompose)(intent, pushed);
    for (const [field, text] of [
      ["title", title],
      ["body", body]
    ]) {
      const secret = checkSecret(text, (t) => opts.redactor.redact(t));
      if (secret) throw new GitApplyRefusal("secret-in-output", `refused: the pull request ${field} ${secret.reason}`);
    }
    const marked = withMarker(body, opts.prMarker);
    const existing = await findPullRequest();
    if (existing) {
      pullRequest = existing;
      if (existing.body.trim() === marked.trim() && existing.title === title) {
        return { status: "unchanged", detail: `pull request #${existing.number} already open for ${opts.branch}` };
      }
      pullRequest = await writer.updatePullRequest(existing.number, { title, body: marked });
      return { status: "applied", detail: `updated pull request #${existing.number}` };
    }
    pullRequest = await writer.createPullRequest({ title, body: marked, head: opts.branch, base: opts.defaultBranch });
    return { status: "applied", detail: `opened pull request #${pullRequest.number}` };
  }
}
function noreplyIdentity(user) {
  const email = user.id ? `${user.id}+${user.login}@users.noreply.github.com` : `${user.login}@users.noreply.github.com`;
  return { name: user.login, email };
}

// actions/shared/automation/checks.ts
var DEFAULT_CHECK_TIMEOUT_MS = 10 * 6e4;
var TAIL_CHARS = 3e3;
async function runCheck(command, opts) {
  const [file, ...args] = splitCommandLine(command);
  if (!file) throw new Error(`commands.test is empty`);
  try {
    const r = await opts.executor.run(file, args, {
      cwd: opts.cwd,
      timeoutMs: opts.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS,
      headBytes: 1024,
      tailBytes: 8 * 1024
    });
    const exitCode = r.timedOut ? null : r.exitCode;
    return { command, exitCode, ok: exitCode === 0, timedOut: r.timedOut, tail: tail(opts.redactor.redact(r.output)) };
  } catch (e) {
    if (isIsolationUnavailable(e)) throw e;
    const message = errorMessage(e);
    return { command, exitCode: null, ok: false, timedOut: false, tail: opts.redactor.redact(`could not start ${file}: ${message}`) };
  }
}
function tail(text) {
  const trimmed = text.trimEnd();
  return trimmed.length <= TAIL_CHARS ? trimmed : `\u2026${trimmed.slice(-TAIL_CHARS)}`;
}
function describeCheck(r) {
  if (r.timedOut) return "timed out";
  return r.exitCode === null ? "did not run" : r.ok ? "passed (exit 0)" : `failed (exit ${r.exitCode})`;
}
function testRuns(command, opts, refuses) {
  let before;
  let after;
  return {
    get before() {
      return before;
    },
    get after() {
      return after;
    },
    async runBefore() {
      if (command) before = await runCheck(command, opts);
      return before;
    },
    async beforePush() {
      if (!command) return;
      after = await runCheck(command, opts);
      const refusal = refuses(after, before);
      if (refusal) throw new GitApplyRefusal("checks", refusal);
    }
  };
}

// actions/shared/automation/work.ts
function commitIdentity(config) {
  return { name: config.git.authorName, email: config.git.authorEmail };
}
function coAuthorOf(issue, event, botLogin) {
  const { login, type } = issue.author;
  if (login === botLogin || type === "Bot" || login.endsWith("[bot]") || login === "ghost") return [];
  let id;
  if (event.kind === "issues" && event.subject.number === issue.number && event.payload.issue.user?.login === login) {
    id = event.payload.issue.user.id;
  }
  return [noreplyIdentity({ login, ...id ? { id } : {} })];
}
function commitMessage(issue, runId, redact) {
  const title = redact(issue.title).replace(/[\x00-\x1f\x7f]+/g, " ").replace(/\s+/g, " ").trim();
  const subject = `${title || "Implement issue"} (#${issue.number})`;
  const short = subject.length <= 72 ? subject : `${title.slice(0, 72 - ` (#${issue.number})`.length - 1)}\u2026 (#${issue.number})`;
  return `${short}

Fixes #${issue.number}

Feature builder run ${runId}.
`;
}
function touchedPaths(files) {
  return [...new Set(files.flatMap((f) => f.previousFilename ? [f.filename, f.previousFilename] : [f.filename]))];
}
function explainFailure(step, extra) {
  const tried = [`worked on branch \`${extra.branch}\``];
  if (extra.before) tried.push(`\`${extra.before.command}\` before the change: ${describeCheck(extra.before)}`);
  if (step) {
    const calls = step.agent.toolCalls.length;
    tried.push(
      `the agent ran ${step.agent.turns} turn(s) with ${calls} tool call(s) and stopped (${step.agent.budgetStop ? `budget: ${step.agent.budgetStop.budget}` : step.agent.outcome})`
    );
    for (const r of step.rejected) tried.push(`policy rejected ${r.intent.kind}: ${r.reason}`);
    for (const a of step.applied.results) if (a.status === "failed") tried.push(`${a.intent.kind} failed: ${a.detail}`);
  }
  if (extra.after) tried.push(`\`${extra.after.command}\` after the change: ${describeCheck(extra.after)}`);
  const failedPush = step?.applied.results.find((a) => a.intent.kind === "push" && a.status === "failed")?.detail ?? extra.pushError;
  const rejectedPush = step?.rejected.find((r) => r.intent.kind === "push");
  if (failedPush) return { reason: `the work was not pushed: ${failedPush}`, tried, kind: extra.refused ? "refused" : "failed" };
  if (step?.agent.budgetStop)
    return {
      reason: `the agent ran out of budget (${step.agent.budgetStop.budget}) before the work was done`,
      tried,
      kind: "budget_exhausted"
    };
  if (step?.agent.outcome === "error")
    return { reason: `the agent stopped with an error: ${step.agent.error ?? "unknown"}`, tried, kind: "failed" };
  if (rejectedPush) return { reason: `policy rejected the push: ${rejectedPush.reason}`, tried, kind: "refused" };
  if (extra.changed === 0) return { reason: "the agent did not change any file", tried, kind: "failed" };
  return { reason: "no pull request was opened", tried, kind: "failed" };
}
function nothingWritten() {
  return { applied: [], rejected: [], details: [] };
}
async function pushPendingByCode(step, applier, git, policy, branch) {
  if (applier.pushed || step.accepted.some((i) => i.kind === "push")) return nothingWritten();
  const pending = await git.pendingChanges();
  if (pending.length === 0) return nothingWritten();
  const intent = { kind: "push", branch, files: touchedPaths(pending) };
  const rejected = evaluateIntents([intent], policy).rejected[0];
  if (rejected) return { applied: [], rejected: [rejected], details: [], error: `refused by policy: ${rejected.reason}` };
  try {
    const done = await applier.push(intent);
    return { applied: [{ intent, ...done }], rejected: [], details: [`applied (by code): ${done.detail}`] };
  } catch (e) {
    const message = errorMessage(e);
    return { applied: [{ intent, status: "failed", detail: message }], rejected: [], details: [], error: message };
  }
}
async function pushWork(work, policy, branch, opts = {}) {
  if (!work) return { kind: "not-allowed" };
  const { git, applier, startSha } = work;
  const pending = await git.pendingChanges();
  if (pending.length === 0 && (!startSha || await git.headSha() === startSha)) return { kind: "nothing" };
  const files = opts.merge ? [] : pending.length ? touchedPaths(pending) : touchedPaths(await git.changedFiles(startSha));
  const intent = { kind: "push", branch, files };
  const rejected = evaluateIntents([intent], { ...policy, diffFiles: files }).rejected[0];
  if (rejected) return { kind: "refused", reason: `policy: ${rejected.reason}` };
  try {
    await applier.push(intent);
  } catch (e) {
    return { kind: "refused", reason: errorMessage(e) };
  }
  const sha = applier.pushed?.sha;
  if (!sha || sha === startSha) return { kind: "nothing" };
  return { kind: "pushed", sha, files: opts.merge ? touchedPaths(applier.pushed?.files ?? []) : files };
}

// actions/shared/automation/workspace.ts
import * as fs from "node:fs";
import * as path from "node:path";
var LOCAL_EXCLUDES = ["/.factory/"];
function gitFor(deps, defaultBranch, extraBranches) {
  const opts = extraBranches?.length ? { extraBranches } : void 0;
  return deps.git ? deps.git(opts) : openGit({ root: deps.workspace, defaultBranch, env: deps.env, ...opts ?? {} });
}
function excludeFactoryFiles(root) {
  const file = path.join(root, ".git", "info", "exclude");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const current = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
  const missing = LOCAL_EXCLUDES.filter((l) => !current.split("\n").includes(l));
  if (missing.length) fs.writeFileSync(file, `${current}${current && !current.endsWith("\n") ? "\n" : ""}${missing.join("\n")}
`);
}
async function checkoutWorkBranch(git, branch, defaultBranch) {
  excludeFactoryFiles(git.root);
  await git.fetch();
  if (await git.branchExists(branch, "remote")) {
    if (await git.currentBranch() !== branch) await git.checkout(branch);
    await git.resetHard(`origin/${branch}`);
    return "continued";
  }
  if (await git.branchExists(branch, "local")) {
    await git.checkout(branch);
    await git.resetHard(`origin/${defaultBranch}`);
  } else {
    await git.checkoutNewBranch(branch, `origin/${defaultBranch}`);
  }
  return "created";
}

export {
  GitApplyRefusal,
  createGitApplier,
  runCheck,
  describeCheck,
  testRuns,
  commitIdentity,
  coAuthorOf,
  commitMessage,
  touchedPaths,
  explainFailure,
  nothingWritten,
  pushPendingByCode,
  pushWork,
  gitFor,
  excludeFactoryFiles,
  checkoutWorkBranch
};
