import { createRequire as __factoryCreateRequire } from 'node:module';
const require = __factoryCreateRequire(import.meta.url);
import {
  commitIdentity,
  describeCheck,
  excludeFactoryFiles,
  gitFor,
  runCheck
} from "./chunk-eb322dc847.js";
import {
  REVERT_BRANCH_PREFIX
} from "./chunk-27a1ec1330.js";
import "./chunk-e612836883.js";
import "./chunk-90cfc56197.js";
import {
  stateDepsFor
} from "./chunk-250e78122a.js";
import "./chunk-60103dcc72.js";
import "./chunk-0f29425468.js";
import "./chunk-295937fcb4.js";
import "./chunk-e970019b7c.js";
import "./chunk-8866facdbc.js";
import "./chunk-29a1428ccc.js";
import "./chunk-64c3aea864.js";
import "./chunk-46b452a502.js";
import {
  neutralize,
  sanitizeText
} from "./chunk-71acfe59dc.js";
import "./chunk-66d88ceb62.js";
import {
  checkTransition
} from "./chunk-3b9788c516.js";
import {
  isAutomationEnabled
} from "./chunk-368e4d810e.js";
import {
  findMarkers,
  getMarker,
  marker
} from "./chunk-cd4c9ed0f2.js";
import "./chunk-72b8fa822b.js";
import {
  skipped
} from "./chunk-611882844b.js";
import "./chunk-8935ddc7e5.js";
import {
  errorMessage
} from "./chunk-eebc0eba86.js";
import "./chunk-f1a3eba2ad.js";
import {
  describeEvent,
  routeEvent
} from "./chunk-733809efca.js";
import {
  PAUSED,
  riskLabel
} from "./chunk-ffa5c3fea6.js";
import "./chunk-0a4052ce6e.js";

