import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError } from '../errors';
import { budgetFor, priceFor } from './helpers';
import { loadConfig, loadConfigFromRepo } from './load';
import { defaultConfig, parseConfig } from './parse';
import { DEFAULT_PROTECTED_PATHS } from './schema';

const SHIPPED = path.join(__dirname, '..', '..', '..', '.github', 'factory.yml');

/** The message of the ConfigError that `fn` throws. */
function errorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('defaults', () => {
  it.each([
    ['an empty file', ''],
    ['a file with only comments', '# nothing configured yet\n'],
    ['an explicit empty mapping', '{}\n'],
  ])('%s yields the documented defaults', (_name, text) => {
    const c = parseConfig(text);
    expect(c).toEqual(defaultConfig());
    expect(c.model.name).toBe('claude-sonnet-5-5');
    expect(c.model.prices['claude-sonnet-5-5']).toEqual({
      inputPerMTok: 2,
      outputPerMTok: 10,
      cacheReadPerMTok: 0.2,
      cacheWritePerMTok: 2.5,
    });
    expect(c.model.maxTokens).toBe(8192);
    expect(c.model.prices['claude-sonnet-4-5']).toEqual({
      inputPerMTok: 3,
      outputPerMTok: 15,
      cacheReadPerMTok: 0.3,
      cacheWritePerMTok: 3.75,
    });
    expect(c.budgets).toMatchObject({ maxTurns: 30, maxUsd: 2, maxMinutes: 20, perAutomation: {} });
    expect(c.trust).toEqual({
      associations: ['OWNER', 'MEMBER', 'COLLABORATOR'],
      bots: [],
      botLogin: 'github-actions[bot]',
      requireApprovalForUntrusted: true,
    });
    expect(c.risk).toMatchObject({
      rules: [],
      defaultTier: 'low',
      maxLinesLow: 200,
      maxLinesMedium: 800,
    });
    expect(c.merge).toEqual({ mode: 'auto', autoMerge: ['low'], method: 'squash', allowGithubToken: false });
    expect(c.risk.protectedPaths).toEqual(DEFAULT_PROTECTED_PATHS);
    expect(c.automations['automation-auditor'].enabled).toBe(false);
    expect(c.automations.intake.enabled).toBe(true);
    expect(c.automations['feature-planner']).toEqual({ enabled: true, sweepCap: 10, needsInfoStaleDays: 14, specGapCap: 3 });
    expect(c.automations['feature-builder']).toEqual({ enabled: true, maxOpenPrs: 5, maxAttempts: 3 });
    expect(c.automations['review-resolver'].maxRounds).toBe(3);
    expect(c.automations['ci-fixer'].maxAttempts).toBe(2);
    expect(c.claims.leaseMinutes).toBe(60);
    expect(c.commands).toEqual({ test: null, lint: null, build: null, allow: [] });
    expect(c.sentry.levels).toEqual(['error', 'warning']);
    expect(c.smokeChecks).toEqual([]);
    expect(c.killSwitch).toBe(false);
    expect(c.chaining.dispatchWhenNoAppToken).toBe(true);
    expect(c.outputs).toEqual({ allowedHosts: [] });
    expect(c.secrets).toEqual({ env: ['SENTRY_AUTH_TOKEN', 'NPM_TOKEN'] });
  });

  it('protects the paths the design names by default', () => {
    for (const glob of [
      '.github/**',
      '**/action.yml',
      '**/action.yaml',
      'CODEOWNERS',
      '.github/CODEOWNERS',
      '**/package.json',
      '**/package-lock.json',
      '**/yarn.lock',
      '**/pnpm-lock.yaml',
      '**/Cargo.lock',
      '**/go.sum',
      '**/migrations/**',
      '**/*.sql',
      '.github/factory.yml',
      'prompts/**',
    ]) {
      expect(DEFAULT_PROTECTED_PATHS).toContain(glob);
    }
  });

  it('fills in defaults next to the fields a file sets', () => {
    const c = parseConfig('budgets:\n  maxUsd: 5\nautomations:\n  feature-builder:\n    maxOpenPrs: 2\n');
    expect(c.budgets.maxUsd).toBe(5);
    expect(c.budgets.maxTurns).toBe(30);
    expect(c.automations['feature-builder']).toEqual({ enabled: true, maxOpenPrs: 2, maxAttempts: 3 });
  });
});

