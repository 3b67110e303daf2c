import { z } from 'zod';
import { AUTOMATIONS, type Automation } from '../state/automations';
import { FACTORY_LABEL_NAMES, RESERVED_LABEL_PREFIXES } from '../state/labels';
import { TRUSTED_ASSOCIATIONS } from '../state/gate';
import { AUTHOR_ASSOCIATIONS } from '../github/types';
import { TIERS } from '../risk/tiers';
import { DEFAULT_SECRET_ENV } from '../security/redact';
import { envNameProblem } from '../isolation/env';
import { cronProblem } from './cron';
import { bool, expected, httpUrl, list, mapping, nonNegativeNumber, oneOf, positiveInt, positiveNumber, text } from './fields';

/**
 * `.github/factory.yml`: every field has a default, so an empty (or missing) file is valid.
 * Each field's description is what editors show (via the emitted JSON Schema) and what
 * docs/config.md documents. Keep the three in step.
 */

export const DEFAULT_CONFIG_FILE = '.github/factory.yml';

/** USD per million tokens (Anthropic list prices). Keys match a model id or its prefix. */
export const DEFAULT_PRICES: Readonly<Record<string, ModelPrice>> = {
  'claude-opus-5-5': { inputPerMTok: 4, outputPerMTok: 20, cacheReadPerMTok: 0.4, cacheWritePerMTok: 5 },
  'claude-sonnet-5-5': { inputPerMTok: 2, outputPerMTok: 10, cacheReadPerMTok: 0.2, cacheWritePerMTok: 2.5 },
  'claude-sonnet-5': { inputPerMTok: 2, outputPerMTok: 10, cacheReadPerMTok: 0.2, cacheWritePerMTok: 2.5 },
  'claude-sonnet-4-6': { inputPerMTok: 3, outputPerMTok: 15, cacheReadPerMTok: 0.3, cacheWritePerMTok: 3.75 },
  'claude-opus-4-5': { inputPerMTok: 5, outputPerMTok: 25, cacheReadPerMTok: 0.5, cacheWritePerMTok: 6.25 },
  'claude-opus-4-1': { inputPerMTok: 15, outputPerMTok: 75, cacheReadPerMTok: 1.5, cacheWritePerMTok: 18.75 },
  'claude-opus-4': { inputPerMTok: 15, outputPerMTok: 75, cacheReadPerMTok: 1.5, cacheWritePerMTok: 18.75 },
  'claude-sonnet-4-5': { inputPerMTok: 3, outputPerMTok: 15, cacheReadPerMTok: 0.3, cacheWritePerMTok: 3.75 },
  'claude-sonnet-4': { inputPerMTok: 3, outputPerMTok: 15, cacheReadPerMTok: 0.3, cacheWritePerMTok: 3.75 },
  'claude-haiku-4-5': { inputPerMTok: 1, outputPerMTok: 5, cacheReadPerMTok: 0.1, cacheWritePerMTok: 1.25 },
  'claude-3-5-haiku': { inputPerMTok: 0.8, outputPerMTok: 4, cacheReadPerMTok: 0.08, cacheWritePerMTok: 1 },
};

