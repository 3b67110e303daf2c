import { createRequire as __factoryCreateRequire } from 'node:module';
const require = __factoryCreateRequire(import.meta.url);
import {
  TIERS,
  TRUSTED_ASSOCIATIONS
} from "./chunk-49f27ce82d.js";
import {
  AUTHOR_ASSOCIATIONS
} from "./chunk-51602ed746.js";
import {
  DEFAULT_SECRET_ENV
} from "./chunk-7a39aaa707.js";
import {
  external_exports
} from "./chunk-f1a3eba2ad.js";
import {
  AUTOMATIONS,
  FACTORY_LABEL_NAMES,
  RESERVED_LABEL_PREFIXES
} from "./chunk-2838059d67.js";

// actions/shared/isolation/env.ts
var BASE_ENV_NAMES = ["PATH", "LANG", "LC_ALL", "CI", "TERM"];
var SECRET_NAME = /TOKEN|SECRET|KEY|PASSWORD|PASS|CREDENTIAL|AUTH|DSN|COOKIE|SESSION|PRIVATE|ACTIONS_RUNTIME|ACTIONS_ID_TOKEN/i;
var VALID_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
var DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";
function envNameProblem(name) {
  if (!VALID_NAME.test(name)) return `${JSON.stringify(name)} is not a variable name`;
  if (SECRET_NAME.test(name)) return `${name} looks like it holds a secret; secrets never enter the sandbox`;
  if (name === "HOME" || name === "TMPDIR") return `${name} is set by the factory (a scratch folder)`;
  if (/^(LD_|BASH_FUNC_)|^(NODE_OPTIONS|HTTPS?_PROXY|NO_PROXY)$/i.test(name))
    return `${name} changes how programs load or connect; it is not passed`;
  return void 0;
}
function sandboxEnv(source, opts) {
  const env = {};
  for (const name of [...BASE_ENV_NAMES, ...opts.names ?? []]) {
    if (!BASE_ENV_NAMES.includes(name) && envNameProblem(name)) continue;
    const value = source[name];
    if (value !== void 0) env[name] = value;
  }
  env.PATH ??= DEFAULT_PATH;
  env.HOME = opts.home;
  env.TMPDIR = opts.tmp;
  env.NO_UPDATE_NOTIFIER = "1";
  env.npm_config_update_notifier = "false";
  return { ...env, ...opts.fixed };
}

// actions/shared/config/cron.ts
var FIELDS = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day of month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12, names: ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"] },
  { name: "day of week", min: 0, max: 6, names: ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"] }
];
function cronProblem(expression) {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5) {
    return `expected 5 fields (minute hour day-of-month month day-of-week), found ${parts.length}`;
  }
  for (const [i, field] of FIELDS.entries()) {
    const problem = fieldProblem(parts[i], field);
    if (problem) return `${field.name} field: ${problem}`;
  }
  return void 0;
}
function fieldProblem(part, field) {
  for (const item of part.split(",")) {
    const m = /^(\*|[A-Za-z0-9]+(?:-[A-Za-z0-9]+)?)(?:\/(\d+))?$/.exec(item);
    if (!m) return `"${item}" is not *, N, N-M or a step (*/S, N-M/S)`;
    const [, range, step] = m;
    if (step !== void 0 && (Number(step) < 1 || Number(step) > field.max)) {
      return `step ${step} must be between 1 and ${field.max}`;
    }
    if (range === "*") continue;
    const bounds = range.split("-");
    if (step !== void 0 && bounds.length === 1) return `a step needs * or a range before it, got "${item}"`;
    const values = [];
    for (const b of bounds) {
      const v = valueOf(b, field);
      if (v === void 0) {
        const names = field.names ? ` or ${field.names[0]}-${field.names.at(-1)}` : "";
        return `"${b}" is out of range (${field.min}-${field.max}${names})`;
      }
      values.push(v);
    }
    if (values.length === 2 && values[0] > values[1]) return `range ${range} runs backwards`;
  }
  return void 0;
}
function valueOf(token, field) {
  if (/^\d+$/.test(token)) {
    const n = Number(token);
    return n >= field.min && n <= field.max ? n : void 0;
  }
  const index = field.names?.indexOf(token.toUpperCase()) ?? -1;
  return index < 0 ? void 0 : index + field.min;
}

