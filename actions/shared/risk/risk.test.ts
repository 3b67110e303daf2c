import { defaultConfig, parseConfig } from '../config/parse';
import type { FactoryConfig } from '../config/schema';
import { foldPath, isProtectedPath, pathClassifier, pathSkeleton } from './paths';
import { canAutoMerge, computeRisk, type RiskFile } from './risk';

const file = (filename: string, lines = 10, extra: Partial<RiskFile> = {}): RiskFile => ({
  filename,
  additions: lines,
  deletions: 0,
  status: 'modified',
  ...extra,
});
const approved = { reviewVerdict: 'approved' as const, checks: [{ name: 'ci', conclusion: 'success' }] };
const autoMergeOn = (maxTier = 'low'): FactoryConfig =>
  parseConfig(`merge:\n  autoMerge: [${maxTier === 'medium' ? 'low, medium' : maxTier}]\n`);

describe('isProtectedPath', () => {
  const config = defaultConfig();
  it.each([
    '.github/workflows/ci.yml',
    '.github/factory.yml',
    '.github/CODEOWNERS',
    'CODEOWNERS',
    'actions/intake/action.yml',
    'action.yaml',
    'package.json',
    'packages/web/package.json',
    'package-lock.json',
    'yarn.lock',
    'pnpm-lock.yaml',
    'crates/x/Cargo.lock',
    'go.sum',
    'db/migrations/0001_init.ts',
    'supabase/policies/rls.sql',
    'prompts/builder.md',
    './.github/workflows/x.yml',
    'src/../.github/workflows/x.yml',
    '.GitHub/workflows/x.yml',
    '../outside.txt',
  ])('protects %s', (path) => {
    expect(isProtectedPath(path, config)).toBe(true);
  });

  it.each(['src/index.ts', 'docs/guide.md', 'test/package.json.snap', 'src/github-utils.ts', 'migrationsHelper.ts'])(
    'does not protect %s',
    (path) => {
      expect(isProtectedPath(path, config)).toBe(false);
    },
  );

  it('uses the configured list when one is set', () => {
    const custom = parseConfig("risk:\n  protectedPaths: ['infra/**']\n");
    expect(isProtectedPath('infra/main.tf', custom)).toBe(true);
    expect(isProtectedPath('.github/workflows/ci.yml', custom)).toBe(false);
  });
});

