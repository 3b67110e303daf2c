import { createRequire as __factoryCreateRequire } from 'node:module';
const require = __factoryCreateRequire(import.meta.url);
import {
  QUALITY_JSON,
  parseHistory
} from "./chunk-2cf28da534.js";
import {
  modelPrices,
  runAgent
} from "./chunk-5da0b5b307.js";
import "./chunk-90cfc56197.js";
import "./chunk-a04ffcc530.js";
import "./chunk-250e78122a.js";
import {
  budgetFor
} from "./chunk-acb97a124f.js";
import "./chunk-60103dcc72.js";
import "./chunk-51525f29b4.js";
import {
  ToolRefusal,
  defineTool
} from "./chunk-0f29425468.js";
import "./chunk-e970019b7c.js";
import "./chunk-8866facdbc.js";
import "./chunk-64c3aea864.js";
import "./chunk-46b452a502.js";
import {
  neutralize,
  sanitizeText
} from "./chunk-71acfe59dc.js";
import "./chunk-66d88ceb62.js";
import {
  aggregateRecords,
  computeMetrics,
  readRunRecords
} from "./chunk-05e205c5d5.js";
import "./chunk-3b9788c516.js";
import {
  isAutomationEnabled
} from "./chunk-368e4d810e.js";
import {
  getMarker,
  withMarker
} from "./chunk-cd4c9ed0f2.js";
import {
  buildRunRecord
} from "./chunk-21091bdd34.js";
import "./chunk-72b8fa822b.js";
import {
  skipped
} from "./chunk-611882844b.js";
import "./chunk-8935ddc7e5.js";
import "./chunk-eebc0eba86.js";
import {
  external_exports
} from "./chunk-f1a3eba2ad.js";
import {
  routeEvent
} from "./chunk-733809efca.js";
import "./chunk-ffa5c3fea6.js";
import "./chunk-0a4052ce6e.js";

// actions/shared/metrics/mermaid.ts
function label(text) {
  return `"${text.replace(/["\\\n\r`]/g, " ").trim()}"`;
}
function num(n) {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 1e4) / 1e4);
}
function xyChart(opts) {
  const max = Math.max(1, ...opts.series.flatMap((s) => s.values));
  const top = max <= 10 ? Math.ceil(max) : Math.ceil(max * 1.1);
  return [
    "xychart-beta",
    `  title ${label(opts.title)}`,
    `  x-axis [${opts.x.map(label).join(", ")}]`,
    `  y-axis ${label(opts.yLabel)} 0 --> ${num(top)}`,
    ...opts.series.map((s) => `  ${s.kind} [${s.values.map(num).join(", ")}]`)
  ].join("\n");
}
function pieChart(title, slices) {
  return [
    `pie title ${title.replace(/[\n\r]/g, " ")}`,
    ...slices.filter((s) => s.value > 0).map((s) => `  ${label(s.label)} : ${num(s.value)}`)
  ].join("\n");
}
function fenced(chart) {
  return ["```mermaid", chart, "```"].join("\n");
}