// actions/shared/config/fields.ts
function show(value) {
  if (value === void 0) return "nothing";
  if (value === null) return "an empty value";
  if (typeof value === "string") {
    const s = value.length > 40 ? `${value.slice(0, 37)}...` : value;
    return JSON.stringify(s);
  }
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  return String(value);
}
function expected(what) {
  return (iss) => {
    if (iss.code === "unrecognized_keys") return void 0;
    if (iss.input === void 0) return `is required (${what})`;
    return `expected ${what}, got ${show(iss.input)}`;
  };
}
function positiveInt() {
  const error = expected("a positive integer");
  return external_exports.int({ error }).positive({ error });
}
function nonNegativeNumber() {
  const error = expected("a number >= 0");
  return external_exports.number({ error }).nonnegative({ error });
}
function positiveNumber() {
  const error = expected("a positive number");
  return external_exports.number({ error }).positive({ error });
}
function bool() {
  return external_exports.boolean({ error: expected("true or false") });
}
function text(what = "a non-empty string") {
  const error = expected(what);
  return external_exports.string({ error }).trim().min(1, { error });
}
function oneOf(values) {
  return external_exports.enum(values, { error: expected(`one of ${values.join(", ")}`) });
}
function list(item, what) {
  return external_exports.array(item, { error: expected(what) });
}
function mapping(shape) {
  return external_exports.strictObject(shape, { error: expected("a mapping of fields") });
}
function httpUrl() {
  const error = expected("an http(s) URL");
  return external_exports.url({ protocol: /^https?$/, error });
}

