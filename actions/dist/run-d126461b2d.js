import { createRequire as __factoryCreateRequire } from 'node:module';
const require = __factoryCreateRequire(import.meta.url);
import {
  REVIEW_CHECK_NAME,
  modelTierOf
} from "./chunk-4495f02185.js";
import "./chunk-eb5f568b14.js";
import "./chunk-1237e5de5e.js";
import {
  FAILING_CONCLUSIONS,
  computeRisk
} from "./chunk-9aa1bb329d.js";
import {
  isFactoryBranch,
  isOwnHead
} from "./chunk-27a1ec1330.js";
import "./chunk-e612836883.js";
import {
  escalate,
  moveLabel,
  stateDepsFor
} from "./chunk-250e78122a.js";
import "./chunk-0f29425468.js";
import "./chunk-295937fcb4.js";
import {
  FACTORY_BRANCH_PREFIX
} from "./chunk-e970019b7c.js";
import "./chunk-8866facdbc.js";
import "./chunk-64c3aea864.js";
import "./chunk-46b452a502.js";
import {
  neutralize
} from "./chunk-71acfe59dc.js";
import {
  isStatus
} from "./chunk-d31f4fa37c.js";
import "./chunk-66d88ceb62.js";
import "./chunk-3b9788c516.js";
import {
  isAutomationEnabled,
  pauseReason
} from "./chunk-368e4d810e.js";
import "./chunk-cd4c9ed0f2.js";
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
  APPROVED,
  ASSIST,
  CHANGES_REQUESTED,
  NEEDS_HUMAN,
  RISK_LABELS,
  riskLabel
} from "./chunk-ffa5c3fea6.js";
import "./chunk-0a4052ce6e.js";

// actions/merge-gate/src/decide.ts
var NO_APP_TOKEN = "auto-merge is armed only with an App token: a merge made with GITHUB_TOKEN starts no workflow, so the push to the default branch would run no checks (pass app-token, or set merge.allowGithubToken)";
function decideMerge(input) {
  return withDisarm(input, chooseAction(input));
}
function withDisarm(input, action) {
  return { action, disarm: input.autoMergeEnabled && action.kind !== "arm" };
}
function decideBeforeMerging(input) {
  const { checks, merge } = input;
  if (input.codeTier === "high") {
    return {
      kind: "escalate",
      why: "high risk never merges by itself",
      decision: "review the high-risk change yourself, then merge it or close it"
    };
  }
  if (checks.failing.length > 0) {
    return { kind: "wait", why: `${checks.failing.length} failing check(s): ${checks.failing.join(", ")}` };
  }
  if (input.verdict === "changes-requested") return { kind: "wait", why: "the factory review asked for changes" };
  if (input.verdict === "pending") return { kind: "wait", why: "no approving factory review of this head yet" };
  if (!merge.autoMerge.includes(input.tier)) {
    const allowed = merge.autoMerge.length ? merge.autoMerge.join(", ") : "none";
    return { kind: "hand-over", why: `${input.tier} risk is not in merge.autoMerge (${allowed}): a person merges` };
  }
  if (merge.mode === "approve-only") {
    return input.tokens.approver ? { kind: "approve" } : { kind: "hand-over", why: "merge.mode is approve-only and no approver-token is set: a person approves and merges" };
  }
  if (!input.tokens.app && !merge.allowGithubToken) return { kind: "hand-over", why: NO_APP_TOKEN };
  return void 0;
}
function chooseAction(input) {
  const early = decideBeforeMerging(input);
  if (early) return early;
  const { checks, merge } = input;
  const unfinished = [...checks.pending, ...checks.missing];
  if (input.repo.mergeQueue) {
    return unfinished.length ? { kind: "wait", why: waitingFor(unfinished) } : { kind: "enqueue" };
  }
  if (input.repo.allowAutoMerge) return { kind: "arm", method: merge.method };
  return unfinished.length ? { kind: "wait", why: waitingFor(unfinished) } : { kind: "merge", method: merge.method };
}
function waitingFor(checks) {
  return `waiting for check(s): ${checks.join(", ")}`;
}

