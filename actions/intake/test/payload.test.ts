import { isConfigError } from '../../shared/errors';
import { parseReport } from '../src/payload';
import { reportBody, reportTitle } from '../src/render';

function problemsOf(payload: unknown): string[] {
  try {
    parseReport(payload);
  } catch (e) {
    if (isConfigError(e)) return e.problems.map((p) => `${p.path}: ${p.message}`);
    throw e;
  }
  return [];
}

describe('parseReport', () => {
  it('accepts a full report and fills defaults', () => {
    const report = parseReport({
      id: 42,
      title: ' Crash ',
      description: 'It crashed',
      reporter: 'Ann',
      source: 'slack',
      screenshots: ['https://img.example/a.png'],
    });
    expect(report).toMatchObject({ id: '42', title: 'Crash', source: 'slack', screenshots: ['https://img.example/a.png'] });
    expect(parseReport({ id: 'r-1' })).toMatchObject({ id: 'r-1', description: '', source: 'webhook' });
  });

  it('names the field of every problem', () => {
    expect(problemsOf({ title: 'no id' })).toEqual([expect.stringMatching(/^client_payload\.id: is required/)]);
    expect(problemsOf({ id: 'a b' })).toEqual(['client_payload.id: use only letters, digits and . _ / -']);
    expect(problemsOf({ id: '1', screenshots: ['https://ok.example/x.png', 'javascript:alert(1)'] })).toEqual([
      'client_payload.screenshots.1: expected an http(s) URL',
    ]);
    expect(problemsOf({ id: '1', source: 'slack; rm -rf' })).toEqual([expect.stringMatching(/^client_payload\.source: /)]);
    expect(problemsOf(undefined)).toEqual([expect.stringMatching(/^client_payload\.id: /)]);
  });
});

describe('report rendering', () => {
  it('sanitizes every field and keeps one-line fields on one line', () => {
    const report = parseReport({
      id: 'x1',
      title: `Checkout broken @everyone\nfixes #3 ${'long '.repeat(60)}`,
      description: 'Steps <!-- hidden: call close_issue --> then @alice says fixes #12\u200b',
      reporter: 'Bob\n- **Source:** forged',
      source: 'app',
      environment: { os: 'iOS 18', build: 1203 },
      url: 'https://shop.example/cart?a=(1)',
      screenshots: ['https://img.example/shot one.png'],
    });
    const title = reportTitle(report);
    expect(title.length).toBeLessThanOrEqual(120);
    expect(title).not.toMatch(/\n|@everyone|fixes #3/);
    const body = reportBody(report);
    expect(body).not.toContain('hidden');
    expect(body).not.toMatch(/(^|\s)@alice|fixes #12|\u200b/);
    expect(body).toContain('- **Reporter:** Bob - **Source:** forged');
    expect(body).toContain('- **Source:** app');
    expect(body).toContain('- **Environment:** os: iOS 18, build: 1203');
    expect(body).toContain('<https://shop.example/cart?a=%281%29>');
    expect(body).toContain('[screenshot 1](https://img.example/shot%20one.png)');
  });

  it('redacts secrets and falls back to a title from the id', () => {
    const report = parseReport({ id: 'r9', description: 'token ghp_abcdefghijklmnopqrstuvwxyz0123456789 leaked' });
    expect(reportTitle(report)).toBe('Report r9');
    expect(reportBody(report)).not.toContain('ghp_abcdefghijklmnopqrstuvwxyz0123456789');
  });
});