/** Paths whose change always makes a pull request high risk. */
export const DEFAULT_PROTECTED_PATHS: readonly string[] = [
  // CI, workflows, actions, ownership, and the factory's own config and prompts
  '.github/**',
  '**/action.yml',
  '**/action.yaml',
  'CODEOWNERS',
  'docs/CODEOWNERS',
  '.github/CODEOWNERS',
  '.github/factory.yml',
  'prompts/**',
  // Git's machinery in the tree: attributes name filter, diff and merge drivers, submodules bring in
  // other code, LFS settings redirect downloads, hook folders and hook managers run on developers' machines
  '**/.gitattributes',
  '**/.gitmodules',
  '.lfsconfig',
  '**/.githooks/**',
  '**/.husky/**',
  '.pre-commit-config.yaml',
  '**/lefthook.yml',
  '**/.lefthook.yml',
  // Package manifests, lockfiles, registry settings and package-manager code run at install (supply chain)
  '**/package.json',
  '**/package-lock.json',
  '**/npm-shrinkwrap.json',
  '**/yarn.lock',
  '**/pnpm-lock.yaml',
  '**/pnpm-workspace.yaml',
  '**/bun.lock',
  '**/bun.lockb',
  '**/.npmrc',
  '**/.yarnrc',
  '**/.yarnrc.yml',
  '**/.yarn/**',
  '**/.pnp.cjs',
  '**/.pnp.loader.mjs',
  '**/.pnpmfile.cjs',
  '**/.pnpmfile.mjs',
  '**/bunfig.toml',
  '**/Cargo.toml',
  '**/Cargo.lock',
  '**/go.mod',
  '**/go.sum',
  '**/requirements*.txt',
  '**/pyproject.toml',
  '**/poetry.lock',
  '**/uv.lock',
  '**/Pipfile',
  '**/Pipfile.lock',
  '**/Gemfile',
  '**/Gemfile.lock',
  '**/composer.json',
  '**/composer.lock',
  '**/pom.xml',
  '**/build.gradle',
  '**/build.gradle.kts',
  '**/gradle.lockfile',
  // Database migrations and security rules (RLS policies, Firebase rules)
  '**/migrations/**',
  '**/*.sql',
  '**/firestore.rules',
  '**/storage.rules',
  '**/database.rules.json',
];

export const DEFAULT_SCHEDULES: Readonly<Partial<Record<Automation, string>>> = {
  'feature-planner': '*/30 * * * *',
  'feature-builder': '7 * * * *',
  'pr-shepherd': '17 * * * *',
  'incident-responder': '*/15 * * * *',
  'quality-grader': '23 5 * * *',
  'automation-auditor': '41 6 * * 1',
  metrics: '11 6 * * *',
};

const SENTRY_LEVELS = ['fatal', 'error', 'warning', 'info', 'debug'] as const;

/** Builds a strict mapping with one optional entry per name (so unknown names are errors). */
function keyed<const N extends string, T extends z.ZodType>(names: readonly N[], value: T) {
  return mapping(Object.fromEntries(names.map((n) => [n, value.optional()])) as Record<N, z.ZodOptional<T>>);
}

// ---------------------------------------------------------------------------------------------
// model

export interface ModelPrice {
  inputPerMTok: number;
  outputPerMTok: number;
  cacheReadPerMTok: number;
  cacheWritePerMTok: number;
}

const PriceSchema = mapping({
  inputPerMTok: nonNegativeNumber().describe('USD per million input tokens.'),
  outputPerMTok: nonNegativeNumber().describe('USD per million output tokens.'),
  cacheReadPerMTok: nonNegativeNumber().optional().describe('USD per million cache-read tokens. Default: 0.1 x input.'),
  cacheWritePerMTok: nonNegativeNumber().optional().describe('USD per million cache-write tokens. Default: 1.25 x input.'),
}).transform((p): ModelPrice => ({
  inputPerMTok: p.inputPerMTok,
  outputPerMTok: p.outputPerMTok,
  cacheReadPerMTok: p.cacheReadPerMTok ?? p.inputPerMTok * 0.1,
  cacheWritePerMTok: p.cacheWritePerMTok ?? p.inputPerMTok * 1.25,
}));

const ModelSchema = mapping({
  name: text('a model id').default('claude-sonnet-5-5').describe('Model id used by every automation.'),
  fallback: text('a model id').optional().describe('Model id to retry with when the main model is overloaded or unavailable.'),
  maxTokens: positiveInt().default(8192).describe('max_tokens for each model response.'),
  baseUrl: httpUrl().optional().describe('Base URL of an Anthropic-compatible gateway. Default: the Anthropic API.'),
  prices: z
    .record(z.string(), PriceSchema, { error: expected('a mapping of model id to prices') })
    .optional()
    .transform((p) => ({ ...DEFAULT_PRICES, ...p }))
    .describe('Prices per model id (or id prefix), merged over built-in prices for current Claude models.'),
}).prefault({});

// ---------------------------------------------------------------------------------------------
// budgets

const BudgetOverrideSchema = mapping({
  maxTurns: positiveInt().optional(),
  maxInputTokens: positiveInt().optional(),
  maxOutputTokens: positiveInt().optional(),
  maxUsd: positiveNumber().optional(),
  maxMinutes: positiveNumber().optional(),
});

