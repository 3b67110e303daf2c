import { parseConfig } from '../../shared/config';
import { parseEvent } from '../../shared/events';
import { startFactorySandbox, type FactorySandbox } from '../../../scripts/harness';
import { seedAuditorRecords } from '../../../scripts/harness/scenarios/metrics';
import { ManualClock } from '../../../scripts/harness/scenarios/shepherd';
import { run } from './run';

/** The automation auditor on the sandbox: off by default; on, one issue per finding, naming the run ids, never twice. */

const NOW = '2026-12-07T12:00:00Z';
const WEEKLY = parseEvent('schedule', { schedule: '41 6 * * 1' }, { repository: 'acme/shop' });

let sandbox: FactorySandbox;
let clock: ManualClock;
let seeded: { failed: string[]; budget: string[] };

beforeEach(async () => {
  clock = new ManualClock(NOW);
  sandbox = await startFactorySandbox({ clock });
  seeded = seedAuditorRecords(sandbox, new Date(NOW));
});

afterEach(async () => {
  expect(sandbox.github.violations).toEqual([]);
  await sandbox.close();
});

const auditIssues = () => sandbox.github.state.issues.filter((i) => i.title.startsWith('Auditor: '));

describe('automation-auditor', () => {
  it('is off by default: with the default config it skips before reading anything', async () => {
    expect(parseConfig('', '.github/factory.yml').automations['automation-auditor'].enabled).toBe(false);
    sandbox.github.resetRequests();
    const result = await run(sandbox.deps('automation-auditor', { clock }), { event: WEEKLY });
    expect(result.outcome).toBe('skipped');
    expect(result.summary).toMatch(/automation-auditor is disabled/);
    expect(sandbox.github.requests).toEqual([]);
    expect(auditIssues()).toEqual([]);
  });

  it('enabled: a repeated failure cluster opens one issue naming its run ids; a re-run opens nothing new', async () => {
    const deps = () => {
      const d = sandbox.deps('automation-auditor', { clock });
      return {
        ...d,
        config: {
          ...d.config,
          automations: { ...d.config.automations, 'automation-auditor': { enabled: true, maxIssues: 3, windowDays: 7 } },
        },
      };
    };
    const first = await run(deps(), { event: WEEKLY });
    expect(first.outcome).toBe('completed');
    const cluster = auditIssues().filter((i) => i.title === 'Auditor: pr-reviewer failed in 4 runs this week');
    expect(cluster).toHaveLength(1);
    for (const id of seeded.failed) expect(cluster[0]!.body).toContain(`- run \`${id}\``);
    expect(cluster[0]!.body).toContain('<!-- factory:automation-auditor:failures-pr-reviewer -->');
    const budget = auditIssues().filter((i) => i.title === 'Auditor: feature-builder hit its turns budget 2 times');
    expect(budget).toHaveLength(1);
    for (const id of seeded.budget) expect(budget[0]!.body).toContain(`- run \`${id}\``);
    const count = auditIssues().length;

    clock.advance(60);
    const again = await run(deps(), { event: WEEKLY });
    expect(again.outcome).toBe('no-op');
    expect(again.summary).toBe('nothing new to report');
    expect(auditIssues()).toHaveLength(count);
  });

  it('opens at most maxIssues issues a run', async () => {
    const d = sandbox.deps('automation-auditor', { clock });
    const deps = {
      ...d,
      config: {
        ...d.config,
        automations: { ...d.config.automations, 'automation-auditor': { enabled: true, maxIssues: 1, windowDays: 7 } },
      },
    };
    const result = await run(deps, { event: WEEKLY });
    expect(auditIssues()).toHaveLength(1);
    expect(auditIssues()[0]!.title).toBe('Auditor: pr-reviewer failed in 4 runs this week');
    expect(result.details.join('\n')).toContain('1 more finding(s) wait for the next run (maxIssues 1)');
  });
});