// actions/shared/metrics/dashboard.ts
var DASHBOARD_TITLE = "Factory dashboard";
function pct(share) {
  return share === null ? "n/a" : `${Math.round(share * 1e3) / 10}%`;
}
function hours(h) {
  return h === null ? "n/a" : `${Math.round(h * 10) / 10} h`;
}
function usd(n) {
  return n === null ? "n/a" : `$${n.toFixed(2)}`;
}
function table(head, rows) {
  return [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)];
}
function cell(text) {
  return text.replace(/\|/g, "\\|").replace(/[\r\n]+/g, " ");
}
function flowRows(m) {
  return [
    ["Pull requests opened", String(m.prsOpened)],
    ["Pull requests merged", String(m.prsMerged)],
    [
      "Merged without a human commit",
      `${pct(m.mergedWithoutHumanCommit.share)} (${m.mergedWithoutHumanCommit.count} of ${m.mergedWithoutHumanCommit.of})`
    ],
    ["Lead time, issue opened to merged (median)", hours(m.leadTimeHours.median)],
    ["Lead time, issue opened to merged (p90)", hours(m.leadTimeHours.p90)],
    ["Time to first review (median)", hours(m.firstReviewHours.median)],
    ["Time to first review (p90)", hours(m.firstReviewHours.p90)],
    [
      "Review rounds per merged pull request (mean)",
      m.reviewRounds.mean === null ? "n/a" : String(Math.round(m.reviewRounds.mean * 10) / 10)
    ],
    ["Needs-human rate", `${pct(m.needsHuman.share)} (${m.needsHuman.count} of ${m.needsHuman.of})`],
    ["Automation runs", String(m.runs.total)],
    ["Cost", usd(m.cost.totalUsd)],
    ["Cost per merged pull request", usd(m.cost.perMergedPrUsd)],
    ["Cache-read share of input tokens", pct(m.cacheReadShare)],
    ["Incidents opened", String(m.incidents.opened)],
    ["Incidents closed", String(m.incidents.closed)]
  ];
}
function renderDashboard(m, sources) {
  const x = m.days.map((d) => d.day.slice(5));
  const lines = [
    `# ${DASHBOARD_TITLE}`,
    "",
    `The last ${m.days.length} days (${m.window.from} to ${m.window.to}, UTC), computed by code from ${sources.pulls} pull requests, ${sources.issues} issues and ${sources.records} run records${sources.skippedRecords ? ` (${sources.skippedRecords} unreadable run records skipped)` : ""}. Updated ${sources.updatedAt}; this issue is edited in place every day.`,
    ...sources.truncated ? ["", "> Some reads hit their bound: the figures cover the most recent items only."] : [],
    "",
    "## Flow",
    "",
    fenced(
      xyChart({
        title: "Pull requests opened (bars) and merged (line) per day",
        x,
        yLabel: "pull requests",
        series: [
          { kind: "bar", values: m.days.map((d) => d.opened) },
          { kind: "line", values: m.days.map((d) => d.merged) }
        ]
      })
    ),
    "",
    ...table(["Measure", "Value"], flowRows(m)),
    "",
    "## Review rounds",
    "",
    ...table(
      ["Submitted reviews", "Merged pull requests"],
      m.reviewRounds.byRounds.map((r) => [r.rounds, r.count])
    ),
    "",
    "## Needs a person",
    "",
    `${m.needsHuman.count} of ${m.needsHuman.of} issues and pull requests opened in the window carry \`factory:needs-human\` (${pct(m.needsHuman.share)}).`,
    "",
    ...m.needsHuman.reasons.length ? table(
      ["Top reasons", "Count"],
      m.needsHuman.reasons.map((r) => [cell(r.reason), r.count])
    ) : ["No escalation in the window."],
    "",
    "## Automation runs",
    "",
    ...m.runs.total ? [
      fenced(
        pieChart(
          "Runs by outcome",
          m.runs.byOutcome.map((o) => ({ label: o.outcome, value: o.count }))
        )
      ),
      "",
      ...table(
        ["Automation", "Runs", "success", "no-op", "partial", "failed", "skipped", "budget-stop", "Cost"],
        m.runs.byAutomation.map((a) => [
          a.automation,
          a.total,
          ...["success", "no-op", "partial", "failed", "skipped", "budget-stop"].map((o) => a.outcomes[o] ?? 0),
          usd(a.costUsd)
        ])
      )
    ] : ["No run records in the window."],
    "",
    "## Cost",
    "",
    fenced(
      xyChart({
        title: "Model cost per day (USD)",
        x,
        yLabel: "USD",
        series: [{ kind: "bar", values: m.days.map((d) => d.costUsd) }]
      })
    ),
    "",
    ...table(
      ["Measure", "Value"],
      [
        ["Total", usd(m.cost.totalUsd)],
        ["Per merged pull request", usd(m.cost.perMergedPrUsd)],
        ["Cache-read share of input tokens", pct(m.cacheReadShare)]
      ]
    ),
    "",
    "## Incidents",
    "",
    ...table(["Opened", "Closed"], [[m.incidents.opened, m.incidents.closed]]),
    "",
    "## Quality grades",
    "",
    ...m.quality.areas.length ? table(
      ["Area", ...m.quality.dates],
      m.quality.areas.map((a) => [cell(a.area), ...a.grades.map((g) => g ?? "\u2013")])
    ) : ["No grades yet (`quality.json`)."],
    ""
  ];
  return lines.join("\n");
}