describe('a full example', () => {
  it('parses the config shipped with this repository', () => {
    const c = parseConfig(fs.readFileSync(SHIPPED, 'utf8'));
    expect(c.trust.bots).toEqual(['dependabot[bot]']);
    expect(c.budgets.perAutomation['feature-builder']).toEqual({ maxTurns: 60, maxUsd: 5, maxMinutes: 40 });
    expect(c.automations['incident-responder'].enabled).toBe(false);
    expect(c.schedules['incident-responder']).toBeNull();
    expect(c.commands.test).toBe('npm test');
  });

  it('parses every section', () => {
    const c = parseConfig(`
model:
  name: claude-opus-4-5
  fallback: claude-sonnet-4-5
  maxTokens: 16000
  baseUrl: https://gateway.example.test/anthropic
  prices:
    my-model: { inputPerMTok: 2, outputPerMTok: 10 }
budgets: { maxTurns: 10, maxInputTokens: 1000, maxOutputTokens: 500, maxUsd: 0.5, maxMinutes: 5, perAutomation: { pr-reviewer: { maxUsd: 1 } } }
trust: { associations: [OWNER], bots: ['renovate[bot]'], botLogin: 'my-factory[bot]', requireApprovalForUntrusted: false }
labels:
  overrides:
    factory:ready: { color: '#00FF00', description: Go }
  extra: [help wanted]
risk:
  rules: [{ paths: ['src/auth/**'], tier: high }]
  defaultTier: medium
  protectedPaths: ['infra/**']
  maxLinesLow: 50
  maxLinesMedium: 300
merge: { mode: approve-only, autoMerge: [low, medium], method: rebase, allowGithubToken: true }
automations: { automation-auditor: { enabled: true }, feature-planner: { sweepCap: 4 } }
claims: { leaseMinutes: 90 }
schedules: { metrics: '0 6 * * MON-FRI', feature-builder: null }
commands: { test: npm test, lint: npm run lint, build: null, allow: [npm run typecheck] }
git: { authorName: Factory, authorEmail: factory@example.test }
sentry: { org: acme, projects: [web, api], levels: [fatal, error] }
smokeChecks:
  - { name: home page, url: 'https://example.test/', expectStatus: 200 }
  - { name: cli, command: node dist/cli.js --version }
outputs: { allowedHosts: [Status.Example.com, '*.acme.dev'] }
secrets: { env: [STRIPE_KEY] }
killSwitch: true
chaining: { dispatchWhenNoAppToken: false }
`);
    expect(c.model.prices['my-model']).toEqual({ inputPerMTok: 2, outputPerMTok: 10, cacheReadPerMTok: 0.2, cacheWritePerMTok: 2.5 });
    expect(c.model.prices['claude-haiku-4-5']).toBeDefined();
    expect(c.labels.overrides['factory:ready']).toEqual({ color: '00ff00', description: 'Go' });
    expect(c.risk.protectedPaths).toEqual(['infra/**']);
    expect(c.merge).toEqual({ mode: 'approve-only', autoMerge: ['low', 'medium'], method: 'rebase', allowGithubToken: true });
    expect(c.automations['automation-auditor'].enabled).toBe(true);
    expect(c.automations['feature-planner'].sweepCap).toBe(4);
    expect(c.schedules.metrics).toBe('0 6 * * MON-FRI');
    expect(c.schedules['feature-builder']).toBeNull();
    expect(c.schedules['pr-shepherd']).toBe('17 * * * *');
    expect(c.smokeChecks).toHaveLength(2);
    expect(c.outputs.allowedHosts).toEqual(['status.example.com', '*.acme.dev']);
    expect(c.secrets.env).toEqual(['STRIPE_KEY']);
    expect(c.killSwitch).toBe(true);
  });
});