describe('paths compared as file systems and readers see them', () => {
  const config = defaultConfig();
  const classify = pathClassifier(config.risk.protectedPaths);
  const riskOf = (path: string) => computeRisk({ files: [file(path)], config, ...approved });

  it('folds case, NFKC forms, invisible characters and trailing dots', () => {
    expect(foldPath('.GITHUB/Workflows/X.yml')).toBe('.github/workflows/x.yml');
    expect(foldPath('．ｇｉｔｈｕｂ／workflows/x.yml')).toBe('.github/workflows/x.yml');
    expect(foldPath('.git\u200bhub/work\u202eflows/x.yml')).toBe('.github/workflows/x.yml');
    expect(foldPath('.github. /workflows/x.yml')).toBe('.github/workflows/x.yml');
    expect(foldPath('src/../a.ts')).toBe('a.ts');
  });

  it('maps lookalike characters to their prototype', () => {
    expect(pathSkeleton('.g\u0456thub\u2215workflows/x.yml')).toBe(pathSkeleton('.github/workflows/x.yml'));
    expect(pathSkeleton('\u0440\u0430ck\u0430ge\u2024json')).toBe(pathSkeleton('package.json'));
    expect(pathSkeleton('a\u2044b\u29f8c')).toBe(pathSkeleton('a/b/c'));
    expect(pathSkeleton('C0DE0WNERS')).toBe(pathSkeleton('CODEOWNERS'));
    expect(pathSkeleton('.\u0261ith\u057Db')).toBe('.github');
    expect(pathSkeleton('.gíthüb')).toBe('.github');
    expect(pathSkeleton('src/index.ts')).not.toBe(pathSkeleton('src/lndex.tsx'));
  });

  it('rates .GITHUB/workflows/x.yml high as a protected path', () => {
    expect(classify('.GITHUB/workflows/x.yml')).toBe('protected');
    const risk = riskOf('.GITHUB/workflows/x.yml');
    expect(risk.tier).toBe('high');
    expect(risk.reasons).toEqual(['touches protected paths: .GITHUB/workflows/x.yml']);
  });

  it('rates .github spelled with a division slash (U+2215) high as a lookalike', () => {
    const path = '.github\u2215workflows/x.yml';
    expect(classify(path)).toBe('lookalike');
    const risk = riskOf(path);
    expect(risk.tier).toBe('high');
    expect(risk.protectedFiles).toEqual([path]);
    expect(risk.reasons).toEqual([`names paths that look like protected ones: ${path}`]);
  });

  it('rates .github spelled with Cyrillic letters high as a lookalike', () => {
    for (const path of ['.g\u0456thub/workflows/x.yml', '.g\u0456thub/CODEOWNERS', '.GIT\u041dUB/x.yml', '.G\u0406THUB/x.yml']) {
      expect(classify(path)).toBe('lookalike');
      expect(riskOf(path).tier).toBe('high');
    }
  });

  it('rates .github with invisible characters, fullwidth forms or a trailing dot high as protected', () => {
    for (const path of ['.git\u200dhub/workflows/x.yml', '．ｇｉｔｈｕｂ/workflows/x.yml', '.github./workflows/x.yml']) {
      expect(classify(path)).toBe('protected');
      expect(riskOf(path).tier).toBe('high');
    }
  });

  it('rates .gitattributes high', () => {
    expect(riskOf('.gitattributes').tier).toBe('high');
    expect(riskOf('vendor/lib/.gitattributes').tier).toBe('high');
  });

  it('rates .gitmodules high', () => {
    expect(riskOf('.gitmodules').tier).toBe('high');
  });

  it('rates .githooks/pre-commit high', () => {
    expect(riskOf('.githooks/pre-commit').tier).toBe('high');
  });

  it.each([
    '.husky/pre-commit',
    '.lfsconfig',
    '.pre-commit-config.yaml',
    'lefthook.yml',
    '.npmrc',
    '.yarnrc',
    '.yarnrc.yml',
    '.yarn/plugins/plugin.cjs',
    '.yarn/releases/yarn-4.cjs',
    '.pnp.cjs',
    '.pnpmfile.cjs',
    'packages/web/bunfig.toml',
  ])('rates the hook or package-manager file %s high', (path) => {
    expect(riskOf(path).tier).toBe('high');
  });

  it('leaves ordinary and non-Latin paths alone', () => {
    for (const path of ['docs/café.md', 'src/日本語.ts', 'src/github.ts', 'docs/.gitkeep', 'src/hooks/useGit.ts']) {
      expect(classify(path)).toBe('ordinary');
    }
    expect(riskOf('docs/café.md').tier).toBe('low');
  });

  it('keeps glob syntax of a configured list while matching lookalikes', () => {
    const custom = pathClassifier(['{infra,ops}/**', '@(deploy|release).sh', 'secrets/[ab].env']);
    expect(custom('ops/main.tf')).toBe('protected');
    expect(custom('\u043eps/main.tf')).toBe('lookalike');
    expect(custom('deploy.sh')).toBe('protected');
    expect(custom('d\u0435ploy.sh')).toBe('lookalike');
    expect(custom('secrets/b.env')).toBe('protected');
    expect(custom('secrets/c.env')).toBe('ordinary');
  });

  it('lets folded and lookalike paths raise a path rule, never lower it', () => {
    const rules = parseConfig(`risk:
  rules:
    - { paths: ['src/auth/**'], tier: high }
    - { paths: ['docs/**'], tier: low }
  defaultTier: medium
`);
    const tier = (path: string) => computeRisk({ files: [file(path)], config: rules }).tier;
    expect(tier('SRC/Auth/login.ts')).toBe('high');
    expect(tier('src/\u0430uth/login.ts')).toBe('high');
    expect(tier('d\u043ecs/evil.sh')).toBe('medium');
    expect(tier('docs/guide.md')).toBe('low');
  });
});