// actions/metrics/src/publish.ts
async function findOwnIssue(deps, known, marker, title) {
  const bot = deps.config.trust.botLogin;
  const own = (login) => !!login && login.replace(/\[bot\]$/, "") === bot.replace(/\[bot\]$/, "");
  for (const candidate of known.filter((i) => i.title === title && own(i.author))) {
    const full = await deps.github.reader.getIssue(candidate.number);
    if (getMarker(full.body, marker)) return full;
  }
  const hits = await deps.github.reader.searchIssues(`is:issue in:title "${title.replace(/"/g, "")}"`);
  return hits.find((h) => own(h.author.login) && h.title === title && getMarker(h.body, marker));
}
async function upsertIssue(deps, known, issue) {
  const found = issue.found === void 0 ? await findOwnIssue(deps, known, issue.marker, issue.title) : issue.found ?? void 0;
  const body = withMarker(issue.body, issue.marker, issue.data);
  if (!found) {
    if (deps.dryRun) return { number: 0, created: true, changed: true };
    const created = await deps.github.writer.createIssue({ title: issue.title, body });
    return { number: created.number, created: true, changed: true };
  }
  if (found.body === body && found.state === "open") return { number: found.number, created: false, changed: false };
  if (!deps.dryRun) {
    await deps.github.writer.updateIssue(found.number, {
      body,
      ...issue.reopen && found.state !== "open" ? { state: "open" } : {}
    });
  }
  return { number: found.number, created: false, changed: true };
}

// actions/metrics/src/collect.ts
var DASHBOARD_MARKER = { kind: "metrics", key: "dashboard" };
function windowEnding(now, days) {
  const to = now.toISOString().slice(0, 10);
  const from = new Date(Date.parse(`${to}T00:00:00Z`) - (days - 1) * 864e5).toISOString().slice(0, 10);
  return { from, to };
}
var MAX_STATE_CHARS = 3e4;
function dashboardState(runs, through) {
  const state = {
    v: 1,
    through,
    runs: runs.map((a) => [a.day, a.automation, a.outcome, a.runs, a.costUsd, a.input, a.cacheRead, a.cacheWrite])
  };
  return JSON.stringify(state).length > MAX_STATE_CHARS ? { v: 1, through: 0, runs: [] } : state;
}
var RECAP_TITLE_PREFIX = "Factory weekly recap, ";
function countedIssues(issues, botLogin) {
  const bot = botLogin.replace(/\[bot\]$/, "");
  const report = (i) => i.author?.replace(/\[bot\]$/, "") === bot && (i.title === DASHBOARD_TITLE || i.title.startsWith(RECAP_TITLE_PREFIX));
  return issues.filter((i) => !report(i));
}
function carried(issue) {
  const data = issue ? getMarker(issue.body, DASHBOARD_MARKER)?.data : void 0;
  if (!data || data.v !== 1 || typeof data.through !== "number" || !Array.isArray(data.runs)) return { through: 0, runs: [] };
  const runs = [];
  for (const row of data.runs) {
    if (!Array.isArray(row) || row.length !== 8) return { through: 0, runs: [] };
    const [day, automation, outcome, ...n] = row;
    if (typeof day !== "string" || typeof automation !== "string" || typeof outcome !== "string" || n.some((x) => typeof x !== "number")) {
      return { through: 0, runs: [] };
    }
    runs.push({ day, automation, outcome, runs: n[0], costUsd: n[1], input: n[2], cacheRead: n[3], cacheWrite: n[4] });
  }
  return { through: data.through, runs };
}
async function collect(deps) {
  const settings = deps.config.automations.metrics;
  const window = windowEnding(deps.clock.now(), settings.windowDays);
  const since = `${window.from}T00:00:00Z`;
  const { reader } = deps.github;
  const [pulls, issues, qualityText] = await Promise.all([
    reader.listPullActivity({ since, maxPages: settings.maxPages }),
    reader.listIssueActivity({ since, maxPages: settings.maxPages }),
    reader.getFileContent(QUALITY_JSON)
  ]);
  const dashboard = await findOwnIssue(deps, issues.items, DASHBOARD_MARKER, DASHBOARD_TITLE);
  const before = carried(dashboard);
  const read = await readRunRecords(reader, { since, maxArtifacts: settings.maxRunArtifacts, afterId: before.through });
  const runs = aggregateRecords(
    read.records.map((r) => r.record),
    before.runs.filter((a) => a.day >= window.from)
  );
  const quality = parseHistory(qualityText);
  const notes = [];
  if (quality.problem) notes.push(quality.problem);
  if (read.skipped.length)
    notes.push(`${read.skipped.length} run record(s) skipped: ${read.skipped.map((s) => `${s.source} (${s.reason})`).join("; ")}`);
  return {
    window,
    pulls: pulls.items,
    issues: issues.items,
    runs,
    newRecords: read.records.length,
    through: read.lastId,
    skipped: read.skipped,
    quality: quality.entries,
    dashboard,
    truncated: pulls.truncated || issues.truncated || read.truncated,
    notes
  };
}