describe('errors', () => {
  it.each([
    ['a wrong type', 'budgets:\n  maxTurns: ten\n', '.github/factory.yml:2:13 budgets.maxTurns: expected a positive integer, got "ten"'],
    ['a number out of range', 'budgets:\n  maxTurns: 0\n', '.github/factory.yml:2:13 budgets.maxTurns: expected a positive integer, got 0'],
    [
      'a fraction for an integer',
      'model:\n  maxTokens: 1.5\n',
      '.github/factory.yml:2:14 model.maxTokens: expected a positive integer, got 1.5',
    ],
    ['an empty value', 'budgets:\n  maxUsd:\n', '.github/factory.yml:2:3 budgets.maxUsd: expected a positive number, got an empty value'],
    ['a YAML 1.1 boolean', 'killSwitch: yes\n', '.github/factory.yml:1:13 killSwitch: expected true or false, got "yes"'],
    [
      'an enum value',
      'risk:\n  rules:\n    - paths: [src/**]\n      tier: extreme\n',
      '.github/factory.yml:4:13 risk.rules[0].tier: expected one of low, medium, high, got "extreme"',
    ],
    [
      'a missing required field',
      'risk:\n  rules:\n    - tier: low\n',
      '.github/factory.yml:3:7 risk.rules[0].paths: is required (a list of glob patterns)',
    ],
    [
      'a bad cron',
      "schedules:\n  metrics: '0 25 * * *'\n",
      '.github/factory.yml:2:12 schedules.metrics: invalid cron "0 25 * * *": hour field: "25" is out of range (0-23)',
    ],
    [
      'an unknown key, with a suggestion',
      'budgets:\n  maxTurn: 3\n',
      '.github/factory.yml:2:3 budgets.maxTurn: unknown key "maxTurn" (did you mean "maxTurns"?)',
    ],
    [
      'an unknown automation name',
      'automations:\n  feature-buidler: { enabled: false }\n',
      '.github/factory.yml:2:3 automations.feature-buidler: unknown key "feature-buidler" (did you mean "feature-builder"?)',
    ],
    [
      'an unknown key without a close match',
      'killSwitch: false\nwhatever: 1\n',
      '.github/factory.yml:2:1 whatever: unknown key "whatever" (expected one of: model, budgets, trust, labels, risk, merge, automations, claims, schedules, commands, execution, git, sentry, review, smokeChecks, postMerge, shepherd, quality, outputs, secrets, killSwitch, chaining)',
    ],
    [
      'a smoke check with neither command nor url',
      'smokeChecks:\n  - name: x\n',
      '.github/factory.yml:2:5 smokeChecks[0]: needs exactly one of command or url',
    ],
    [
      'a reserved label prefix in extra',
      "labels:\n  extra: ['factory:mine']\n",
      '.github/factory.yml:2:11 labels.extra[0]: label "factory:mine" uses a reserved prefix (factory:, risk:, priority:, type:, source:)',
    ],
    [
      'inconsistent thresholds',
      'risk:\n  maxLinesLow: 500\n  maxLinesMedium: 100\n',
      '.github/factory.yml:3:19 risk.maxLinesMedium: must be >= maxLinesLow (500), got 100',
    ],
    [
      'high among the tiers that merge by themselves',
      'merge:\n  autoMerge: [low, high]\n',
      '.github/factory.yml:2:20 merge.autoMerge[1]: high risk never merges by itself; allowed: low, medium',
    ],
    [
      'the auto-merge policy where it was before the merge section',
      'risk:\n  autoMerge: { enabled: true, maxTier: low }\n',
      '.github/factory.yml:2:3 risk.autoMerge: was replaced by the merge section: merge.mode (auto | approve-only) and merge.autoMerge (the tiers that may merge, e.g. [low])',
    ],
    [
      'a URL where a host belongs',
      "outputs:\n  allowedHosts: ['https://status.example.com']\n",
      '.github/factory.yml:2:18 outputs.allowedHosts[0]: expected a host name such as "status.example.com" or "*.example.com", got "https://status.example.com"',
    ],
    [
      'a bare wildcard host',
      "outputs:\n  allowedHosts: ['*']\n",
      '.github/factory.yml:2:18 outputs.allowedHosts[0]: expected a host name such as "status.example.com" or "*.example.com", got "*"',
    ],
    [
      'a secret value where a variable name belongs',
      "secrets:\n  env: ['$NPM_TOKEN']\n",
      '.github/factory.yml:2:9 secrets.env[0]: expected an environment variable name, got "$NPM_TOKEN"',
    ],
    [
      'a YAML syntax error',
      'budgets:\n  maxTurns: [1, 2\n',
      '.github/factory.yml:3:1 YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ],
    ['a duplicate key', 'killSwitch: true\nkillSwitch: false\n', '.github/factory.yml:2:1 YAML syntax error: Map keys must be unique'],
    ['a list at the top level', '- model\n', '.github/factory.yml:1:1 expected a mapping of sections (model:, budgets:, ...), got a list'],
  ])('%s', (_name, text, message) => {
    const err = errorOf(() => parseConfig(text));
    expect(err.message).toBe(message);
    expect(err.problems).toHaveLength(1);
  });

  it('carries file, line, column and path on each problem', () => {
    const err = errorOf(() => parseConfig('budgets:\n  maxTurns: ten\n', 'config/factory.yml'));
    expect(err.problems).toEqual([
      { file: 'config/factory.yml', line: 2, column: 13, path: 'budgets.maxTurns', message: 'expected a positive integer, got "ten"' },
    ]);
  });

  it('reports several problems, one line each, in file order', () => {
    const text = [
      'killSwitch: maybe',
      'model:',
      '  maxToken: 5',
      'budgets:',
      '  maxTurns: ten',
      '  maxUsd: -1',
      'trust:',
      '  associations: [OWNER, ADMIN]',
      '',
    ].join('\n');
    const err = errorOf(() => parseConfig(text));
    expect(err.message.split('\n')).toEqual([
      '.github/factory.yml:1:13 killSwitch: expected true or false, got "maybe"',
      '.github/factory.yml:3:3 model.maxToken: unknown key "maxToken" (did you mean "maxTokens"?)',
      '.github/factory.yml:5:13 budgets.maxTurns: expected a positive integer, got "ten"',
      '.github/factory.yml:6:11 budgets.maxUsd: expected a positive number, got -1',
      '.github/factory.yml:8:25 trust.associations[1]: expected one of OWNER, MEMBER, COLLABORATOR, CONTRIBUTOR, FIRST_TIME_CONTRIBUTOR, FIRST_TIMER, MANNEQUIN, NONE, got "ADMIN"',
    ]);
    expect(err.problems.map((p) => p.path)).toEqual([
      'killSwitch',
      'model.maxToken',
      'budgets.maxTurns',
      'budgets.maxUsd',
      'trust.associations[1]',
    ]);
  });

  it('reports each unknown key of one mapping separately', () => {
    const err = errorOf(() => parseConfig('git:\n  name: a\n  email: b\n'));
    expect(err.problems.map((p) => [p.line, p.path])).toEqual([
      [2, 'git.name'],
      [3, 'git.email'],
    ]);
  });
});

describe('loading', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'factory-config-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads a file from disk and names it in errors', () => {
    const file = path.join(dir, 'factory.yml');
    fs.writeFileSync(file, 'budgets:\n  maxUsd: 7\n');
    expect(loadConfig(file).budgets.maxUsd).toBe(7);
    fs.writeFileSync(file, 'budgets:\n  maxUsd: lots\n');
    expect(() => loadConfig(file)).toThrow(`${file}:2:11 budgets.maxUsd: expected a positive number, got "lots"`);
  });

  it('yields the defaults when the file is missing', () => {
    expect(loadConfig(path.join(dir, 'absent.yml'))).toEqual(defaultConfig());
  });

  it('reads through a reader, reporting the repository path', () => {
    const files: Record<string, string> = { '.github/factory.yml': 'killSwitch: 1\n' };
    const reader = { readFile: (p: string) => files[p] };
    expect(() => loadConfig(reader)).toThrow('.github/factory.yml:1:13 killSwitch: expected true or false, got 1');
    expect(loadConfig({ readFile: () => undefined })).toEqual(defaultConfig());
  });

  it('reads from the repository through GitHubReader.getFileContent', async () => {
    const asked: (string | undefined)[][] = [];
    const reader = {
      getFileContent: async (p: string, ref?: string) => {
        asked.push([p, ref]);
        return 'killSwitch: true\n';
      },
    };
    expect((await loadConfigFromRepo(reader)).killSwitch).toBe(true);
    expect(asked).toEqual([['.github/factory.yml', undefined]]);
    expect(await loadConfigFromRepo({ getFileContent: async () => undefined })).toEqual(defaultConfig());
  });
});

describe('helpers', () => {
  it('budgetFor applies per-automation overrides only to that automation', () => {
    const c = parseConfig('budgets:\n  maxUsd: 2\n  perAutomation:\n    feature-builder: { maxUsd: 5 }\n');
    expect(budgetFor(c, 'feature-builder')).toEqual({
      maxTurns: 30,
      maxInputTokens: 2_000_000,
      maxOutputTokens: 100_000,
      maxUsd: 5,
      maxMinutes: 20,
    });
    expect(budgetFor(c, 'pr-reviewer').maxUsd).toBe(2);
  });

  it('priceFor finds a model by id or by the longest id prefix', () => {
    const c = defaultConfig();
    expect(priceFor(c, 'claude-sonnet-4-5-20250929')?.inputPerMTok).toBe(3);
    expect(priceFor(c, 'claude-opus-4-1-20250805')?.inputPerMTok).toBe(15);
    expect(priceFor(c, 'claude-opus-4-5')?.inputPerMTok).toBe(5);
    expect(priceFor(c, 'gpt-something')).toBeUndefined();
  });
});