describe('computeRisk', () => {
  it('rates a small change to ordinary files low', () => {
    const risk = computeRisk({ files: [file('src/a.ts'), file('src/b.ts')], config: defaultConfig(), ...approved });
    expect(risk).toEqual({ tier: 'low', reasons: ['20 changed lines, no risky paths'], protectedFiles: [], blockers: [] });
  });

  it('takes the tier of the first matching path rule, else the default tier', () => {
    const config = parseConfig(`risk:
  rules:
    - { paths: ['src/auth/**'], tier: high }
    - { paths: ['src/**'], tier: medium }
    - { paths: ['docs/**'], tier: low }
  defaultTier: medium
`);
    expect(computeRisk({ files: [file('docs/a.md')], config }).tier).toBe('low');
    expect(computeRisk({ files: [file('src/ui/button.ts')], config }).tier).toBe('medium');
    expect(computeRisk({ files: [file('other/x.ts')], config }).tier).toBe('medium');
    const auth = computeRisk({ files: [file('docs/a.md'), file('src/auth/login.ts')], config });
    expect(auth.tier).toBe('high');
    expect(auth.reasons).toEqual(['path rules rate src/auth/login.ts high risk']);
  });

  it('matches dotfiles with the path globs', () => {
    const config = parseConfig("risk:\n  rules:\n    - { paths: ['config/**'], tier: high }\n");
    expect(computeRisk({ files: [file('config/.env.example')], config }).tier).toBe('high');
  });

  it('raises the tier with the diff size', () => {
    const config = defaultConfig();
    expect(computeRisk({ files: [file('src/a.ts', 200)], config }).tier).toBe('low');
    expect(computeRisk({ files: [file('src/a.ts', 150), file('src/b.ts', 51)], config })).toMatchObject({
      tier: 'medium',
      reasons: ['201 changed lines (more than maxLinesLow 200)'],
    });
    expect(computeRisk({ files: [file('src/a.ts', 801)], config })).toMatchObject({
      tier: 'high',
      reasons: ['801 changed lines (more than maxLinesMedium 800)'],
    });
    expect(computeRisk({ files: [file('src/a.ts', 0, { deletions: 300 })], config }).tier).toBe('medium');
  });

  it('rates protected files high and lists them, including the old name of a renamed file', () => {
    const risk = computeRisk({
      files: [file('src/a.ts'), file('ci/old.yml', 1, { status: 'renamed', previousFilename: '.github/workflows/ci.yml' })],
      config: defaultConfig(),
      ...approved,
    });
    expect(risk.tier).toBe('high');
    expect(risk.protectedFiles).toEqual(['.github/workflows/ci.yml']);
    expect(risk.reasons).toEqual(['touches protected paths: .github/workflows/ci.yml']);
  });

  it('rates failing checks high and blocks on running ones', () => {
    const failing = computeRisk({
      files: [file('src/a.ts')],
      config: defaultConfig(),
      reviewVerdict: 'approved',
      checks: [
        { name: 'test', conclusion: 'failure' },
        { name: 'lint', conclusion: 'success' },
      ],
    });
    expect(failing.tier).toBe('high');
    expect(failing.reasons).toEqual(['1 failing check(s): test']);
    const pending = computeRisk({
      files: [file('src/a.ts')],
      config: defaultConfig(),
      reviewVerdict: 'approved',
      checks: [
        { name: 'test', conclusion: null },
        { name: 'docs', conclusion: 'skipped' },
      ],
    });
    expect(pending.tier).toBe('low');
    expect(pending.blockers).toEqual(['1 check(s) still running']);
  });

  it('blocks merging when changes are requested or nobody approved', () => {
    const files = [file('src/a.ts')];
    expect(computeRisk({ files, config: defaultConfig(), reviewVerdict: 'changes_requested' }).blockers).toEqual(['changes requested']);
    expect(computeRisk({ files, config: defaultConfig(), reviewVerdict: 'commented' }).blockers).toEqual(['no approving review']);
    expect(computeRisk({ files, config: defaultConfig() }).blockers).toEqual(['no approving review']);
  });

  it('lets the model raise the tier', () => {
    const risk = computeRisk({ files: [file('src/a.ts')], config: defaultConfig(), modelTier: 'medium', ...approved });
    expect(risk.tier).toBe('medium');
    expect(risk.reasons).toEqual(['the reviewer raised the tier to medium']);
  });

  it('ignores a model tier lower than the computed one', () => {
    const risk = computeRisk({ files: [file('.github/workflows/ci.yml')], config: defaultConfig(), modelTier: 'low', ...approved });
    expect(risk.tier).toBe('high');
    expect(risk.reasons).toContain('the reviewer proposed low; ignored, the model may raise the tier but never lower it');
  });
});