const BudgetsSchema = mapping({
  maxTurns: positiveInt().default(30).describe('Maximum model turns per run.'),
  maxInputTokens: positiveInt().default(2_000_000).describe('Maximum input tokens per run (cache reads included).'),
  maxOutputTokens: positiveInt().default(100_000).describe('Maximum output tokens per run.'),
  maxUsd: positiveNumber().default(2).describe('Maximum model spend per run, in USD.'),
  maxMinutes: positiveNumber().default(20).describe('Maximum wall-clock minutes for the agent loop of one run.'),
  perAutomation: keyed(AUTOMATIONS, BudgetOverrideSchema)
    .prefault({})
    .describe('Overrides per automation, e.g. `feature-builder: { maxUsd: 5 }`. Unset fields use the values above.'),
}).prefault({});

// ---------------------------------------------------------------------------------------------
// trust

const TrustSchema = mapping({
  associations: list(oneOf(AUTHOR_ASSOCIATIONS), 'a list of author associations')
    .default([...TRUSTED_ASSOCIATIONS])
    .describe('Author associations trusted to trigger write-capable automations.'),
  bots: list(text('a bot login'), 'a list of bot logins')
    .default([])
    .describe('Bot accounts trusted by exact login, e.g. "dependabot[bot]". Other bots are never trusted.'),
  botLogin: text('a login')
    .default('github-actions[bot]')
    .describe("The factory's own login (the GitHub App's bot when an app token is used); its events are skipped."),
  requireApprovalForUntrusted: bool()
    .default(true)
    .describe(
      'Issues from untrusted authors are triaged but not built until a trusted person adds factory:approved (or comments @factory fix).',
    ),
}).prefault({});

// ---------------------------------------------------------------------------------------------
// labels

