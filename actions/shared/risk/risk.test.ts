import { defaultConfig, parseConfig } from '../config/parse';
import type { FactoryConfig } from '../config/schema';
import { isProtectedPath } from './paths';
import { canAutoMerge, computeRisk, type RiskFile } from './risk';

const file = (filename: string, lines = 10, extra: Partial<RiskFile> = {}): RiskFile => ({
  filename,
  additions: lines,
  deletions: 0,
  status: 'modified',
  ...extra,
});
const approved = { reviewVerdict: 'approved' as const, checks: [{ name: 'ci', conclusion: 'success' }] };
const autoMergeOn = (maxTier = 'low'): FactoryConfig => parseConfig(`risk:\n  autoMerge: { enabled: true, maxTier: ${maxTier} }\n`);

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

  it.each(['src/index.ts', 'docs/guide.md', 'test/package.json.snap', 'src/github-utils.ts', 'migrationsHelper.ts'])('does not protect %s', (path) => {
    expect(isProtectedPath(path, config)).toBe(false);
  });

  it('uses the configured list when one is set', () => {
    const custom = parseConfig("risk:\n  protectedPaths: ['infra/**']\n");
    expect(isProtectedPath('infra/main.tf', custom)).toBe(true);
    expect(isProtectedPath('.github/workflows/ci.yml', custom)).toBe(false);
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
    const failing = computeRisk({ files: [file('src/a.ts')], config: defaultConfig(), reviewVerdict: 'approved', checks: [{ name: 'test', conclusion: 'failure' }, { name: 'lint', conclusion: 'success' }] });
    expect(failing.tier).toBe('high');
    expect(failing.reasons).toEqual(['1 failing check(s): test']);
    const pending = computeRisk({ files: [file('src/a.ts')], config: defaultConfig(), reviewVerdict: 'approved', checks: [{ name: 'test', conclusion: null }, { name: 'docs', conclusion: 'skipped' }] });
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

  it('is off by default', () => {
    expect(canAutoMerge(low, defaultConfig())).toEqual({ ok: false, reason: 'auto-merge is off (risk.autoMerge.enabled)' });
  });

  it('merges an unblocked pull request within maxTier', () => {
    expect(canAutoMerge(low, autoMergeOn())).toEqual({ ok: true });
    expect(canAutoMerge({ tier: 'medium', blockers: [] }, autoMergeOn('medium'))).toEqual({ ok: true });
  });

  it('never merges high risk', () => {
    expect(canAutoMerge({ tier: 'high', blockers: [] }, autoMergeOn('medium'))).toEqual({ ok: false, reason: 'high risk never auto-merges' });
  });

  it('refuses tiers above maxTier, blocked pull requests and the kill switch', () => {
    expect(canAutoMerge({ tier: 'medium', blockers: [] }, autoMergeOn('low'))).toEqual({ ok: false, reason: 'medium risk is above risk.autoMerge.maxTier (low)' });
    expect(canAutoMerge({ tier: 'low', blockers: ['changes requested'] }, autoMergeOn())).toEqual({ ok: false, reason: 'changes requested' });
    expect(canAutoMerge(low, { ...autoMergeOn(), killSwitch: true })).toEqual({ ok: false, reason: 'the kill switch is on' });
  });

  it('follows computeRisk end to end', () => {
    const config = autoMergeOn();
    expect(canAutoMerge(computeRisk({ files: [file('src/a.ts')], config, ...approved }), config).ok).toBe(true);
    expect(canAutoMerge(computeRisk({ files: [file('package.json', 1)], config, ...approved }), config).ok).toBe(false);
    expect(canAutoMerge(computeRisk({ files: [file('src/a.ts')], config, reviewVerdict: 'changes_requested' }), config).ok).toBe(false);
  });
});