describe('canAutoMerge', () => {
  const low = { tier: 'low' as const, blockers: [] };

  it('merges low risk by default, nothing with merge.autoMerge: [] or in approve-only mode', () => {
    expect(canAutoMerge(low, defaultConfig())).toEqual({ ok: true });
    expect(canAutoMerge(low, parseConfig('merge:\n  autoMerge: []\n'))).toEqual({
      ok: false,
      reason: 'low risk is not in merge.autoMerge (none)',
    });
    expect(canAutoMerge(low, parseConfig('merge:\n  mode: approve-only\n'))).toEqual({
      ok: false,
      reason: 'merge.mode is approve-only: a person presses merge',
    });
  });

  it('merges an unblocked pull request whose tier is listed', () => {
    expect(canAutoMerge(low, autoMergeOn())).toEqual({ ok: true });
    expect(canAutoMerge({ tier: 'medium', blockers: [] }, autoMergeOn('medium'))).toEqual({ ok: true });
  });

  it('never merges high risk', () => {
    expect(canAutoMerge({ tier: 'high', blockers: [] }, autoMergeOn('medium'))).toEqual({
      ok: false,
      reason: 'high risk never auto-merges',
    });
  });

  it('refuses unlisted tiers, blocked pull requests and the kill switch', () => {
    expect(canAutoMerge({ tier: 'medium', blockers: [] }, autoMergeOn('low'))).toEqual({
      ok: false,
      reason: 'medium risk is not in merge.autoMerge (low)',
    });
    expect(canAutoMerge({ tier: 'low', blockers: ['changes requested'] }, autoMergeOn())).toEqual({
      ok: false,
      reason: 'changes requested',
    });
    expect(canAutoMerge(low, { ...autoMergeOn(), killSwitch: true })).toEqual({ ok: false, reason: 'the kill switch is on' });
  });

  it('follows computeRisk end to end', () => {
    const config = autoMergeOn();
    expect(canAutoMerge(computeRisk({ files: [file('src/a.ts')], config, ...approved }), config).ok).toBe(true);
    expect(canAutoMerge(computeRisk({ files: [file('package.json', 1)], config, ...approved }), config).ok).toBe(false);
    expect(canAutoMerge(computeRisk({ files: [file('src/a.ts')], config, reviewVerdict: 'changes_requested' }), config).ok).toBe(false);
  });
});

describe('a revert pull request', () => {
  it('is high risk by its head branch, whatever it changes, and the model cannot lower it', () => {
    const config = autoMergeOn('medium');
    const risk = computeRisk({ files: [file('src/a.ts', 1)], config, headRef: 'factory/revert-pr-12', modelTier: 'low', ...approved });
    expect(risk.tier).toBe('high');
    expect(risk.reasons).toContain('a revert pull request (factory/revert-pr-12): a person merges it');
    expect(canAutoMerge(risk, config).ok).toBe(false);
    expect(computeRisk({ files: [file('src/a.ts', 1)], config, headRef: 'factory/issue-12', ...approved }).tier).toBe('low');
  });
});