// actions/post-merge-verifier/src/gate.ts
var AUTOMATION = "post-merge-verifier";
var skip = (reason) => ({ ok: false, reason });
var ZERO_SHA = /^0+$/;
function gateEvent(event, config) {
  if (config.killSwitch) return skip("the kill switch is on (killSwitch: true in .github/factory.yml)");
  if (!isAutomationEnabled(AUTOMATION, config)) return skip(`${AUTOMATION} is disabled (automations.${AUTOMATION}.enabled)`);
  if (event.kind === "unsupported") return skip(event.reason);
  const route = routeEvent(event, AUTOMATION, { deployEnvironment: config.postMerge.deployEnvironment });
  if (!route.run) return skip(route.reason);
  if (config.smokeChecks.length === 0) return skip("no smoke checks are configured (smokeChecks in .github/factory.yml)");
  switch (event.kind) {
    case "push": {
      const { after, before, deleted } = event.payload;
      if (deleted || !after || ZERO_SHA.test(after)) return skip(`${event.ref} was deleted`);
      const branch = event.ref.replace(/^refs\/heads\//, "");
      return { ok: true, value: { sha: after, ...before && !ZERO_SHA.test(before) ? { before } : {}, trigger: "push", branch } };
    }
    case "workflow_run": {
      const wanted = config.postMerge.deployWorkflow;
      if (wanted === null) return skip("no deploy workflow is configured (postMerge.deployWorkflow)");
      if (event.workflowName !== wanted) return skip(`workflow "${event.workflowName}" is not the deploy workflow "${wanted}"`);
      const run2 = event.payload.workflow_run;
      const defaultBranch = event.payload.repository.default_branch;
      if (run2.head_branch !== defaultBranch) return skip(`the deploy ran on ${run2.head_branch ?? "no branch"}, not ${defaultBranch}`);
      return { ok: true, value: { sha: run2.head_sha, trigger: `workflow_run (${wanted})`, branch: defaultBranch } };
    }
    case "deployment_status": {
      const defaultBranch = event.payload.repository.default_branch;
      if (event.ref !== defaultBranch && event.ref !== `refs/heads/${defaultBranch}`) {
        return skip(`the deployment is of ${event.ref}, not of the default branch ${defaultBranch}`);
      }
      return { ok: true, value: { sha: event.sha, trigger: `deployment_status (${event.environment})`, branch: defaultBranch } };
    }
    case "workflow_dispatch": {
      const defaultBranch = event.payload.repository.default_branch;
      return { ok: true, value: { trigger: "workflow_dispatch", branch: defaultBranch } };
    }
    default:
      return skip(`${AUTOMATION} verifies pushes and deploys; ${describeEvent(event)} names no commit to verify`);
  }
}

// actions/post-merge-verifier/src/baseline.ts
var CHECK_RUN_NAME = "factory/post-merge";
var RESULTS_MARKER = { kind: "post-merge-results", key: "v1" };
async function readRecorded(reader, sha) {
  const runs = (await reader.listCheckRuns(sha)).filter((r) => r.name === CHECK_RUN_NAME);
  for (const run2 of [...runs].sort((a, b) => b.id - a.id)) {
    const data = getMarker(run2.summary, RESULTS_MARKER)?.data;
    const checks = data?.checks;
    if (!checks || typeof checks !== "object") continue;
    const out = {};
    for (const [key, value] of Object.entries(checks)) {
      if (value === "pass" || value === "fail") out[key] = value;
    }
    return { checks: out, ...typeof data.base === "string" ? { base: data.base } : {} };
  }
  return void 0;
}
function recordedMarker(recorded) {
  return marker(RESULTS_MARKER, { checks: recorded.checks, ...recorded.base ? { base: recorded.base } : {} });
}

// actions/post-merge-verifier/src/range.ts
function pullRequestOf(message) {
  const first = message.split("\n", 1)[0] ?? "";
  const m = /^Merge pull request #(\d+)\b/.exec(first) ?? /\(#(\d+)\)\s*$/.exec(first);
  return m ? Number(m[1]) : void 0;
}
async function readRange(reader, base, head) {
  if (!base) return { head, pullRequests: [] };
  const comparison = await reader.compareCommits(base, head, { commits: 100 });
  const merges = [];
  for (const c of comparison.commits ?? []) {
    const pr = pullRequestOf(c.message);
    if (pr !== void 0 && !merges.some((m) => m.pr === pr)) merges.push({ pr, sha: c.sha });
  }
  return { base, head, pullRequests: merges.map((m) => m.pr), merges, commits: comparison.aheadBy };
}
function describeRange(range) {
  const span = range.base ? `${range.base.slice(0, 7)}..${range.head.slice(0, 7)}` : range.head.slice(0, 7);
  const prs = range.pullRequests.length ? range.pullRequests.map((n) => `#${n}`).join(", ") : "none found (direct pushes)";
  return `\`${span}\`${range.commits !== void 0 ? ` (${range.commits} commit(s))` : ""}; pull requests merged in it: ${prs}`;
}

// actions/post-merge-verifier/src/issue.ts
var ISSUE_MARKER_KIND = "post-merge";
var SOURCE_LABEL = "source:post-merge";
var P0_LABELS = ["type:bug", "priority:p0", SOURCE_LABEL];
var OUTPUT_CHARS = 3e3;
async function openIssuesByCheck(reader, botLogin) {
  const open = await reader.listIssues({ state: "open", labels: [SOURCE_LABEL] });
  const byKey = /* @__PURE__ */ new Map();
  for (const issue of open) {
    if (issue.author.login !== botLogin) continue;
    for (const m of findMarkers(issue.body)) {
      if (m.kind === ISSUE_MARKER_KIND && !byKey.has(m.key)) byKey.set(m.key, issue);
    }
  }
  return byKey;
}
function issueTitle(ctx) {
  return `P0: smoke check "${ctx.result.name}" fails on ${ctx.branch} after ${ctx.range.head.slice(0, 7)}`;
}
function issueBody(ctx) {
  return [
    marker({ kind: ISSUE_MARKER_KIND, key: ctx.key }, { head: ctx.range.head, ...ctx.range.base ? { base: ctx.range.base } : {} }),
    `The smoke check **${ctx.result.name}** fails on \`${ctx.branch}\` at ${ctx.range.head} (verified on ${ctx.trigger}); it passed at the last verified commit, and failed again when retried.`,
    "",
    `**Range:** ${describeRange(ctx.range)}`,
    `**Result:** ${ctx.result.verdict}`,
    "",
    ...fencedOutput(ctx.result.output),
    `**Suggested action:** ${suggestion(ctx.range)}`,
    "",
    "The post-merge verifier comments here while the check keeps failing and closes this issue once it passes."
  ].join("\n");
}
function stillFailingComment(ctx) {
  return [
    `Still failing at ${ctx.range.head} (verified on ${ctx.trigger}).`,
    "",
    `**Range:** ${describeRange(ctx.range)}`,
    `**Result:** ${ctx.result.verdict}`,
    "",
    ...fencedOutput(ctx.result.output)
  ].join("\n");
}
function recoveredComment(name, head, trigger) {
  return `The smoke check **${name}** passes again at ${head} (verified on ${trigger}). Closing.`;
}
function suggestion(range) {
  const prs = range.pullRequests.map((n) => `#${n}`);
  if (prs.length === 1) {
    return `look at the changes of ${prs[0]} first. If the fix is not quick, revert it to get the default branch green, then fix forward.`;
  }
  if (prs.length > 1)
    return `bisect the pull requests merged in the range (${prs.join(", ")}); revert the culprit if the fix is not quick.`;
  return `look at the commits of the range first; revert the culprit if the fix is not quick.`;
}
function fencedOutput(output) {
  const text = neutralize(sanitizeText(output, { format: "plain", maxChars: OUTPUT_CHARS })).trimEnd();
  if (!text) return [];
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  return ["Output (redacted):", "", `${fence}text`, text, fence, ""];
}

// actions/post-merge-verifier/src/revert.ts
import * as fs from "node:fs";
import * as path from "node:path";
var REVERT_MARKER_KIND = "post-merge-revert";
var REVERT_LABELS = [riskLabel("high"), PAUSED];
var revertBranch = (pr) => `${REVERT_BRANCH_PREFIX}${pr}`;
async function findCulprit(reader, range, key) {
  const merges = range.merges ?? [];
  if (merges.length === 0) return { ok: false, why: "no pull request was merged in the range (direct pushes): nothing to revert" };
  if (merges.length === 1) return { ok: true, ...merges[0], why: "the only pull request merged in the range" };
  let before = "pass";
  for (const m of merges) {
    const status = m.sha === range.head ? "fail" : (await readRecorded(reader, m.sha))?.checks[key];
    if (status === "fail" && before === "pass") {
      return { ok: true, ...m, why: `the first pull request of the range after whose merge the check was seen failing` };
    }
    before = status;
  }
  const prs = merges.map((m) => `#${m.pr}`).join(", ");
  return {
    ok: false,
    why: `${merges.length} pull requests were merged in the range (${prs}) and no verification tells which one broke it`
  };
}
async function openRevert(deps, ctx) {
  const { reader, writer } = deps.github;
  const { pr: culprit, sha } = ctx.culprit;
  const branch = revertBranch(culprit);
  const existing = await findRevert(reader, branch, culprit, deps.config.trust.botLogin);
  if (existing)
    return { pr: existing, created: false, line: `revert pull request #${existing.number} of #${culprit} is already open or was closed` };
  const { automation, extraLabels } = stateDepsFor(deps);
  const move = checkTransition({ automation, subject: "pr", current: [], add: [...REVERT_LABELS], extraLabels });
  if (!move.ok) throw new Error(`the revert pull request's labels are refused: ${move.reason}`);
  const original = await reader.getPullRequest(culprit);
  const git = gitFor(deps, ctx.defaultBranch);
  const made = await revertCommit(git, { sha, pr: culprit, title: original.title, defaultBranch: ctx.defaultBranch, branch }, deps);
  if (!made.ok) return { created: false, line: `no revert pull request of #${culprit}: ${made.why}`, why: made.why };
  const body = [
    marker({ kind: REVERT_MARKER_KIND, key: String(culprit) }, { issue: ctx.issue, sha }),
    neutralize(
      [
        `Reverts #${culprit} (merged in ${sha}): the smoke check **${ctx.check}** fails on \`${ctx.defaultBranch}\` since, as #${ctx.issue} reports. The culprit is ${ctx.culprit.why}.`,
        "",
        `The revert restores ${made.files.length} file(s) to their state before the merge: ${made.files.map((f) => `\`${f}\``).join(", ")}.`,
        "",
        `It is high risk and the factory never merges it (\`${REVERT_LABELS.join("`, `")}\`): merge it if fixing forward is not quick, or close it.`
      ].join("\n")
    )
  ].join("\n");
  const title = sanitizeText(`Revert #${culprit}: ${original.title}`, { format: "plain", maxChars: 250 });
  const pr = await writer.createPullRequest({ title, body, head: branch, base: ctx.defaultBranch });
  await writer.addLabels(pr.number, [...REVERT_LABELS]);
  return { pr, created: true, line: `opened revert pull request #${pr.number} of #${culprit} (${REVERT_LABELS.join(" ")})` };
}
async function findRevert(reader, branch, culprit, botLogin) {
  const prs = await reader.listPullRequests({ state: "all", head: branch });
  return prs.find(
    (p) => p.head.ref === branch && p.author.login === botLogin && findMarkers(p.body).some((m) => m.kind === REVERT_MARKER_KIND && m.key === String(culprit))
  );
}
async function revertCommit(git, target, deps) {
  excludeFactoryFiles(git.root);
  await git.resetHard("HEAD");
  await git.fetch();
  if (await git.branchExists(target.branch, "remote")) {
    await git.checkout(target.branch);
    await git.resetHard(`origin/${target.branch}`);
    return { ok: true, files: (await git.changedFiles(`origin/${target.defaultBranch}`)).map((f) => f.filename) };
  }
  const parent = `${target.sha}^1`;
  await git.resetHard(target.sha);
  const changed = await git.changedFiles(parent);
  const paths = [...new Set(changed.flatMap((f) => f.previousFilename ? [f.previousFilename, f.filename] : [f.filename]))];
  if (paths.length === 0) return { ok: false, why: `#${target.pr} changed no file` };
  const merged = readAll(git.root, paths);
  await git.resetHard(parent);
  const before = readAll(git.root, paths);
  if (await git.branchExists(target.branch, "local")) {
    await git.checkout(target.branch);
    await git.resetHard(`origin/${target.defaultBranch}`);
  } else {
    await git.checkoutNewBranch(target.branch, `origin/${target.defaultBranch}`);
  }
  const now = readAll(git.root, paths);
  const odd = paths.filter((p) => merged.get(p) === "other" || before.get(p) === "other" || now.get(p) === "other");
  if (odd.length) return { ok: false, why: `${list(odd)} is not a regular file (a symbolic link or a directory): revert it by hand` };
  const since = paths.filter((p) => !same(now.get(p), merged.get(p)));
  if (since.length) return { ok: false, why: `${list(since)} changed again since #${target.pr} merged: revert it by hand` };
  for (const p of paths) {
    const file = path.join(git.root, p);
    const content = before.get(p);
    if (content === void 0) fs.rmSync(file, { force: true });
    else if (content !== "other") {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content.data);
      fs.chmodSync(file, content.mode);
    }
  }
  const identity = commitIdentity(deps.config);
  const committed = await git.commitAll(`Revert #${target.pr}: ${oneLine(target.title)}

This reverts the changes of ${target.sha}.`, {
    author: identity,
    committer: identity
  });
  if (!committed) return { ok: false, why: `reverting #${target.pr} changes nothing on ${target.defaultBranch}` };
  await git.push(target.branch);
  return { ok: true, files: paths };
}
function readAll(root, paths) {
  const out = /* @__PURE__ */ new Map();
  const realRoot = fs.realpathSync(root);
  for (const p of paths) {
    const file = path.join(root, p);
    let stat;
    try {
      stat = fs.lstatSync(file);
    } catch {
      stat = void 0;
    }
    const parent = fs.existsSync(path.dirname(file)) ? fs.realpathSync(path.dirname(file)) : realRoot;
    if (parent !== realRoot && !parent.startsWith(realRoot + path.sep)) out.set(p, "other");
    else if (!stat) out.set(p, void 0);
    else out.set(p, stat.isFile() ? { data: fs.readFileSync(file), mode: stat.mode & 511 } : "other");
  }
  return out;
}
function same(a, b) {
  if (a === void 0 || b === void 0 || a === "other" || b === "other") return a === b;
  return a.data.equals(b.data) && (a.mode & 73) === (b.mode & 73);
}
function list(paths) {
  const shown = paths.slice(0, 5).map((p) => `\`${p}\``);
  return paths.length > 5 ? `${shown.join(", ")} and ${paths.length - 5} more` : shown.join(", ");
}
function oneLine(text) {
  return text.replace(/\s+/g, " ").trim().slice(0, 200);
}