// actions/shared/config/schema.ts
var DEFAULT_CONFIG_FILE = ".github/factory.yml";
var DEFAULT_PRICES = {
  "claude-opus-5-5": { inputPerMTok: 4, outputPerMTok: 20, cacheReadPerMTok: 0.4, cacheWritePerMTok: 5 },
  "claude-sonnet-5-5": { inputPerMTok: 2, outputPerMTok: 10, cacheReadPerMTok: 0.2, cacheWritePerMTok: 2.5 },
  "claude-sonnet-5": { inputPerMTok: 2, outputPerMTok: 10, cacheReadPerMTok: 0.2, cacheWritePerMTok: 2.5 },
  "claude-sonnet-4-6": { inputPerMTok: 3, outputPerMTok: 15, cacheReadPerMTok: 0.3, cacheWritePerMTok: 3.75 },
  "claude-opus-4-5": { inputPerMTok: 5, outputPerMTok: 25, cacheReadPerMTok: 0.5, cacheWritePerMTok: 6.25 },
  "claude-opus-4-1": { inputPerMTok: 15, outputPerMTok: 75, cacheReadPerMTok: 1.5, cacheWritePerMTok: 18.75 },
  "claude-opus-4": { inputPerMTok: 15, outputPerMTok: 75, cacheReadPerMTok: 1.5, cacheWritePerMTok: 18.75 },
  "claude-sonnet-4-5": { inputPerMTok: 3, outputPerMTok: 15, cacheReadPerMTok: 0.3, cacheWritePerMTok: 3.75 },
  "claude-sonnet-4": { inputPerMTok: 3, outputPerMTok: 15, cacheReadPerMTok: 0.3, cacheWritePerMTok: 3.75 },
  "claude-haiku-4-5": { inputPerMTok: 1, outputPerMTok: 5, cacheReadPerMTok: 0.1, cacheWritePerMTok: 1.25 },
  "claude-3-5-haiku": { inputPerMTok: 0.8, outputPerMTok: 4, cacheReadPerMTok: 0.08, cacheWritePerMTok: 1 }
};
var DEFAULT_PROTECTED_PATHS = [
  // CI, workflows, actions, ownership, and the factory's own config and prompts
  ".github/**",
  "**/action.yml",
  "**/action.yaml",
  "CODEOWNERS",
  "docs/CODEOWNERS",
  ".github/CODEOWNERS",
  ".github/factory.yml",
  "prompts/**",
  // Git's machinery in the tree: attributes name filter, diff and merge drivers, submodules bring in
  // other code, LFS settings redirect downloads, hook folders and hook managers run on developers' machines
  "**/.gitattributes",
  "**/.gitmodules",
  ".lfsconfig",
  "**/.githooks/**",
  "**/.husky/**",
  ".pre-commit-config.yaml",
  "**/lefthook.yml",
  "**/.lefthook.yml",
  // Package manifests, lockfiles, registry settings and package-manager code run at install (supply chain)
  "**/package.json",
  "**/package-lock.json",
  "**/npm-shrinkwrap.json",
  "**/yarn.lock",
  "**/pnpm-lock.yaml",
  "**/pnpm-workspace.yaml",
  "**/bun.lock",
  "**/bun.lockb",
  "**/.npmrc",
  "**/.yarnrc",
  "**/.yarnrc.yml",
  "**/.yarn/**",
  "**/.pnp.cjs",
  "**/.pnp.loader.mjs",
  "**/.pnpmfile.cjs",
  "**/.pnpmfile.mjs",
  "**/bunfig.toml",
  "**/Cargo.toml",
  "**/Cargo.lock",
  "**/go.mod",
  "**/go.sum",
  "**/requirements*.txt",
  "**/pyproject.toml",
  "**/poetry.lock",
  "**/uv.lock",
  "**/Pipfile",
  "**/Pipfile.lock",
  "**/Gemfile",
  "**/Gemfile.lock",
  "**/composer.json",
  "**/composer.lock",
  "**/pom.xml",
  "**/build.gradle",
  "**/build.gradle.kts",
  "**/gradle.lockfile",
  // Database migrations and security rules (RLS policies, Firebase rules)
  "**/migrations/**",
  "**/*.sql",
  "**/firestore.rules",
  "**/storage.rules",
  "**/database.rules.json"
];
var DEFAULT_SCHEDULES = {
  "feature-planner": "*/30 * * * *",
  "feature-builder": "7 * * * *",
  "pr-shepherd": "17 * * * *",
  "incident-responder": "*/15 * * * *",
  "quality-grader": "23 5 * * *",
  "automation-auditor": "41 6 * * 1",
  metrics: "11 6 * * *"
};
var SENTRY_LEVELS = ["fatal", "error", "warning", "info", "debug"];
function keyed(names, value) {
  return mapping(Object.fromEntries(names.map((n) => [n, value.optional()])));
}
var PriceSchema = mapping({
  inputPerMTok: nonNegativeNumber().describe("USD per million input tokens."),
  outputPerMTok: nonNegativeNumber().describe("USD per million output tokens."),
  cacheReadPerMTok: nonNegativeNumber().optional().describe("USD per million cache-read tokens. Default: 0.1 x input."),
  cacheWritePerMTok: nonNegativeNumber().optional().describe("USD per million cache-write tokens. Default: 1.25 x input.")
}).transform((p) => ({
  inputPerMTok: p.inputPerMTok,
  outputPerMTok: p.outputPerMTok,
  cacheReadPerMTok: p.cacheReadPerMTok ?? p.inputPerMTok * 0.1,
  cacheWritePerMTok: p.cacheWritePerMTok ?? p.inputPerMTok * 1.25
}));
var ModelSchema = mapping({
  name: text("a model id").default("claude-sonnet-5-5").describe("Model id used by every automation."),
  fallback: text("a model id").optional().describe("Model id to retry with when the main model is overloaded or unavailable."),
  maxTokens: positiveInt().default(8192).describe("max_tokens for each model response."),
  baseUrl: httpUrl().optional().describe("Base URL of an Anthropic-compatible gateway. Default: the Anthropic API."),
  prices: external_exports.record(external_exports.string(), PriceSchema, { error: expected("a mapping of model id to prices") }).optional().transform((p) => ({ ...DEFAULT_PRICES, ...p })).describe("Prices per model id (or id prefix), merged over built-in prices for current Claude models.")
}).prefault({});
var BudgetOverrideSchema = mapping({
  maxTurns: positiveInt().optional(),
  maxInputTokens: positiveInt().optional(),
  maxOutputTokens: positiveInt().optional(),
  maxUsd: positiveNumber().optional(),
  maxMinutes: positiveNumber().optional()
});
var BudgetsSchema = mapping({
  maxTurns: positiveInt().default(30).describe("Maximum model turns per run."),
  maxInputTokens: positiveInt().default(2e6).describe("Maximum input tokens per run (cache reads included)."),
  maxOutputTokens: positiveInt().default(1e5).describe("Maximum output tokens per run."),
  maxUsd: positiveNumber().default(2).describe("Maximum model spend per run, in USD."),
  maxMinutes: positiveNumber().default(20).describe("Maximum wall-clock minutes for the agent loop of one run."),
  perAutomation: keyed(AUTOMATIONS, BudgetOverrideSchema).prefault({}).describe("Overrides per automation, e.g. `feature-builder: { maxUsd: 5 }`. Unset fields use the values above.")
}).prefault({});
var TrustSchema = mapping({
  associations: list(oneOf(AUTHOR_ASSOCIATIONS), "a list of author associations").default([...TRUSTED_ASSOCIATIONS]).describe("Author associations trusted to trigger write-capable automations."),
  bots: list(text("a bot login"), "a list of bot logins").default([]).describe('Bot accounts trusted by exact login, e.g. "dependabot[bot]". Other bots are never trusted.'),
  botLogin: text("a login").default("github-actions[bot]").describe("The factory's own login (the GitHub App's bot when an app token is used); its events are skipped."),
  requireApprovalForUntrusted: bool().default(true).describe("Issues from untrusted authors wait until a trusted person adds factory:ready.")
}).prefault({});
var LabelOverrideSchema = mapping({
  color: external_exports.string({ error: expected('a 6-digit hex colour such as "0e8a16"') }).regex(/^#?[0-9a-fA-F]{6}$/, { error: expected('a 6-digit hex colour such as "0e8a16"') }).transform((c) => c.replace(/^#/, "").toLowerCase()).optional(),
  description: external_exports.string({ error: expected("a string of at most 100 characters") }).max(100, { error: expected("a string of at most 100 characters") }).optional()
});
var ExtraLabelSchema = text("a label name").refine((name) => !RESERVED_LABEL_PREFIXES.some((p) => name.startsWith(p)), {
  error: (iss) => `label ${JSON.stringify(iss.input)} uses a reserved prefix (${RESERVED_LABEL_PREFIXES.join(", ")})`
});
var LabelsSchema = mapping({
  overrides: keyed(FACTORY_LABEL_NAMES, LabelOverrideSchema).prefault({}).describe('Colour/description overrides per factory label, e.g. `"factory:ready": { color: "00ff00" }`.'),
  extra: list(ExtraLabelSchema, "a list of label names").default([]).describe("Existing repository labels the automations may also add or remove (they carry no state).")
}).prefault({});
var tier = oneOf(TIERS);
var RiskRuleSchema = mapping({
  paths: list(text("a glob pattern"), "a list of glob patterns").min(1, { error: "needs at least one glob pattern" }).describe("Glob patterns (picomatch, dotfiles included) matched against changed file paths."),
  tier: tier.describe("Tier of a file matching these globs.")
});
var RiskSchema = mapping({
  rules: list(RiskRuleSchema, "a list of { paths, tier } rules").default([]).describe("Path rules. A file's tier comes from the first rule matching it, else defaultTier; the PR takes the highest."),
  defaultTier: tier.default("low").describe("Tier of a file that no rule matches."),
  protectedPaths: list(text("a glob pattern"), "a list of glob patterns").default([...DEFAULT_PROTECTED_PATHS]).describe("Touching any of these makes a pull request high risk. Setting this list replaces the defaults."),
  maxLinesLow: positiveInt().default(200).describe("More changed lines (additions + deletions) than this is at least medium risk."),
  maxLinesMedium: positiveInt().default(800).describe("More changed lines than this is high risk."),
  autoMerge: mapping({
    enabled: bool().default(false).describe("Enable GitHub auto-merge for approved pull requests within maxTier."),
    maxTier: oneOf(["low", "medium"]).default("low").describe("Highest tier that may auto-merge. High risk never auto-merges.")
  }).prefault({}).describe("Auto-merge policy. Off by default.")
}).superRefine((risk, ctx) => {
  if (risk.maxLinesMedium < risk.maxLinesLow) {
    ctx.addIssue({
      code: "custom",
      path: ["maxLinesMedium"],
      input: risk.maxLinesMedium,
      message: `must be >= maxLinesLow (${risk.maxLinesLow}), got ${risk.maxLinesMedium}`
    });
  }
}).prefault({});
var enabled = (on) => bool().default(on).describe("Run this automation.");
var simple = (description, on = true) => mapping({ enabled: enabled(on) }).prefault({}).describe(description);
var AutomationsSchema = mapping({
  intake: simple("Turns reports (repository_dispatch, issue forms) into issues."),
  "feature-planner": mapping({
    enabled: enabled(true),
    sweepCap: positiveInt().default(10).describe("Issues triaged per scheduled sweep."),
    needsInfoStaleDays: positiveInt().default(14).describe("Days without an answer before a needs-info issue is escalated."),
    specGapCap: positiveInt().default(3).describe("Spec-gap issues opened per run when the backlog is empty.")
  }).prefault({}).describe("Triages, enriches, decomposes and deduplicates issues."),
  "feature-builder": mapping({
    enabled: enabled(true),
    maxOpenPrs: positiveInt().default(5).describe("Open factory pull requests at which the builder stops taking work."),
    maxAttempts: positiveInt().default(3).describe("Build attempts per issue before factory:needs-human.")
  }).prefault({}).describe("Builds factory:ready issues into pull requests."),
  commands: simple("@factory fix|plan|review|retry|explain|stop from trusted people."),
  "pr-reviewer": simple("Reviews pull requests."),
  "review-resolver": mapping({
    enabled: enabled(true),
    maxRounds: positiveInt().default(3).describe("Resolve rounds per pull request before factory:needs-human.")
  }).prefault({}).describe("Addresses review threads with commits and replies."),
  "merge-gate": simple("Sets risk:* and enables auto-merge or asks a person."),
  "pr-shepherd": simple("Keeps pull requests moving: updates branches, releases expired claims, escalates."),
  "ci-fixer": mapping({
    enabled: enabled(true),
    maxAttempts: positiveInt().default(2).describe("CI fix attempts per pull request before factory:needs-human.")
  }).prefault({}).describe("Fixes failing CI on factory pull requests (run by the shepherd)."),
  "post-merge-verifier": simple("Runs smokeChecks after each push to the default branch."),
  "incident-responder": simple("Turns Sentry issues into factory issues (needs sentry.org)."),
  "quality-grader": simple("Grades spec areas A-F in quality.md."),
  "automation-auditor": simple("Proposes prompt and config changes from run records. Off by default.", false),
  metrics: simple("Dashboard issue and weekly recap.")
}).prefault({});
var cron = external_exports.string({ error: expected("a 5-field cron expression or null") }).superRefine((value, ctx) => {
  const problem = cronProblem(value);
  if (problem) ctx.addIssue({ code: "custom", input: value, message: `invalid cron ${JSON.stringify(value)}: ${problem}` });
});
var SchedulesSchema = mapping(
  Object.fromEntries(
    AUTOMATIONS.map((a) => {
      const d = DEFAULT_SCHEDULES[a];
      const field = cron.nullable();
      return [a, (d === void 0 ? field.optional() : field.default(d)).describe(d ? `Default "${d}".` : "Not scheduled by default.")];
    })
  )
).prefault({}).describe("Cron (UTC, 5 fields) per automation; null turns a schedule off.");
var CommandsSchema = mapping({
  test: text("a command line or null").nullable().default(null).describe('Command that runs the tests, e.g. "npm test".'),
  lint: text("a command line or null").nullable().default(null).describe("Command that runs the linters."),
  build: text("a command line or null").nullable().default(null).describe("Command that builds the project."),
  allow: list(text("a command prefix"), "a list of command prefixes").default([]).describe('Extra command prefixes the agent may run, e.g. "npm run typecheck".')
}).prefault({});
var ExecutionSchema = mapping({
  isolation: oneOf(["required", "best-effort"]).default("required").describe(
    "required: repository code runs only in a bubblewrap sandbox, else the run goes to a person. best-effort: unisolated, with a warning."
  ),
  network: oneOf(["none", "registry"]).default("none").describe("Network of sandboxed commands: none, or registry (only the registries below, through the factory's proxy)."),
  registries: list(
    text("a host or host:port").regex(/^[A-Za-z0-9.-]+(:\d{1,5})?$/, { error: expected('a host or host:port, e.g. "registry.npmjs.org"') }),
    "a list of hosts"
  ).default(["registry.npmjs.org"]).describe("Hosts (port 443 unless given) the sandbox may reach when network is registry."),
  env: list(
    text("a variable name").superRefine((name, ctx) => {
      const problem = envNameProblem(name);
      if (problem) ctx.addIssue({ code: "custom", input: name, message: problem });
    }),
    "a list of variable names"
  ).default([]).describe("Extra non-secret variables passed into the sandbox (PATH, LANG, LC_ALL, CI and TERM always are)."),
  readPaths: list(
    text("an absolute folder").regex(/^\/[^/]+\/./, {
      error: expected('an absolute folder at least two levels deep, e.g. "/home/runner/.m2"')
    }),
    "a list of folders"
  ).default([]).describe("Extra host folders the sandbox may read (the system, Node and folders on PATH always are)."),
  memoryMb: positiveInt().default(4096).describe("Data memory per sandboxed process (RLIMIT_DATA), in MB; also the size of its /tmp."),
  maxProcesses: positiveInt().default(4096).describe("Processes and threads a sandbox may run at once (RLIMIT_NPROC; not enforced when the factory runs as root).")
}).prefault({});
var GitSchema = mapping({
  authorName: text().default("github-actions[bot]").describe("Author name of factory commits."),
  authorEmail: external_exports.string({ error: expected("an email address") }).regex(/^[^\s@]+@[^\s@]+$/, { error: expected("an email address") }).default("41898282+github-actions[bot]@users.noreply.github.com").describe("Author email of factory commits.")
}).prefault({});
var REVIEW_SCOPES = ["factory", "trusted", "all"];
var REVIEW_DIMENSIONS = ["correctness", "security", "architecture", "tests", "ui"];
var ReviewSchema = mapping({
  scope: oneOf(REVIEW_SCOPES).default("factory").describe("Pull requests reviewed besides factory ones: factory (none), trusted (by trusted authors), all."),
  dimensions: mapping({
    correctness: bool().default(true).describe("Review correctness."),
    security: bool().default(true).describe("Review security."),
    architecture: bool().default(true).describe("Review architecture and compliance with specs/ and the linked issue."),
    tests: bool().default(true).describe("Review the tests."),
    ui: bool().default(true).describe("Review UI/UX (only when UI files change).")
  }).prefault({}).describe("Review dimensions on or off (ui runs only when UI files change)."),
  maxInline: positiveInt().default(8).describe("Inline comments per review at most."),
  minConfidence: external_exports.number({ error: expected("a number from 0 to 1") }).min(0).max(1).default(0.6).describe("Findings below it are dropped."),
  tokenBudget: positiveInt().default(4e4).describe("Diff tokens each dimension reads at most.")
}).prefault({});
var SentrySchema = mapping({
  baseUrl: httpUrl().default("https://sentry.io").describe("Sentry API base URL (self-hosted Sentry or the sandbox)."),
  org: text("an organization slug").nullable().default(null).describe("Sentry organization slug; null turns the incident responder into a no-op."),
  projects: list(text("a project slug"), "a list of project slugs").default([]).describe("Project slugs to watch."),
  levels: list(oneOf(SENTRY_LEVELS), "a list of Sentry levels").default(["error", "warning"]).describe("Issue levels that become factory issues.")
}).prefault({});
var HOST_WHAT = 'a host name such as "status.example.com" or "*.example.com"';
var HostPatternSchema = external_exports.string({ error: expected(HOST_WHAT) }).regex(/^(?:\*\.)?[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/, {
  error: expected(HOST_WHAT)
}).transform((h) => h.toLowerCase());
var OutputsSchema = mapping({
  allowedHosts: list(HostPatternSchema, "a list of host names").default([]).describe(
    `Hosts besides GitHub's that links and images in what the factory writes may point to: "status.example.com" is that host, "*.example.com" its subdomains. Links to other hosts are made inert; images from them are refused.`
  )
}).prefault({});
var SecretsSchema = mapping({
  env: list(
    external_exports.string({ error: expected("an environment variable name") }).regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: expected("an environment variable name") }),
    "a list of environment variable names"
  ).default([...DEFAULT_SECRET_ENV]).describe(
    "Environment variables whose values are secrets: redacted from logs and records and refused in anything the factory writes, in any encoding. The action inputs (tokens, API key) always are. Setting this list replaces the defaults."
  )
}).prefault({});
var SmokeCheckSchema = mapping({
  name: text().describe("Name shown in the issue when the check fails."),
  command: text("a command line").optional().describe("Command that must exit 0."),
  url: httpUrl().optional().describe("URL fetched with GET."),
  expectStatus: external_exports.int({ error: expected("an HTTP status code (100-599)") }).min(100, { error: expected("an HTTP status code (100-599)") }).max(599, { error: expected("an HTTP status code (100-599)") }).optional().describe("Expected HTTP status for url (default 200).")
}).superRefine((check, ctx) => {
  if (check.command === void 0 === (check.url === void 0)) {
    ctx.addIssue({ code: "custom", input: check, message: "needs exactly one of command or url" });
  }
  if (check.expectStatus !== void 0 && check.url === void 0) {
    ctx.addIssue({ code: "custom", path: ["expectStatus"], input: check.expectStatus, message: "only applies to url checks" });
  }
});
var FactoryConfigSchema = mapping({
  model: ModelSchema.describe("Which model runs the agents, and what it costs."),
  budgets: BudgetsSchema.describe("Limits per run; a run that reaches one stops cleanly."),
  trust: TrustSchema.describe("Who may trigger write-capable automations."),
  labels: LabelsSchema.describe("Label colours and extra allowlisted labels."),
  risk: RiskSchema.describe("Risk policy for pull requests and auto-merge."),
  automations: AutomationsSchema.describe("Per automation switches and knobs."),
  claims: mapping({
    leaseMinutes: positiveInt().default(60).describe("Minutes a claim (factory:building) lasts before the shepherd may release it.")
  }).prefault({}).describe("Claims on issues being worked on."),
  schedules: SchedulesSchema,
  commands: CommandsSchema.describe("What the agent may run (run_command)."),
  execution: ExecutionSchema.describe("The sandbox that runs repository code: checks, the agent's commands, smoke checks."),
  git: GitSchema.describe("Identity of factory commits."),
  sentry: SentrySchema.describe("Sentry projects watched by the incident responder."),
  review: ReviewSchema.describe("What the pull-request reviewer reviews and how much it posts."),
  smokeChecks: list(SmokeCheckSchema, "a list of smoke checks").default([]).describe("Checks the post-merge verifier runs after each push to the default branch."),
  outputs: OutputsSchema.describe("Where links and images in what the factory writes may point."),
  secrets: SecretsSchema.describe("Secrets of the run besides the action inputs."),
  killSwitch: bool().default(false).describe("true stops every automation (each run skips with a notice)."),
  chaining: mapping({
    dispatchWhenNoAppToken: bool().default(true).describe("Without a GitHub App token, start the next automation with workflow_dispatch.")
  }).prefault({}).describe("How one automation starts the next.")
}).prefault({}).describe("Software Factory configuration (.github/factory.yml).");

// actions/shared/agent/tool.ts
var ToolRefusal = class extends Error {
  constructor(message, rule) {
    super(message);
    this.rule = rule;
  }
  rule;
  name = "ToolRefusal";
};
function defineTool(def) {
  return def;
}

export {
  sandboxEnv,
  show,
  DEFAULT_CONFIG_FILE,
  REVIEW_DIMENSIONS,
  FactoryConfigSchema,
  ToolRefusal,
  defineTool
};