// actions/merge-gate/src/gate.ts
var AUTOMATION = "merge-gate";
var skip = (reason) => ({ ok: false, reason });
function gateEvent(event, prNumber, config) {
  if (config.killSwitch) return skip("the kill switch is on (killSwitch: true in .github/factory.yml)");
  if (!isAutomationEnabled(AUTOMATION, config)) return skip(`${AUTOMATION} is disabled (automations.${AUTOMATION}.enabled)`);
  if (event.kind === "unsupported") {
    return prNumber !== void 0 ? { ok: true, value: { prs: [prNumber], event: event.name || "manual", actor: "unknown" } } : skip(event.reason);
  }
  const route = routeEvent(event, AUTOMATION);
  if (!route.run && prNumber === void 0) return skip(route.reason);
  const base = {
    event: event.kind,
    ...event.action ? { action: event.action } : {},
    actor: event.sender.login
  };
  if (prNumber !== void 0) return { ok: true, value: { prs: [prNumber], ...base } };
  switch (event.kind) {
    case "pull_request":
    case "pull_request_review":
      return { ok: true, value: { prs: [event.subject.number], ...base } };
    case "check_suite":
    case "workflow_run":
      return event.pullRequests.length ? { ok: true, value: { prs: [...new Set(event.pullRequests)], ...base } } : skip(`${describeEvent(event)} names no pull request of this repository (a fork's, or the default branch's)`);
    case "schedule":
    case "workflow_dispatch":
      return { ok: true, value: { prs: "sweep", ...base } };
    default:
      return skip(`${AUTOMATION} does not handle ${describeEvent(event)}`);
  }
}
function isFactoryPullRequest(pr, botLogin) {
  if (!isOwnHead(pr)) return false;
  return pr.head.ref.startsWith(FACTORY_BRANCH_PREFIX) || pr.author.login === botLogin || pr.labels.includes(ASSIST);
}
function checkPullRequest(pr, config) {
  if (pr.state !== "open") return `#${pr.number} is ${pr.merged ? "merged" : "closed"}`;
  if (pr.draft) return `#${pr.number} is a draft`;
  const paused = pauseReason(pr.labels, config);
  if (paused) return `#${pr.number}: ${paused}`;
  if (!isFactoryPullRequest(pr, config.trust.botLogin)) {
    return isOwnHead(pr) ? `#${pr.number} is not a factory pull request (no ${FACTORY_BRANCH_PREFIX} branch, not opened by ${config.trust.botLogin}, no ${ASSIST} label)` : `#${pr.number} is not a factory pull request: its head is a branch of ${pr.head.repoFullName || "another repository"}, not of this repository`;
  }
  if (pr.labels.includes(NEEDS_HUMAN)) return `#${pr.number} is waiting for a person (${NEEDS_HUMAN})`;
  return void 0;
}

// actions/merge-gate/src/facts.ts
var REVIEW_CHECK = REVIEW_CHECK_NAME;
var RISK_CHECK = "factory/risk";
var isFactoryCheck = (name) => name.startsWith("factory/");
async function readHeadChecks(deps, pr) {
  const runs = await deps.github.reader.listCheckRuns(pr.head.sha);
  const own = appSlugOf(deps.config.trust.botLogin);
  return latestByName(runs.filter((r) => !isFactoryCheck(r.name) || r.appSlug === own));
}
function appSlugOf(botLogin) {
  return botLogin.replace(/\[bot\]$/, "");
}
function awaitingReview(pr, checks, config) {
  if (!isAutomationEnabled("pr-reviewer", config) || !isFactoryBranch(pr)) return false;
  return checks.get(REVIEW_CHECK)?.status !== "completed";
}
async function rateHead(deps, pr, latest) {
  const files = await deps.github.reader.listPullRequestFiles(pr.number);
  const ci = [...latest.values()].filter((c) => !isFactoryCheck(c.name));
  const verdict = verdictOf(pr.labels, latest.get(REVIEW_CHECK));
  const checks = ci.map((c) => ({ name: c.name, conclusion: c.status === "completed" ? c.conclusion : null }));
  const reviewVerdict = verdict === "approved" ? "approved" : verdict === "changes-requested" ? "changes_requested" : null;
  const modelTier = modelTierOf(latest.get(REVIEW_CHECK)?.summary);
  const proposed = { ...modelTier ? { modelTier } : {}, headRef: pr.head.ref };
  const risk = computeRisk({ files, config: deps.config, checks, reviewVerdict, ...proposed });
  const codeTier = computeRisk({ files, config: deps.config, ...proposed }).tier;
  const rating = {
    tier: risk.tier,
    codeTier,
    verdict,
    checks: {
      failing: checks.filter((c) => c.conclusion !== null && FAILING_CONCLUSIONS.includes(c.conclusion)).map((c) => c.name),
      pending: checks.filter((c) => c.conclusion === null).map((c) => c.name)
    },
    merge: deps.config.merge,
    tokens: { app: deps.appToken, approver: deps.approver !== void 0 },
    autoMergeEnabled: !!pr.autoMerge
  };
  const riskCheck = latest.get(RISK_CHECK);
  return { pr, risk, rating, ...riskCheck ? { riskCheck } : {} };
}
async function mergeInput(deps, facts, latest, allowAutoMerge) {
  const rules = await deps.github.reader.getBranchRules(facts.pr.base.ref);
  const allows = rules.mergeQueue ? false : await allowAutoMerge() ?? true;
  return {
    ...facts.rating,
    checks: { ...facts.rating.checks, missing: rules.requiredChecks.filter((name) => !isFactoryCheck(name) && !latest.has(name)) },
    repo: { allowAutoMerge: allows, mergeQueue: rules.mergeQueue }
  };
}
function verdictOf(labels, reviewCheck) {
  if (labels.includes(CHANGES_REQUESTED)) return "changes-requested";
  if (reviewCheck?.status === "completed" && reviewCheck.conclusion === "failure") return "changes-requested";
  if (labels.includes(APPROVED) && reviewCheck?.status === "completed" && reviewCheck.conclusion === "success") return "approved";
  return "pending";
}
function latestByName(runs) {
  const latest = /* @__PURE__ */ new Map();
  for (const run2 of runs) {
    const seen = latest.get(run2.name);
    if (!seen || run2.id > seen.id) latest.set(run2.name, run2);
  }
  return latest;
}

