import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { AUTOMATION_SPECS } from '../../actions/shared/registry';

/**
 * Every shipped job that runs repository code (an automation that writes code, in its agent or
 * single phase) prepares the sandbox and the product's dependencies in steps before the
 * factory's, and those steps hold no secret.
 */

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
}

const ROOT = path.join(__dirname, '..', '..');
const codeWriters = Object.entries(AUTOMATION_SPECS).filter(([, spec]) => spec.writesCode);

describe.each(codeWriters.map(([name, spec]) => [name, spec.workflow] as const))('%s (%s)', (name, workflow) => {
  const doc = parse(fs.readFileSync(path.join(ROOT, '.github', 'workflows', workflow), 'utf8')) as {
    jobs: Record<string, { steps: Step[] }>;
  };
  const runsCode = Object.entries(doc.jobs).filter(([, job]) =>
    job.steps.some((s) => s.uses === `./actions/${name}` && (s.with?.phase ?? 'single') !== 'apply'),
  );

  it('has a job that runs the repository code', () => {
    expect(runsCode.length).toBeGreaterThan(0);
  });

  it.each(runsCode.map(([job]) => job))(
    'job %s installs bubblewrap, allows user namespaces and installs dependencies first, without secrets',
    (job) => {
      const steps = doc.jobs[job]!.steps;
      const factory = steps.findIndex((s) => s.uses === `./actions/${name}`);
      const before = steps.slice(0, factory);
      const sandbox = before.find((s) => s.run?.includes('apt-get install -y -q bubblewrap'));
      expect(sandbox?.run).toContain('sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0');
      const install = before.find((s) => /^npm ci\b/.test(s.run ?? ''));
      expect(install).toBeDefined();
      for (const step of [sandbox, install]) {
        expect(JSON.stringify(step)).not.toMatch(/secrets\.|github\.token|GITHUB_TOKEN|ANTHROPIC/);
      }
    },
  );
});
