import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { checkWorkflowSecurity } from '../../shared/workflows/lint';

const ROOT = path.join(__dirname, '..', '..', '..');
const read = (p: string) => fs.readFileSync(path.join(ROOT, p), 'utf8');

describe('intake workflow and issue forms', () => {
  it('factory-intake.yml passes the security rules and runs only on factory-report dispatches', () => {
    const text = read('.github/workflows/factory-intake.yml');
    expect(checkWorkflowSecurity(text, '.github/workflows/factory-intake.yml')).toEqual([]);
    const wf = parse(text) as { on: unknown; permissions: unknown; jobs: Record<string, { permissions: Record<string, string> }> };
    expect(wf.on).toEqual({ repository_dispatch: { types: ['factory-report'] } });
    expect(wf.permissions).toEqual({});
    expect(wf.jobs.intake!.permissions).toMatchObject({ issues: 'write' });
  });

  it.each(['bug.yml', 'feature.yml'])('%s is a valid issue form', (file) => {
    const form = parse(read(`.github/ISSUE_TEMPLATE/${file}`)) as {
      name: string;
      description: string;
      labels?: string[];
      body: {
        type: string;
        id?: string;
        attributes: { label?: string; value?: string; options?: unknown[] };
        validations?: { required?: boolean };
      }[];
    };
    expect(form.name).toEqual(expect.any(String));
    expect(form.description).toEqual(expect.any(String));
    const ids = form.body.filter((b) => b.type !== 'markdown').map((b) => b.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const item of form.body) {
      expect(['markdown', 'textarea', 'input', 'dropdown', 'checkboxes']).toContain(item.type);
      if (item.type === 'markdown') expect(item.attributes.value).toEqual(expect.any(String));
      else {
        expect(item.id).toMatch(/^[a-z][a-z0-9_-]*$/);
        expect(item.attributes.label).toEqual(expect.any(String));
      }
      if (item.type === 'dropdown') expect(item.attributes.options?.length).toBeGreaterThan(0);
    }
    // Forms do not pre-triage: type and state labels are the planner's to set.
    for (const label of form.labels ?? []) expect(label).not.toMatch(/^(type|factory|priority):/);
  });
});
