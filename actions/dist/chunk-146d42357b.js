import { createRequire as __factoryCreateRequire } from 'node:module';
const require = __factoryCreateRequire(import.meta.url);
import {
  describeCheck,
  noreplyIdentity
} from "./chunk-a9b840d974.js";
import {
  evaluateIntents
} from "./chunk-769f0064be.js";
import {
  openGit
} from "./chunk-29a1428ccc.js";
import {
  errorMessage
} from "./chunk-7a39aaa707.js";

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
  commitIdentity,
  coAuthorOf,
  commitMessage,
  touchedPaths,
  explainFailure,
  nothingWritten,
  pushPendingByCode,
  gitFor,
  excludeFactoryFiles,
  checkoutWorkBranch
};