// actions/merge-gate/src/evaluate.ts
var MAX_HEADS = 3;
async function evaluatePullRequest(deps, number) {
  const { reader } = deps.github;
  let allows;
  const run2 = {
    details: [],
    allowAutoMerge: () => allows ??= reader.getRepository().then((r) => r.allowAutoMerge),
    noAutoMerge: () => void (allows = Promise.resolve(false))
  };
  const { details } = run2;
  for (let head = 0; head < MAX_HEADS; head++) {
    const pr = await reader.getPullRequest(number);
    const why = checkPullRequest(pr, deps.config);
    if (why) return { pr: number, summary: why, details, escalated: false, skipped: why };
    const latest = await readHeadChecks(deps, pr);
    if (awaitingReview(pr, latest, deps.config)) {
      if (pr.autoMerge)
        await write(deps, details, `disabled auto-merge on #${number}`, () => deps.github.writer.disableAutoMerge(pr.nodeId));
      return { pr: number, summary: `#${number}: waiting for the factory review of ${pr.head.sha.slice(0, 7)}`, details, escalated: false };
    }
    const facts = await rateHead(deps, pr, latest);
    const early = decideBeforeMerging(facts.rating);
    if (!early) facts.input = await mergeInput(deps, facts, latest, run2.allowAutoMerge);
    const decision = early ? withDisarm(facts.rating, early) : decideMerge(facts.input);
    await rate(deps, facts, decision.action, details);
    if (decision.disarm)
      await write(deps, details, `disabled auto-merge on #${number}`, () => deps.github.writer.disableAutoMerge(pr.nodeId));
    const done = await act(deps, facts, decision.action, run2);
    if (done === "moved") continue;
    return {
      pr: number,
      summary: `#${number}: ${facts.risk.tier} risk; ${describe(done === "merged" ? { kind: "merge", method: deps.config.merge.method } : decision.action)}`,
      details,
      escalated: done === "escalated"
    };
  }
  return {
    pr: number,
    summary: `#${number}: the head moved ${MAX_HEADS} times during the run; the next event evaluates it`,
    details,
    escalated: false
  };
}
async function rate(deps, facts, action, details) {
  const { pr, risk } = facts;
  const label = riskLabel(risk.tier);
  if (!pr.labels.includes(label) || RISK_LABELS.some((l) => l !== label && pr.labels.includes(l))) {
    await write(
      deps,
      details,
      `labelled #${pr.number} ${label}`,
      () => moveLabel(stateDepsFor(deps), { type: "pr", number: pr.number, labels: pr.labels }, label, RISK_LABELS)
    );
  }
  const check = riskCheckRun(facts, action);
  const same = facts.riskCheck;
  if (same && same.conclusion === check.conclusion && same.title === check.output.title && same.summary === check.output.summary) return;
  await write(
    deps,
    details,
    `${RISK_CHECK} ${check.conclusion} on ${pr.head.sha.slice(0, 7)}: ${check.output.title}`,
    () => deps.github.writer.createCheckRun(check)
  );
}
function riskCheckRun(facts, action) {
  const { pr, risk } = facts;
  return {
    name: RISK_CHECK,
    headSha: pr.head.sha,
    conclusion: risk.tier === "high" ? "neutral" : "success",
    output: {
      title: `Risk ${risk.tier}: ${describe(action)}`,
      summary: [
        `**Risk: ${risk.tier}**`,
        ...risk.reasons.map((r) => `- ${oneLine(r)}`),
        "",
        `**Merge gate:** ${oneLine(reasonOf(action))}`
      ].join("\n")
    }
  };
}
async function act(deps, facts, action, run2, headChecked = false) {
  const { pr } = facts;
  const { writer } = deps.github;
  const { details } = run2;
  switch (action.kind) {
    case "wait":
    case "hand-over":
      return "ok";
    case "escalate":
      return escalateTo(deps, facts, action.why, action.decision, details);
    case "approve": {
      const reviews = await deps.github.reader.listReviews(pr.number);
      if (reviews.some((r) => r.state === "APPROVED" && r.commitId === pr.head.sha)) return "ok";
      const body = `Approved by the merge gate: ${facts.risk.tier} risk, approved by the factory review, checks green. A person presses merge.`;
      await write(
        deps,
        details,
        `approved #${pr.number} at ${pr.head.sha.slice(0, 7)} (approver-token)`,
        () => deps.approver.createReview(pr.number, { event: "APPROVE", body, commitId: pr.head.sha })
      );
      return "ok";
    }
    case "arm":
    case "merge":
    case "enqueue": {
      if (action.kind === "arm" && pr.autoMerge?.method === action.method) return "ok";
      if (action.kind === "enqueue") {
        const entry = await deps.github.reader.getMergeQueueEntry(pr.number);
        if (entry) {
          details.push(`#${pr.number} is in the merge queue already (position ${entry.position}, ${entry.state.toLowerCase()})`);
          return "ok";
        }
      }
      if (!headChecked) {
        const now = await deps.github.reader.getPullRequest(pr.number);
        if (now.head.sha !== pr.head.sha) {
          details.push(`the head of #${pr.number} moved to ${now.head.sha.slice(0, 7)}: evaluated again`);
          return "moved";
        }
      }
      try {
        if (action.kind === "arm") {
          await write(
            deps,
            details,
            `enabled auto-merge (${action.method}) on #${pr.number}`,
            () => writer.enableAutoMerge(pr.nodeId, upper(action.method), pr.head.sha)
          );
        } else if (action.kind === "merge") {
          await write(
            deps,
            details,
            `merged #${pr.number} at ${pr.head.sha.slice(0, 7)} (${action.method})`,
            () => writer.mergePullRequest(pr.number, { sha: pr.head.sha, method: action.method })
          );
        } else {
          await write(deps, details, `enqueued #${pr.number} in the merge queue`, () => writer.enqueuePullRequest(pr.nodeId, pr.head.sha));
        }
        return "ok";
      } catch (e) {
        if (action.kind === "merge" && isStatus(e, 409)) {
          details.push(`GitHub refused the merge of ${pr.head.sha.slice(0, 7)}: the head moved (409); evaluated again`);
          return "moved";
        }
        if (action.kind === "arm" && EXPECTED_HEAD_REFUSAL.test(errorMessage(e))) {
          details.push(`GitHub did not arm auto-merge for ${pr.head.sha.slice(0, 7)}: the head moved; evaluated again`);
          return "moved";
        }
        if (action.kind === "arm" && /auto merge is not allowed|rules not configured|clean status/i.test(errorMessage(e))) {
          details.push(`GitHub did not arm auto-merge (${errorMessage(e)}): merging directly once the required checks pass`);
          run2.noAutoMerge();
          return mergeInstead(deps, facts, run2);
        }
        const what = action.kind === "arm" ? "enable auto-merge" : action.kind === "merge" ? "merge" : "enqueue";
        return escalateTo(
          deps,
          facts,
          `GitHub refused to ${what}: ${errorMessage(e)}`,
          `merge #${pr.number} yourself, or fix what GitHub reports`,
          details
        );
      }
    }
  }
}
async function mergeInstead(deps, facts, run2) {
  const input = facts.input;
  const { action } = decideMerge({ ...input, repo: { ...input.repo, allowAutoMerge: false } });
  if (action.kind === "merge") {
    const done = await act(deps, facts, action, run2, true);
    return done === "ok" ? "merged" : done;
  }
  const check = riskCheckRun(facts, action);
  await write(
    deps,
    run2.details,
    `${RISK_CHECK} ${check.conclusion} on ${facts.pr.head.sha.slice(0, 7)}: ${check.output.title}`,
    () => deps.github.writer.createCheckRun(check)
  );
  return act(deps, facts, action, run2, true);
}
async function escalateTo(deps, facts, why, decision, details) {
  const { pr } = facts;
  if (deps.dryRun) {
    details.push(`[dry-run] would add ${NEEDS_HUMAN} to #${pr.number}: ${why}`);
    return "escalated";
  }
  const body = escalationBody(deps, facts, why, decision);
  const done = await escalate(stateDepsFor(deps), { type: "pr", number: pr.number, labels: pr.labels }, body);
  details.push(...done.details);
  return "escalated";
}
function escalationBody(deps, facts, why, decision) {
  const clean = (s) => neutralize(deps.redactor.redact(oneLine(s)));
  return [
    `### Merge gate: a person decides`,
    "",
    `**Bottom line:** ${clean(decision)}.`,
    "",
    `**Why:** ${clean(why)}. Head \`${facts.pr.head.sha.slice(0, 7)}\`, **risk ${facts.risk.tier}**:`,
    ...facts.risk.reasons.map((r) => `- ${clean(r)}`),
    "",
    `The gate does not merge this pull request. Remove \`${NEEDS_HUMAN}\` to have it rated again.`
  ].join("\n");
}
async function write(deps, details, line, fn) {
  if (deps.dryRun) {
    details.push(`[dry-run] would have ${line}`);
    return;
  }
  await fn();
  details.push(line);
}
function describe(action) {
  switch (action.kind) {
    case "escalate":
      return "a person decides";
    case "wait":
      return "waiting";
    case "hand-over":
      return "a person merges";
    case "arm":
      return `auto-merge (${action.method})`;
    case "merge":
      return `merge (${action.method})`;
    case "enqueue":
      return "merge queue";
    case "approve":
      return "approved, a person merges";
  }
}
function reasonOf(action) {
  switch (action.kind) {
    case "escalate":
      return `${action.why}: ${action.decision}.`;
    case "wait":
    case "hand-over":
      return `${action.why}.`;
    case "arm":
      return `approved, tier within merge.autoMerge: GitHub auto-merge (${action.method}) merges it when the required checks pass (where nothing is left to wait for, the gate merges it directly at this head).`;
    case "merge":
      return `approved, required checks passed, the repository does not allow auto-merge: merged (${action.method}) at this head.`;
    case "enqueue":
      return "approved, required checks passed: added to the merge queue of the base branch.";
    case "approve":
      return "approved with the approver-token (merge.mode approve-only): a person presses merge.";
  }
}
var EXPECTED_HEAD_REFUSAL = /expected head ?oid|head sha does not match/i;
var upper = (m) => m.toUpperCase();
function oneLine(s) {
  return s.replace(/\s+/g, " ").trim();
}