// actions/metrics/src/gate.ts
var AUTOMATION = "metrics";
function isWeeklyCron(cron) {
  const fields = (cron ?? "").trim().split(/\s+/);
  return fields.length === 5 && fields[4] !== "*" && fields[2] === "*";
}
function gateEvent(event, config) {
  if (config.killSwitch) return { ok: false, reason: "the kill switch is on (killSwitch: true in .github/factory.yml)" };
  if (!isAutomationEnabled(AUTOMATION, config))
    return { ok: false, reason: `${AUTOMATION} is disabled (automations.${AUTOMATION}.enabled)` };
  if (event.kind === "unsupported") return { ok: false, reason: event.reason };
  const route = routeEvent(event, AUTOMATION, {});
  if (!route.run) return { ok: false, reason: route.reason };
  if (event.kind === "schedule") return { ok: true, value: { recap: isWeeklyCron(event.cron), trigger: `schedule (${event.cron})` } };
  if (event.kind === "workflow_dispatch")
    return { ok: true, value: { recap: String(event.inputs.recap ?? "false") === "true", trigger: "workflow_dispatch" } };
  return { ok: false, reason: `metrics does not run on ${event.kind}` };
}

// prompts/metrics-recap.md
var metrics_recap_default = "# Role\n\nYou write the weekly recap of a software factory: automations that plan, build, review and merge\nchanges to a repository. A person reads the recap on Monday to see how the week went.\n\n# What you receive\n\nA table of the week's figures, computed by code from GitHub and the factory's run records, and\nthe top reasons work was handed to a person. These figures are the only facts you have.\n\n# What you write\n\nCall `write_recap` once, with:\n\n- `narrative`: three to six sentences in plain English. What moved, what got stuck and why, what\n  it cost. Name the one thing most worth a person's attention next week.\n- `post`: a draft social-media post about the week, at most 280 characters, friendly and\n  factual. It is never posted automatically; a person decides.\n\n# Rules\n\n- Every number you write must appear in the table exactly as given (you may drop a `%`, `$` or\n  unit). Do not compute new numbers: no sums, differences, averages, rounding or percentages of\n  your own. A recap that cites any other number is refused and not published.\n- Do not invent events, people, pull requests or issues. Write numbers as digits, not words.\n- No links, no mentions (`@name`), no issue references (`#12`).\n";

// actions/shared/metrics/numbers.ts
var NUMBER = /(?<![\d.])[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\d.])[-+]?\d+(?:\.\d+)?/g;
function numbersIn(text) {
  const out = [];
  for (const m of text.matchAll(NUMBER)) {
    const value = Number(m[0].replace(/,/g, "").replace(/^\+/, ""));
    if (Number.isFinite(value)) out.push(String(Math.abs(value)));
  }
  return out;
}
function inventedNumbers(text, data) {
  const allowed = new Set(numbersIn(data));
  return [...new Set(numbersIn(text))].filter((n) => !allowed.has(n));
}

