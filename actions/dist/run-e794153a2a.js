import { createRequire as __factoryCreateRequire } from 'node:module';
const require = __factoryCreateRequire(import.meta.url);
import {
  describeCheck,
  runCheck
} from "./chunk-a9b840d974.js";
import "./chunk-90cfc56197.js";
import "./chunk-60103dcc72.js";
import "./chunk-0f29425468.js";
import "./chunk-3b9788c516.js";
import "./chunk-29a1428ccc.js";
import {
  isAutomationEnabled
} from "./chunk-e4bdce0ad5.js";
import {
  findMarkers,
  getMarker,
  marker
} from "./chunk-cd4c9ed0f2.js";
import {
  skipped
} from "./chunk-611882844b.js";
import {
  neutralize,
  sanitizeText
} from "./chunk-a02d4bae25.js";
import {
  errorMessage
} from "./chunk-7a39aaa707.js";
import "./chunk-f1a3eba2ad.js";
import {
  describeEvent,
  routeEvent
} from "./chunk-d866574024.js";
import "./chunk-daa79fc193.js";
import "./chunk-0a4052ce6e.js";

// actions/post-merge-verifier/src/gate.ts
var AUTOMATION = "post-merge-verifier";
var skip = (reason) => ({ ok: false, reason });
var ZERO_SHA = /^0+$/;
function gateEvent(event, config) {
  if (config.killSwitch) return skip("the kill switch is on (killSwitch: true in .github/factory.yml)");
  if (!isAutomationEnabled(AUTOMATION, config)) return skip(`${AUTOMATION} is disabled (automations.${AUTOMATION}.enabled)`);
  if (event.kind === "unsupported") return skip(event.reason);
  const route = routeEvent(event, AUTOMATION);
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
  const prs = (comparison.commits ?? []).map((c) => pullRequestOf(c.message)).filter((n) => n !== void 0);
  return { base, head, pullRequests: [...new Set(prs)], commits: comparison.aheadBy };
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
async function verify(deps, target, fetch2) {
  const { reader, writer } = deps.github;
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
        if (deps.dryRun) details.push(`would open a P0 issue "${title2}"`);
        else {
          const issue = await writer.createIssue({ title: title2, body: issueBody(ctx), labels: [...P0_LABELS] });
          details.push(`opened P0 issue #${issue.number} for ${o.result.name} (${P0_LABELS.join(" ")})`);
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
