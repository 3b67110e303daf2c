import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UNRESOLVABLE_URL } from '@software-factory/github-sandbox';
import { main } from '../../scripts/cli/program';
import { versionLine } from '../../scripts/cli/version';
import { version } from '../../package.json';

/** What the `factory` CLI prints when something fails: a sentence for a person, the stack only with --debug. */

const saved = { ...process.env };
afterEach(() => {
  for (const k of ['GITHUB_TOKEN', 'GH_TOKEN', 'GITHUB_API_URL', 'ANTHROPIC_API_KEY', 'FACTORY_APP_TOKEN']) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});

async function cli(...args: string[]): Promise<{ code: number; errors: string[] }> {
  const errors: string[] = [];
  const code = await main(['node', 'factory', ...args], { error: (l) => errors.push(l) });
  return { code, errors };
}

describe('factory CLI failures', () => {
  beforeEach(() => {
    process.env.GITHUB_TOKEN = 'ghs_cliErrorsTestToken000000000000000000';
    process.env.GITHUB_API_URL = UNRESOLVABLE_URL;
    delete process.env.FACTORY_APP_TOKEN;
  });

  it('a GitHub that cannot be reached reads "no answer from <host> (ENOTFOUND)", with no stack trace', async () => {
    const { code, errors } = await cli('run', 'feature-planner', '--event', 'issues.opened', '--repo', 'acme/shop', '--dry-run');
    expect(code).toBe(1);
    expect(errors).toEqual([
      'error: github.reader.getRepository failed: GET /repos/acme/shop: no answer from api.github.invalid (ENOTFOUND)',
    ]);
  });

  it('--debug adds the stack trace', async () => {
    const { code, errors } = await cli('--debug', 'run', 'feature-planner', '--event', 'issues.opened', '--repo', 'acme/shop', '--dry-run');
    expect(code).toBe(1);
    expect(errors).toHaveLength(2);
    expect(errors[1]).toMatch(/^debug: GitHubApiError: github\.reader\.getRepository failed[^\n]*\n\s+at /);
  });

  it("a user's mistake is named, without a stack", async () => {
    const { code, errors } = await cli('run', 'feature-planner', '--event', 'issues.opened', '--repo', 'not a repo');
    expect(code).toBe(1);
    expect(errors).toEqual(['error: --repo: expected owner/name, got "not a repo"']);
  });
});

describe('factory run --event <file>', () => {
  it.each([
    ['[]', 'a JSON array'],
    ['"issues"', 'a JSON string'],
    ['null', 'null'],
  ])('a payload file holding %s is an error naming the file', async (text, kind) => {
    const dir = mkdtempSync(join(tmpdir(), 'event-'));
    try {
      const file = join(dir, 'issues.json');
      writeFileSync(file, text);
      const { code, errors } = await cli('run', 'feature-planner', '--sandbox', '--event', file, '--event-name', 'issues');
      expect(code).toBe(1);
      expect(errors).toEqual([`error: --event: ${file} holds ${kind}, not an event object (a webhook payload is one JSON object)`]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('factory --version', () => {
  it('names the package version and the commit the CLI was built from (unknown when run from source)', () => {
    expect(versionLine()).toBe(`software-factory ${version} (unknown)`);
    expect(versionLine({ version: '1.2.3', sha: 'f'.repeat(40) })).toBe(`software-factory 1.2.3 (${'f'.repeat(40)})`);
  });
});