const LabelOverrideSchema = mapping({
  color: z
    .string({ error: expected('a 6-digit hex colour such as "0e8a16"') })
    .regex(/^#?[0-9a-fA-F]{6}$/, { error: expected('a 6-digit hex colour such as "0e8a16"') })
    .transform((c) => c.replace(/^#/, '').toLowerCase())
    .optional(),
  description: z
    .string({ error: expected('a string of at most 100 characters') })
    .max(100, { error: expected('a string of at most 100 characters') })
    .optional(),
});

const ExtraLabelSchema = text('a label name').refine((name) => !RESERVED_LABEL_PREFIXES.some((p) => name.startsWith(p)), {
  error: (iss) => `label ${JSON.stringify(iss.input)} uses a reserved prefix (${RESERVED_LABEL_PREFIXES.join(', ')})`,
});

const LabelsSchema = mapping({
  overrides: keyed(FACTORY_LABEL_NAMES, LabelOverrideSchema)
    .prefault({})
    .describe('Colour/description overrides per factory label, e.g. `"factory:ready": { color: "00ff00" }`.'),
  extra: list(ExtraLabelSchema, 'a list of label names')
    .default([])
    .describe('Existing repository labels the automations may also add or remove (they carry no state).'),
}).prefault({});

// ---------------------------------------------------------------------------------------------
// risk

const tier = oneOf(TIERS);

const RiskRuleSchema = mapping({
  paths: list(text('a glob pattern'), 'a list of glob patterns')
    .min(1, { error: 'needs at least one glob pattern' })
    .describe('Glob patterns (picomatch, dotfiles included) matched against changed file paths.'),
  tier: tier.describe('Tier of a file matching these globs.'),
});

const RiskSchema = mapping({
  rules: list(RiskRuleSchema, 'a list of { paths, tier } rules')
    .default([])
    .describe("Path rules. A file's tier comes from the first rule matching it, else defaultTier; the PR takes the highest."),
  defaultTier: tier.default('low').describe('Tier of a file that no rule matches.'),
  protectedPaths: list(text('a glob pattern'), 'a list of glob patterns')
    .default([...DEFAULT_PROTECTED_PATHS])
    .describe('Touching any of these makes a pull request high risk. Setting this list replaces the defaults.'),
  writableProtectedPaths: list(text('a glob pattern'), 'a list of glob patterns')
    .default([])
    .describe(
      'Protected paths the factory may still push (e.g. migrations/**). Matched as written, never by lookalike; the pull request stays high risk, so a person merges it.',
    ),
  maxLinesLow: positiveInt().default(200).describe('More changed lines (additions + deletions) than this is at least medium risk.'),
  maxLinesMedium: positiveInt().default(800).describe('More changed lines than this is high risk.'),
})
  .superRefine((risk, ctx) => {
    if (risk.maxLinesMedium < risk.maxLinesLow) {
      ctx.addIssue({
        code: 'custom',
        path: ['maxLinesMedium'],
        input: risk.maxLinesMedium,
        message: `must be >= maxLinesLow (${risk.maxLinesLow}), got ${risk.maxLinesMedium}`,
      });
    }
  })
  .prefault({});

// ---------------------------------------------------------------------------------------------
// merge

export const MERGE_MODES = ['auto', 'approve-only'] as const;
export const MERGE_METHODS = ['merge', 'squash', 'rebase'] as const;

/** Fields that moved: a config still naming one gets a ConfigError saying where it went. */
export const MOVED_FIELDS: Readonly<Record<string, string>> = {
  'risk.autoMerge':
    'was replaced by the merge section: merge.mode (auto | approve-only) and merge.autoMerge (the tiers that may merge, e.g. [low])',
};

const MergeSchema = mapping({
  mode: oneOf(MERGE_MODES)
    .default('auto')
    .describe(
      'auto: the merge gate enables GitHub auto-merge (or merges, or enqueues) approved pull requests within autoMerge. ' +
        'approve-only: it approves them with the approver-token and a person presses merge.',
    ),
  autoMerge: list(tier, 'a list of risk tiers')
    .default(['low'])
    .superRefine((tiers, ctx) => {
      const at = tiers.indexOf('high');
      if (at >= 0)
        ctx.addIssue({ code: 'custom', path: [at], input: 'high', message: 'high risk never merges by itself; allowed: low, medium' });
    })
    .describe('Risk tiers that merge (or are approved) without a person; [] turns it off. High is refused.'),
  method: oneOf(MERGE_METHODS).default('squash').describe('Merge method of auto-merge and of direct merges.'),
  allowGithubToken: bool()
    .default(false)
    .describe(
      'Arm auto-merge with GITHUB_TOKEN when no App token is given. Its merge then starts no workflow (no checks on the push, no post-merge verifier).',
    ),
}).prefault({});

// ---------------------------------------------------------------------------------------------
// automations

const enabled = (on: boolean) => bool().default(on).describe('Run this automation.');
const simple = (description: string, on = true) =>
  mapping({ enabled: enabled(on) })
    .prefault({})
    .describe(description);

const AutomationsSchema = mapping({
  intake: simple('Turns reports (repository_dispatch, issue forms) into issues.'),
  'feature-planner': mapping({
    enabled: enabled(true),
    sweepCap: positiveInt().default(10).describe('Issues triaged per scheduled sweep.'),
    needsInfoStaleDays: positiveInt().default(14).describe('Days without an answer before a needs-info issue is escalated.'),
    specGapCap: positiveInt().default(3).describe('Spec-gap issues opened per run when the backlog is empty.'),
  })
    .prefault({})
    .describe('Triages, enriches, decomposes and deduplicates issues.'),
  'feature-builder': mapping({
    enabled: enabled(true),
    maxOpenPrs: positiveInt().default(5).describe('Open factory pull requests at which the builder stops taking work.'),
    maxAttempts: positiveInt().default(3).describe('Build attempts per issue before factory:needs-human.'),
  })
    .prefault({})
    .describe('Builds factory:ready issues into pull requests.'),
  commands: simple('@factory fix|plan|review|retry|explain|stop from trusted people.'),
  'pr-reviewer': simple('Reviews pull requests.'),
  'review-resolver': mapping({
    enabled: enabled(true),
    maxRounds: positiveInt().default(3).describe('Resolve rounds per pull request before factory:needs-human.'),
  })
    .prefault({})
    .describe('Addresses review threads with commits and replies.'),
  'merge-gate': simple('Sets risk:* and enables auto-merge or asks a person.'),
  'pr-shepherd': simple('Keeps pull requests moving: updates branches, releases expired claims, escalates.'),
  'ci-fixer': mapping({
    enabled: enabled(true),
    maxAttempts: positiveInt().default(2).describe('CI fix attempts per pull request before factory:needs-human.'),
  })
    .prefault({})
    .describe('Fixes failing CI on factory pull requests (run by the shepherd).'),
  'post-merge-verifier': simple('Runs smokeChecks after each push to the default branch.'),
  'incident-responder': simple('Turns Sentry issues into factory issues (needs sentry.org).'),
  'quality-grader': simple('Grades spec areas A-F in quality.md.'),
  'automation-auditor': mapping({
    enabled: enabled(false),
    maxIssues: positiveInt().max(10).default(3).describe('Finding issues opened at most per run.'),
    windowDays: positiveInt().max(30).default(7).describe('Days of run records and activity read, ending now.'),
  })
    .prefault({})
    .describe('Reports patterns in the run records (failure clusters, budget stops, ...) as issues. Off by default.'),
  metrics: mapping({
    enabled: enabled(true),
    windowDays: positiveInt().max(90).default(30).describe('Days the dashboard covers, ending today (UTC).'),
    maxPages: positiveInt().max(20).default(5).describe('GraphQL pages of 100 pull requests, and of 100 issues, read at most per run.'),
    maxRunArtifacts: positiveInt().default(200).describe('Run-record artifacts downloaded at most per run, newest first.'),
    recap: bool().default(true).describe('The weekly schedule writes the recap issue (narrative and a social-post draft, never posted).'),
  })
    .prefault({})
    .describe('Dashboard issue and weekly recap.'),
}).prefault({});

// ---------------------------------------------------------------------------------------------
// everything else

const cron = z.string({ error: expected('a 5-field cron expression or null') }).superRefine((value, ctx) => {
  const problem = cronProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', input: value, message: `invalid cron ${JSON.stringify(value)}: ${problem}` });
});

const SchedulesSchema = mapping(
  Object.fromEntries(
    AUTOMATIONS.map((a) => {
      const d = DEFAULT_SCHEDULES[a];
      const field = cron.nullable();
      return [a, (d === undefined ? field.optional() : field.default(d)).describe(d ? `Default "${d}".` : 'Not scheduled by default.')];
    }),
  ) as unknown as Record<Automation, z.ZodOptional<z.ZodNullable<typeof cron>>>,
)
  .prefault({})
  .describe('Cron (UTC, 5 fields) per automation; null turns a schedule off.');

const CommandsSchema = mapping({
  test: text('a command line or null').nullable().default(null).describe('Command that runs the tests, e.g. "npm test".'),
  lint: text('a command line or null').nullable().default(null).describe('Command that runs the linters.'),
  build: text('a command line or null').nullable().default(null).describe('Command that builds the project.'),
  allow: list(text('a command prefix'), 'a list of command prefixes')
    .default([])
    .describe('Extra command prefixes the agent may run, e.g. "npm run typecheck".'),
}).prefault({});

const ExecutionSchema = mapping({
  isolation: oneOf(['required', 'best-effort'] as const)
    .default('required')
    .describe(
      'required: repository code runs only in a bubblewrap sandbox, else the run goes to a person. best-effort: unisolated, with a warning.',
    ),
  network: oneOf(['none', 'registry'] as const)
    .default('none')
    .describe("Network of sandboxed commands: none, or registry (only the registries below, through the factory's proxy)."),
  registries: list(
    text('a host or host:port').regex(/^[A-Za-z0-9.-]+(:\d{1,5})?$/, { error: expected('a host or host:port, e.g. "registry.npmjs.org"') }),
    'a list of hosts',
  )
    .default(['registry.npmjs.org'])
    .describe('Hosts (port 443 unless given) the sandbox may reach when network is registry.'),
  env: list(
    text('a variable name').superRefine((name, ctx) => {
      const problem = envNameProblem(name);
      if (problem) ctx.addIssue({ code: 'custom', input: name, message: problem });
    }),
    'a list of variable names',
  )
    .default([])
    .describe('Extra non-secret variables passed into the sandbox (PATH, LANG, LC_ALL, CI and TERM always are).'),
  readPaths: list(
    text('an absolute folder').regex(/^\/[^/]+\/./, {
      error: expected('an absolute folder at least two levels deep, e.g. "/home/runner/.m2"'),
    }),
    'a list of folders',
  )
    .default([])
    .describe('Extra host folders the sandbox may read (the system, Node and folders on PATH always are).'),
  memoryMb: positiveInt().default(4096).describe('Data memory per sandboxed process (RLIMIT_DATA), in MB; also the size of its /tmp.'),
  maxProcesses: positiveInt()
    .default(4096)
    .describe('Processes and threads a sandbox may run at once (RLIMIT_NPROC; not enforced when the factory runs as root).'),
}).prefault({});

const GitSchema = mapping({
  authorName: text().default('github-actions[bot]').describe('Author name of factory commits.'),
  authorEmail: z
    .string({ error: expected('an email address') })
    .regex(/^[^\s@]+@[^\s@]+$/, { error: expected('an email address') })
    .default('41898282+github-actions[bot]@users.noreply.github.com')
    .describe('Author email of factory commits.'),
}).prefault({});

export const REVIEW_SCOPES = ['factory', 'trusted', 'all'] as const;
export const REVIEW_DIMENSIONS = ['correctness', 'security', 'architecture', 'tests', 'ui'] as const;

const ReviewSchema = mapping({
  scope: oneOf(REVIEW_SCOPES)
    .default('factory')
    .describe('Pull requests reviewed besides factory ones: factory (none), trusted (by trusted authors), all.'),
  dimensions: mapping({
    correctness: bool().default(true).describe('Review correctness.'),
    security: bool().default(true).describe('Review security.'),
    architecture: bool().default(true).describe('Review architecture and compliance with specs/ and the linked issue.'),
    tests: bool().default(true).describe('Review the tests.'),
    ui: bool().default(true).describe('Review UI/UX (only when UI files change).'),
  })
    .prefault({})
    .describe('Review dimensions on or off (ui runs only when UI files change).'),
  maxInline: positiveInt().default(8).describe('Inline comments per review at most.'),
  requestChangesAt: oneOf(['blocker', 'major', 'minor', 'nit'] as const)
    .default('major')
    .describe('The least severe finding that requests changes; it stays in force in later rounds until its thread is resolved.'),
  minConfidence: z
    .number({ error: expected('a number from 0 to 1') })
    .min(0)
    .max(1)
    .default(0.6)
    .describe('Findings below it are dropped.'),
  tokenBudget: positiveInt()
    .default(40_000)
    .describe("Input tokens of each dimension's request at most; the diff gets what the prompt leaves."),
}).prefault({});

const SentrySchema = mapping({
  baseUrl: httpUrl().default('https://sentry.io').describe('Sentry API base URL (self-hosted Sentry or the sandbox).'),
  org: text('an organization slug')
    .nullable()
    .default(null)
    .describe('Sentry organization slug; null turns the incident responder into a no-op.'),
  projects: list(text('a project slug'), 'a list of project slugs').default([]).describe('Project slugs to watch.'),
  levels: list(oneOf(SENTRY_LEVELS), 'a list of Sentry levels')
    .default(['error', 'warning'])
    .describe('Issue levels that become factory issues.'),
  environments: list(text('an environment name'), 'a list of environment names')
    .default([])
    .describe('Environments to watch (the `environment` filter); empty: all.'),
  minEvents: positiveInt().default(5).describe('Events a Sentry issue needs before it is mirrored.'),
  minUsers: nonNegativeNumber().int().default(0).describe('Users affected a Sentry issue needs before it is mirrored.'),
  maxNewIssuesPerRun: positiveInt().default(5).describe('GitHub issues one run opens at most (the most frequent first).'),
  spikeFactor: positiveNumber()
    .default(5)
    .describe('A mirrored issue spikes when its events of the last hour reach this many times its hourly average of the day.'),
  resolveOnMerge: bool().default(true).describe('Mark the Sentry issue resolvedInNextRelease when the pull request fixing it merges.'),
}).prefault({});

const HOST_WHAT = 'a host name such as "status.example.com" or "*.example.com"';
const HostPatternSchema = z
  .string({ error: expected(HOST_WHAT) })
  .regex(/^(?:\*\.)?[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/, {
    error: expected(HOST_WHAT),
  })
  .transform((h) => h.toLowerCase());

const OutputsSchema = mapping({
  allowedHosts: list(HostPatternSchema, 'a list of host names')
    .default([])
    .describe(
      'Hosts besides GitHub\'s that links and images in what the factory writes may point to: "status.example.com" is that host, ' +
        '"*.example.com" its subdomains. Links to other hosts are made inert; images from them are refused.',
    ),
}).prefault({});

export { DEFAULT_SECRET_ENV };

const SecretsSchema = mapping({
  env: list(
    z
      .string({ error: expected('an environment variable name') })
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: expected('an environment variable name') }),
    'a list of environment variable names',
  )
    .default([...DEFAULT_SECRET_ENV])
    .describe(
      'Environment variables whose values are secrets: redacted from logs and records and refused in anything the factory writes, ' +
        'in any encoding. The action inputs (tokens, API key) always are. Setting this list replaces the defaults.',
    ),
}).prefault({});

const SmokeCheckSchema = mapping({
  name: text().describe('Name shown in the issue when the check fails.'),
  command: text('a command line').optional().describe('Command that must exit 0.'),
  url: httpUrl().optional().describe('URL fetched with GET.'),
  expectStatus: z
    .int({ error: expected('an HTTP status code (100-599)') })
    .min(100, { error: expected('an HTTP status code (100-599)') })
    .max(599, { error: expected('an HTTP status code (100-599)') })
    .optional()
    .describe('Expected HTTP status for url (default 200).'),
  expectText: text('a text').optional().describe('Text the response body of a url check must contain.'),
  timeoutSeconds: positiveInt().optional().describe('Seconds one attempt may take (default 30 for url, 600 for command).'),
  retries: z
    .int({ error: expected('a whole number from 0 to 5') })
    .min(0, { error: expected('a whole number from 0 to 5') })
    .max(5, { error: expected('a whole number from 0 to 5') })
    .optional()
    .describe('Extra attempts of a url check that fails (connection error, wrong status or text) before it counts as failed (default 0).'),
}).superRefine((check, ctx) => {
  if ((check.command === undefined) === (check.url === undefined)) {
    ctx.addIssue({ code: 'custom', input: check, message: 'needs exactly one of command or url' });
  }
  for (const key of ['expectStatus', 'expectText', 'retries'] as const) {
    if (check[key] !== undefined && check.url === undefined) {
      ctx.addIssue({ code: 'custom', path: [key], input: check[key], message: 'only applies to url checks' });
    }
  }
});

const PostMergeSchema = mapping({
  deployWorkflow: text('a workflow name')
    .nullable()
    .default(null)
    .describe('Name of the deploy workflow whose successful workflow_run on the default branch starts a verification; null: pushes only.'),
  deployEnvironment: text('an environment name')
    .nullable()
    .default(null)
    .describe('Environment whose successful deployment_status starts a verification of the deployed commit; null: any environment.'),
  onFailure: oneOf(['issue', 'revert-pr'] as const)
    .default('issue')
    .describe(
      'What a new failure does besides its P0 issue: issue (nothing more), or revert-pr (a revert pull request of the culprit, high risk, never merged by the factory).',
    ),
}).prefault({});

const ShepherdSchema = mapping({
  cooldownMinutes: positiveInt()
    .default(30)
    .describe('Minutes after the shepherd last commented on a pull request before it acts on it again.'),
  pendingGraceMinutes: positiveInt()
    .default(60)
    .describe("Minutes a pull request's checks may stay pending before the shepherd looks at it."),
  staleDays: positiveInt()
    .default(14)
    .describe(
      'Days without activity before the shepherd pings a factory pull request; as many again after the ping, it closes it and puts its issue back to factory:ready.',
    ),
  maxPagesPerRun: positiveInt().default(3).describe('Pages (100 pull requests, 100 issues each) one shepherd run reads at most.'),
  repeatedFailureLimit: positiveInt()
    .default(3)
    .describe('Times in a row the same failure may come back before the shepherd escalates to factory:needs-human instead of retrying.'),
}).prefault({});

const QUALITY_REPORT_WHAT = 'a path inside the repository, e.g. "test-results/quality.json"';

const QualitySchema = mapping({
  testCommand: text('a command line or null')
    .nullable()
    .default(null)
    .describe(
      'Command the quality grader runs (in the sandbox) to know which tests pass; it must write testReport, e.g. "npx jest --json --outputFile=test-results/quality.json". null: no test runs, so no test counts as passing.',
    ),
  testReport: z
    .string({ error: expected(QUALITY_REPORT_WHAT) })
    .regex(/^(?!\/)(?!.*(?:^|\/)\.\.(?:\/|$)).+$/, { error: expected(QUALITY_REPORT_WHAT) })
    .default('test-results/quality.json')
    .describe('Where testCommand writes its report, relative to the repository root: Jest JSON (--json) or JUnit XML.'),
  testTimeoutMinutes: positiveInt().default(20).describe('Minutes the test command may run.'),
  maxRisePerRun: positiveInt().default(1).describe('Letters a grade may rise in one run.'),
  gapIssues: bool().default(true).describe('File one gap issue (source:spec-gap) per area graded below B.'),
  auditor: mapping({
    model: text('a model id or null')
      .nullable()
      .default(null)
      .describe(
        'A second model that re-grades every area whose grade rose; the lower of its median and the grade stands. null: no second opinion.',
      ),
    samples: positiveInt().default(3).describe('Runs of the second model per area; their median grade counts.'),
  })
    .prefault({})
    .describe('The optional second opinion on grades that rose.'),
}).prefault({});

export const FactoryConfigSchema = mapping({
  model: ModelSchema.describe('Which model runs the agents, and what it costs.'),
  budgets: BudgetsSchema.describe('Limits per run; a run that reaches one stops cleanly.'),
  trust: TrustSchema.describe('Who may trigger write-capable automations.'),
  labels: LabelsSchema.describe('Label colours and extra allowlisted labels.'),
  risk: RiskSchema.describe('Risk policy for pull requests.'),
  merge: MergeSchema.describe('What the merge gate does with approved pull requests, by risk tier.'),
  automations: AutomationsSchema.describe('Per automation switches and knobs.'),
  claims: mapping({
    leaseMinutes: positiveInt().default(60).describe('Minutes a claim (factory:building) lasts before the shepherd may release it.'),
  })
    .prefault({})
    .describe('Claims on issues being worked on.'),
  schedules: SchedulesSchema,
  commands: CommandsSchema.describe('What the agent may run (run_command).'),
  execution: ExecutionSchema.describe("The sandbox that runs repository code: checks, the agent's commands, smoke checks."),
  git: GitSchema.describe('Identity of factory commits.'),
  sentry: SentrySchema.describe('Sentry projects watched by the incident responder.'),
  review: ReviewSchema.describe('What the pull-request reviewer reviews and how much it posts.'),
  smokeChecks: list(SmokeCheckSchema, 'a list of smoke checks')
    .default([])
    .describe('Checks the post-merge verifier runs after each push to the default branch.'),
  postMerge: PostMergeSchema.describe('When the post-merge verifier runs besides pushes to the default branch.'),
  shepherd: ShepherdSchema.describe('What the pr-shepherd leaves alone, when it pings or closes, and how much it reads per run.'),
  quality: QualitySchema.describe('How the quality grader knows which tests pass, and how it guards against inflated grades.'),
  outputs: OutputsSchema.describe('Where links and images in what the factory writes may point.'),
  secrets: SecretsSchema.describe('Secrets of the run besides the action inputs.'),
  killSwitch: bool().default(false).describe('true stops every automation (each run skips with a notice).'),
  chaining: mapping({
    dispatchWhenNoAppToken: bool().default(true).describe('Without a GitHub App token, start the next automation with workflow_dispatch.'),
  })
    .prefault({})
    .describe('How one automation starts the next.'),
})
  .prefault({})
  .describe('Software Factory configuration (.github/factory.yml).');

export type FactoryConfig = z.output<typeof FactoryConfigSchema>;
/** What a user may write: every field optional. */
export type FactoryConfigInput = z.input<typeof FactoryConfigSchema>;
export type Budget = Omit<FactoryConfig['budgets'], 'perAutomation'>;