// actions/post-merge-verifier/src/smoke.ts
var DEFAULT_URL_TIMEOUT_S = 30;
var DEFAULT_COMMAND_TIMEOUT_S = 600;
var BODY_CHARS = 2e3;
function checkKey(name) {
  return name.toLowerCase().replace(/[^a-z0-9._]+/g, "-").replace(/^-+|-+$/g, "") || "check";
}
async function runSmokeCheck(check, ports) {
  if (check.command !== void 0) {
    const r = await runCheck(check.command, {
      cwd: ports.cwd,
      executor: ports.executor,
      redactor: ports.redactor,
      timeoutMs: (check.timeoutSeconds ?? DEFAULT_COMMAND_TIMEOUT_S) * 1e3
    });
    return { name: check.name, ok: r.ok, verdict: `\`${check.command}\` ${describeCheck(r)}`, output: r.tail };
  }
  return runUrlCheck(check, ports);
}
async function runUrlCheck(check, ports) {
  const url = check.url ?? "";
  const expectStatus = check.expectStatus ?? 200;
  const attempts = 1 + (check.retries ?? 0);
  let last;
  for (let i = 0; i < attempts; i++) {
    last = await fetchOnce(url, check, expectStatus, ports);
    if (last.ok) return last;
  }
  return attempts > 1 && last ? { ...last, verdict: `${last.verdict} (${attempts} attempts)` } : last;
}
async function fetchOnce(url, check, expectStatus, ports) {
  const seconds = check.timeoutSeconds ?? DEFAULT_URL_TIMEOUT_S;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), seconds * 1e3);
  const result = (ok, verdict, output) => ({
    name: check.name,
    ok,
    verdict: ports.redactor.redact(`GET ${url}: ${verdict}`),
    output: ports.redactor.redact(output)
  });
  try {
    const response = await ports.fetch(url, { signal: controller.signal, redirect: "follow" });
    const body = await response.text();
    const excerpt = body.length > BODY_CHARS ? `${body.slice(0, BODY_CHARS)}\u2026` : body;
    if (response.status !== expectStatus) return result(false, `HTTP ${response.status}, expected ${expectStatus}`, excerpt);
    if (check.expectText !== void 0 && !body.includes(check.expectText)) {
      return result(false, `HTTP ${response.status}, but the body does not contain "${check.expectText}"`, excerpt);
    }
    return result(true, `HTTP ${response.status}`, "");
  } catch (e) {
    const why = controller.signal.aborted ? `no answer within ${seconds}s` : `request failed: ${errorMessage(e)}`;
    return result(false, why, "");
  } finally {
    clearTimeout(timer);
  }
}