// actions/merge-gate/src/run.ts
var run = async (deps, inputs) => {
  const gate = gateEvent(inputs.event, inputs.issueNumber, deps.config);
  if (!gate.ok) return skipped(gate.reason);
  return gatePullRequests({ ...deps, automation: AUTOMATION }, gate.value);
};
var SWEEP_CAP = 20;
async function gatePullRequests(deps, trigger) {
  const prs = trigger.prs === "sweep" ? await sweep(deps) : trigger.prs;
  if (prs.length === 0) return { outcome: "no-op", summary: "no open factory pull request to evaluate", details: [], records: [] };
  const results = [];
  for (const pr of prs) results.push(await evaluatePullRequest(deps, pr));
  const details = results.flatMap((r) => r.details);
  if (results.every((r) => r.skipped)) return skipped(results.map((r) => r.skipped).join("; "));
  const outcome = results.some((r) => r.escalated) ? "refused" : details.length ? "completed" : "no-op";
  return { outcome, summary: results.map((r) => r.summary).join("; "), details, records: [] };
}
async function sweep(deps) {
  const open = await deps.github.reader.listPullRequests({ state: "open" });
  return open.filter((pr) => isFactoryPullRequest(pr, deps.config.trust.botLogin)).slice(0, SWEEP_CAP).map((pr) => pr.number);
}
export {
  SWEEP_CAP,
  gatePullRequests,
  run
};