// actions/metrics/src/recap.ts
function lastIsoWeek(now) {
  const today = Date.parse(`${now.toISOString().slice(0, 10)}T00:00:00Z`);
  const weekday = (new Date(today).getUTCDay() + 6) % 7;
  const monday = today - (weekday + 7) * 864e5;
  const sunday = monday + 6 * 864e5;
  const thursday = new Date(monday + 3 * 864e5);
  const year = thursday.getUTCFullYear();
  const jan4 = Date.UTC(year, 0, 4);
  const week1Monday = jan4 - (new Date(jan4).getUTCDay() + 6) % 7 * 864e5;
  const week = Math.round((monday - week1Monday) / (7 * 864e5)) + 1;
  const iso = (t) => new Date(t).toISOString().slice(0, 10);
  return { label: `${year}-W${String(week).padStart(2, "0")}`, window: { from: iso(monday), to: iso(sunday) } };
}
function recapData(label2, m) {
  return [
    `Week ${label2} (${m.window.from} to ${m.window.to})`,
    "",
    "| Measure | Value |",
    "|---|---|",
    ...flowRows(m).map(([k, v]) => `| ${k} | ${v} |`),
    "",
    "Top reasons for factory:needs-human:",
    ...m.needsHuman.reasons.length ? m.needsHuman.reasons.map((r) => `- ${neutralize(sanitizeText(r.reason))}: ${r.count}`) : ["- none"],
    "",
    "Runs by automation:",
    ...m.runs.byAutomation.length ? m.runs.byAutomation.map((a) => `- ${a.automation}: ${a.total}`) : ["- none"]
  ].join("\n");
}
var RecapSchema = external_exports.object({
  narrative: external_exports.string().min(1).max(2e3).describe("Three to six sentences about the week, numbers only from the table"),
  post: external_exports.string().min(1).max(280).describe("A social-post draft, at most 280 characters; never posted automatically")
});
var POST_LIMIT = 280;
function checkRecap(recap, data) {
  if ([...recap.post].length > POST_LIMIT)
    return { ok: false, rule: "recap-post-length", reason: `the post is longer than ${POST_LIMIT} characters` };
  const invented = inventedNumbers(`${recap.narrative}
${recap.post}`, data);
  if (invented.length) {
    return { ok: false, rule: "recap-numbers", reason: `cites ${invented.join(", ")}, which the week's figures do not hold` };
  }
  return { ok: true };
}
function recapTool(onRecap) {
  return defineTool({
    name: "write_recap",
    description: "Submit the recap once: the narrative and the social-post draft.",
    input: RecapSchema,
    run(input) {
      if ([...input.post].length > POST_LIMIT)
        throw new ToolRefusal(`the post must be at most ${POST_LIMIT} characters`, "recap-post-length");
      onRecap(input);
      return "recorded; the factory checks every number against the figures before publishing";
    }
  });
}
function recapTitle(label2) {
  return `${RECAP_TITLE_PREFIX}${label2}`;
}
function recapBody(label2, data, outcome) {
  const lines = [`# ${recapTitle(label2)}`, "", "## Figures", "", ...data.split("\n").slice(2), ""];
  if (outcome.recap) {
    lines.push(
      "## The week",
      "",
      neutralize(sanitizeText(outcome.recap.narrative)),
      "",
      "## Social post draft",
      "",
      "_A draft only: the factory never posts it. Edit and post it yourself if you like it._",
      "",
      ...neutralize(sanitizeText(outcome.recap.post)).split("\n").map((l) => `> ${l}`),
      ""
    );
  } else if (outcome.refused) {
    lines.push(
      "## The week",
      "",
      `_The model's narrative was refused by policy: it ${outcome.refused}. The figures above stand on their own._`,
      ""
    );
  } else if (outcome.noModel) {
    lines.push("_No narrative: no model key was given to the metrics workflow._", "");
  }
  lines.push("Numbers computed by code from pull requests, issues and run records; the narrative may only cite them.");
  return lines.join("\n");
}
async function writeRecap(deps, data) {
  const { label: label2, window } = lastIsoWeek(deps.clock.now());
  const marker = { kind: "metrics", key: `recap-${label2}` };
  const title = recapTitle(label2);
  const existing = await findOwnIssue(deps, data.issues, marker, title);
  if (existing) return { details: [`the recap of ${label2} is #${existing.number} already`], records: [] };
  const metrics = computeMetrics({
    window,
    pulls: data.pulls,
    issues: countedIssues(data.issues, deps.config.trust.botLogin),
    runs: data.runs,
    quality: data.quality,
    botLogins: [deps.config.trust.botLogin]
  });
  const facts = recapData(label2, metrics);
  if (!deps.model) {
    const written2 = await upsertIssue(deps, data.issues, { marker, title, body: recapBody(label2, facts, { noModel: true }), found: null });
    return {
      details: [`opened the recap of ${label2}${written2.number ? ` as #${written2.number}` : ""} without a narrative (no model key)`],
      records: []
    };
  }
  const startedAt = deps.clock.now();
  let submitted;
  const agent = await runAgent({
    client: deps.model,
    system: metrics_recap_default,
    messages: `Write the recap of week ${label2} from these figures.

${facts}`,
    tools: [recapTool((r) => submitted = r)],
    budgets: budgetFor(deps.config, deps.automation),
    prices: modelPrices(deps.config),
    clock: deps.clock,
    logger: deps.logger,
    transcript: deps.records.transcript(deps.runId),
    workspace: deps.workspace,
    ...deps.onTurn ? { onTurn: deps.onTurn } : {}
  });
  const verdict = submitted ? checkRecap(submitted, facts) : { ok: false, rule: "recap-missing", reason: "wrote no recap" };
  const body = recapBody(label2, facts, verdict.ok ? { recap: submitted } : { refused: verdict.reason });
  const written = await upsertIssue(deps, data.issues, { marker, title, body, found: null });
  const record = buildRunRecord(
    {
      runId: deps.runId,
      automation: deps.automation,
      trigger: { event: "schedule" },
      actor: deps.config.trust.botLogin,
      repo: `${deps.github.reader.repo.owner}/${deps.github.reader.repo.repo}`,
      ...written.number ? { subject: { type: "issue", number: written.number } } : {},
      startedAt,
      finishedAt: deps.clock.now(),
      model: deps.model.model,
      turns: agent.turns,
      usage: {
        input: agent.usage.inputTokens,
        output: agent.usage.outputTokens,
        cacheRead: agent.usage.cacheReadTokens,
        cacheWrite: agent.usage.cacheWriteTokens
      },
      costUsd: agent.costUsd,
      rejected: verdict.ok ? [] : [{ intent: { kind: "recap" }, rule: verdict.rule, reason: verdict.reason }],
      toolRefusals: agent.toolCalls.filter((c) => c.refusal).map((c) => ({ tool: c.name, rule: c.refusal.rule, message: c.refusal.message })),
      outcome: agent.outcome === "error" ? "failed" : verdict.ok ? "success" : "partial",
      ...agent.budgetStop ? { budgetStop: { reason: agent.budgetStop.budget, limit: agent.budgetStop.limit, used: agent.budgetStop.used } } : {}
    },
    deps.redactor
  );
  await deps.records.write(record);
  const what = verdict.ok ? "with the model narrative and a social-post draft" : `without the narrative (refused: ${verdict.reason})`;
  return { details: [`opened the recap of ${label2}${written.number ? ` as #${written.number}` : ""} ${what}`], records: [record] };
}

// actions/metrics/src/run.ts
async function updateDashboard(deps, data) {
  const metrics = computeMetrics({
    window: data.window,
    pulls: data.pulls,
    issues: countedIssues(data.issues, deps.config.trust.botLogin),
    runs: data.runs,
    quality: data.quality,
    botLogins: [deps.config.trust.botLogin]
  });
  const body = renderDashboard(metrics, {
    pulls: data.pulls.length,
    issues: data.issues.length,
    records: data.runs.reduce((n, a) => n + a.runs, 0),
    skippedRecords: data.skipped.length,
    truncated: data.truncated,
    updatedAt: `${data.window.to}`
  });
  const written = await upsertIssue(deps, data.issues, {
    marker: DASHBOARD_MARKER,
    title: DASHBOARD_TITLE,
    body,
    reopen: true,
    data: dashboardState(data.runs, data.through),
    found: data.dashboard ?? null
  });
  return { ...written, body };
}
var run = async (deps, inputs) => {
  const gate = gateEvent(inputs.event, deps.config);
  if (!gate.ok) return skipped(gate.reason);
  const data = await collect(deps);
  for (const note of data.notes) deps.logger.warning(note);
  const dashboard = await updateDashboard(deps, data);
  const details = [
    `${dashboard.created ? "opened" : dashboard.changed ? "updated" : "left unchanged"} the dashboard issue${dashboard.number ? ` #${dashboard.number}` : ""}${deps.dryRun ? " (dry run)" : ""}`,
    `read ${data.pulls.length} pull requests, ${data.issues.length} issues, ${data.newRecords} new run records (${data.skipped.length} skipped)`
  ];
  details.push(`dashboard:
${dashboard.body.replace(/^/gm, "    ")}`);
  const records = [];
  if (gate.value.recap && deps.config.automations.metrics.recap) {
    const recap = await writeRecap(deps, data);
    details.push(...recap.details);
    records.push(...recap.records);
  }
  return { outcome: "completed", summary: `metrics (${gate.value.trigger}): ${details[0]}`, details, records };
};
export {
  run,
  updateDashboard
};