// actions/post-merge-verifier/src/verdict.ts
function verdictOf(input) {
  if (input.first) return input.openIssue !== void 0 ? { kind: "recovered", issue: input.openIssue } : { kind: "passed" };
  if (input.retry) return { kind: "flaky" };
  if (input.openIssue !== void 0) return { kind: "still-failing", issue: input.openIssue };
  if (input.baseline === "pass") return { kind: "new-failure" };
  if (input.baseline === "fail") return { kind: "pre-existing", why: "it already failed at the last verified commit" };
  return {
    kind: "pre-existing",
    why: input.hasBaseline ? "it was not verified at the last verified commit" : "no verified commit to compare with (no baseline yet)"
  };
}
function statusOf(v) {
  return v.kind === "passed" || v.kind === "recovered" || v.kind === "flaky" ? "pass" : "fail";
}

// actions/post-merge-verifier/src/verify.ts
async function verify(deps, wanted, fetch2) {
  const { reader, writer } = deps.github;
  const target = { ...wanted, sha: wanted.sha ?? await gitFor(deps, wanted.branch).headSha() };
  const ports = { executor: deps.executor, redactor: deps.redactor, fetch: fetch2, cwd: deps.workspace };
  const runs = [];
  for (const check of deps.config.smokeChecks) {
    const first = await runSmokeCheck(check, ports);
    runs.push({ key: checkKey(check.name), first });
  }
  for (const r of runs) {
    if (r.first.ok) continue;
    const check = deps.config.smokeChecks.find((c) => checkKey(c.name) === r.key);
    deps.logger.info(`${r.first.name}: ${r.first.verdict}; retrying once to rule out a flake`);
    r.retry = await runSmokeCheck(check, ports);
  }
  const here = target.before === void 0 ? await readRecorded(reader, target.sha) : void 0;
  const base = target.before ?? here?.base;
  const baseline = base ? await readRecorded(reader, base) : void 0;
  const open = await openIssuesByCheck(reader, deps.config.trust.botLogin);
  const outcomes = runs.map((r) => ({
    key: r.key,
    result: r.retry ?? r.first,
    verdict: verdictOf({
      first: r.first.ok,
      ...r.retry ? { retry: r.retry.ok } : {},
      ...baseline?.checks[r.key] ? { baseline: baseline.checks[r.key] } : {},
      hasBaseline: baseline !== void 0,
      ...open.has(r.key) ? { openIssue: open.get(r.key).number } : {}
    })
  }));
  const blamed = outcomes.some((o) => o.verdict.kind === "new-failure" || o.verdict.kind === "still-failing");
  const range = blamed ? await readRange(reader, base, target.sha) : { head: target.sha, pullRequests: [], ...base ? { base } : {} };
  const details = [];
  const would = deps.dryRun ? "would " : "";
  for (const o of outcomes) {
    const ctx = { key: o.key, result: o.result, range, branch: target.branch, trigger: target.trigger };
    switch (o.verdict.kind) {
      case "new-failure": {
        const title2 = issueTitle(ctx);
        if (deps.dryRun) {
          details.push(`would open a P0 issue "${title2}"`);
          if (deps.config.postMerge.onFailure === "revert-pr") {
            const culprit = await findCulprit(reader, range, o.key);
            details.push(
              culprit.ok ? `would open a revert pull request of #${culprit.pr} (${culprit.why})` : `no revert pull request: ${culprit.why}`
            );
          }
        } else {
          const issue = await writer.createIssue({ title: title2, body: issueBody(ctx), labels: [...P0_LABELS] });
          details.push(`opened P0 issue #${issue.number} for ${o.result.name} (${P0_LABELS.join(" ")})`);
          if (deps.config.postMerge.onFailure === "revert-pr") details.push(await revert(deps, ctx, issue.number));
        }
        break;
      }
      case "still-failing":
        if (!deps.dryRun) await writer.createComment(o.verdict.issue, stillFailingComment(ctx));
        details.push(`${would}comment on #${o.verdict.issue}: ${o.result.name} still fails`);
        break;
      case "recovered":
        if (!deps.dryRun) {
          await writer.createComment(o.verdict.issue, recoveredComment(o.result.name, target.sha, target.trigger));
          await writer.updateIssue(o.verdict.issue, { state: "closed", stateReason: "completed" });
        }
        details.push(`${would}close #${o.verdict.issue}: ${o.result.name} passes again`);
        break;
      default:
        break;
    }
  }
  const recorded = { checks: Object.fromEntries(outcomes.map((o) => [o.key, statusOf(o.verdict)])), ...base ? { base } : {} };
  const failing = outcomes.filter((o) => statusOf(o.verdict) === "fail");
  const title = failing.length ? `${failing.length} of ${outcomes.length} smoke check(s) failing${outcomes.some((o) => o.verdict.kind === "new-failure") ? " (new)" : ""}` : `${outcomes.length} smoke check(s) passing`;
  if (!deps.dryRun) {
    await writer.createCheckRun({
      name: CHECK_RUN_NAME,
      headSha: target.sha,
      conclusion: failing.length ? "failure" : "success",
      output: { title, summary: `${outcomes.map(line).join("\n")}

${recordedMarker(recorded)}` }
    });
  }
  details.push(`${would}record ${CHECK_RUN_NAME} ${failing.length ? "failure" : "success"} on ${target.sha.slice(0, 7)}: ${title}`);
  for (const o of outcomes) details.push(line(o));
  const wrote = outcomes.some((o) => ["new-failure", "still-failing", "recovered"].includes(o.verdict.kind));
  return {
    outcome: wrote ? "completed" : "no-op",
    summary: `${target.sha.slice(0, 7)} on ${target.trigger}: ${summarize(outcomes)}`,
    details,
    records: []
  };
}
async function revert(deps, ctx, issue) {
  const culprit = await findCulprit(deps.github.reader, ctx.range, ctx.key);
  let said;
  let done;
  if (!culprit.ok) {
    done = `no revert pull request: ${culprit.why}`;
    said = `No revert pull request (\`postMerge.onFailure: revert-pr\`): ${culprit.why}.`;
  } else {
    const out = await openRevert(deps, { culprit, issue, check: ctx.result.name, defaultBranch: ctx.branch }).catch((e) => {
      const why = `it could not be made: ${deps.redactor.redact(errorMessage(e))}`;
      deps.logger.warning(`revert pull request of #${culprit.pr}: ${why}`);
      return { created: false, line: `no revert pull request of #${culprit.pr}: ${why}`, why, pr: void 0 };
    });
    done = out.line;
    said = out.pr ? `Revert pull request: #${out.pr.number} reverts #${culprit.pr}, ${culprit.why}. It is high risk: a person merges it, or closes it once the fix is forward.` : `No revert pull request of #${culprit.pr}: ${out.why ?? out.line}.`;
  }
  await deps.github.writer.createComment(issue, said);
  return done;
}
function line(o) {
  const v = o.verdict;
  const what = {
    passed: "passed",
    recovered: "passed again",
    flaky: "flaky: failed, then passed on the retry",
    "new-failure": "failing (new: it passed at the last verified commit)",
    "still-failing": "still failing",
    "pre-existing": `failing, pre-existing: ${v.kind === "pre-existing" ? v.why : ""}`
  };
  return `- ${o.result.name}: ${what[v.kind]} \u2014 ${o.result.verdict}`;
}
function summarize(outcomes) {
  const counts = /* @__PURE__ */ new Map();
  for (const o of outcomes) counts.set(o.verdict.kind, (counts.get(o.verdict.kind) ?? 0) + 1);
  return [...counts].map(([kind, n]) => `${n} ${kind}`).join(", ");
}

// actions/post-merge-verifier/src/run.ts
function createRun(ports) {
  return async (deps, inputs) => {
    const gate = gateEvent(inputs.event, deps.config);
    if (!gate.ok) return skipped(gate.reason);
    return verify(deps, gate.value, ports.fetch);
  };
}
var run = createRun({ fetch: (url, init) => fetch(url, init) });
export {
  createRun,
  run
};
