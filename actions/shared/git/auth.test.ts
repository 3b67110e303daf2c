import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { GitCommandError } from './errors';
import { cloneRepository } from './repo';
import { authEnv, basicCredential, gitEnv } from './run';
import { makeRemote, makeTempDir, rawGit, removeDir, testEnv } from './testing';
import type { GitPort } from './types';

const TOKEN = 'ghs_TESTSECRET123456';
const TOKEN_B64 = Buffer.from(TOKEN).toString('base64');
const HEADER_B64 = Buffer.from(`x-access-token:${TOKEN}`).toString('base64');
const UNREACHABLE = 'https://127.0.0.1:1/owner/repo.git';

function expectNoSecret(text: string): void {
  expect(text).not.toContain(TOKEN);
  expect(text).not.toContain(TOKEN_B64);
  expect(text).not.toContain(HEADER_B64);
}

async function failure(promise: Promise<unknown>): Promise<GitCommandError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GitCommandError);
  return error as GitCommandError;
}

describe('token handling', () => {
  let tmp: string;
  let env: Record<string, string>;
  let git: GitPort;

  beforeEach(async () => {
    tmp = makeTempDir();
    env = testEnv(tmp);
    const { remote } = makeRemote(tmp, env, { 'a.txt': 'a\n' });
    git = await cloneRepository({ remoteUrl: remote, dir: path.join(tmp, 'work'), defaultBranch: 'main', token: TOKEN, env });
  });

  afterEach(() => removeDir(tmp));

  const gitConfig = () => fs.readFileSync(path.join(git.root, '.git', 'config'), 'utf8');

  it('fails fast against an unreachable https remote without leaking the token anywhere', async () => {
    const clone = await failure(
      cloneRepository({ remoteUrl: UNREACHABLE, dir: path.join(tmp, 'clone'), defaultBranch: 'main', token: TOKEN, env }),
    );
    expect(clone.command).toBe('clone');
    expect(clone.exitCode).toBe(128);
    expect(clone.message).toMatch(/127\.0\.0\.1/);
    expectNoSecret(clone.message);
    expectNoSecret(clone.stderr);

    rawGit(git.root, env, 'remote', 'set-url', 'origin', UNREACHABLE);
    await git.checkoutNewBranch('factory/1-x', 'HEAD');
    const attempts = [() => git.fetch(), () => git.push('factory/1-x'), () => git.branchExists('factory/1-x', 'remote')];
    for (const attempt of attempts) {
      const error = await failure(attempt());
      expect(error.message).toMatch(/127\.0\.0\.1/);
      expectNoSecret(error.message);
      expectNoSecret(String(error.stack));
    }
    expectNoSecret(gitConfig());
    expect(gitConfig()).not.toMatch(/extraheader/i);
  });

  it('redacts the token and its base64 forms from every git error message', async () => {
    for (const secret of [TOKEN, TOKEN_B64, HEADER_B64]) {
      const error = await failure(git.checkout(`factory/${secret}`));
      expect(error.command).toBe('switch');
      expect(error.message).toContain('factory/');
      expect(error.message).toContain('[REDACTED');
      expectNoSecret(error.message);
    }
  });

  describe('with a loopback http remote', () => {
    let server: http.Server;
    let seen: { url: string; authorization: string[] }[];
    let base: string;

    beforeEach(async () => {
      seen = [];
      server = http.createServer((req, res) => {
        const authorization: string[] = [];
        for (let i = 0; i < req.rawHeaders.length; i += 2) {
          if (req.rawHeaders[i]?.toLowerCase() === 'authorization') authorization.push(req.rawHeaders[i + 1] ?? '');
        }
        seen.push({ url: req.url ?? '', authorization });
        res.writeHead(404, { Connection: 'close' }).end('not found');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    afterEach(async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    });

    it('sends the token once, as a basic Authorization header, replacing any persisted header', async () => {
      rawGit(git.root, env, 'remote', 'set-url', 'origin', `${base}/owner/repo.git`);
      // What actions/checkout leaves behind with persist-credentials.
      rawGit(git.root, env, 'config', '--local', `http.${base}/.extraheader`, 'AUTHORIZATION: basic b2xkOm9sZA==');

      const error = await failure(git.fetch('main'));
      expectNoSecret(error.message);
      expect(seen.length).toBeGreaterThan(0);
      for (const request of seen) {
        expect(request.url.startsWith('/owner/repo.git/info/refs')).toBe(true);
        expect(request.url).not.toContain(TOKEN);
        expect(request.authorization).toEqual([`basic ${HEADER_B64}`]);
      }
      expect(gitConfig()).not.toContain(HEADER_B64);
    });

    it('sends nothing when no token is configured', async () => {
      const plain = await cloneRepository({
        remoteUrl: path.join(tmp, 'remote.git'),
        dir: path.join(tmp, 'plain'),
        defaultBranch: 'main',
        env,
      });
      rawGit(plain.root, env, 'remote', 'set-url', 'origin', `${base}/owner/repo.git`);
      await failure(plain.fetch());
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.every((r) => r.authorization.length === 0)).toBe(true);
    });
  });
});

describe('authEnv', () => {
  it('puts the header in GIT_CONFIG_* variables keyed by the remote host', () => {
    expect(authEnv('https://github.com/owner/repo.git', TOKEN)).toEqual({
      GIT_CONFIG_COUNT: '2',
      GIT_CONFIG_KEY_0: 'http.https://github.com/.extraheader',
      GIT_CONFIG_VALUE_0: '',
      GIT_CONFIG_KEY_1: 'http.https://github.com/.extraheader',
      GIT_CONFIG_VALUE_1: `AUTHORIZATION: basic ${basicCredential(TOKEN)}`,
    });
    expect(authEnv('https://ghe.example.com:8443/o/r', TOKEN).GIT_CONFIG_KEY_1).toBe('http.https://ghe.example.com:8443/.extraheader');
  });

  it('gives no token to local paths, ssh or plain http beyond loopback', () => {
    expect(authEnv('/srv/repos/remote.git', TOKEN)).toEqual({});
    expect(authEnv('ssh://git@github.com/o/r.git', TOKEN)).toEqual({});
    expect(authEnv('http://example.com/o/r.git', TOKEN)).toEqual({});
    expect(authEnv('https://github.com/o/r.git', undefined)).toEqual({});
  });
});

describe('gitEnv', () => {
  it('drops variables that would redirect git, turns prompts off and ignores user config by default', () => {
    const env = gitEnv({
      PATH: '/bin',
      GIT_DIR: 'elsewhere',
      GIT_INDEX_FILE: 'x',
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'core.pager',
      GIT_CONFIG_VALUE_0: 'evil',
      GIT_AUTHOR_NAME: 'someone',
    });
    expect(env.PATH).toBe('/bin');
    for (const name of ['GIT_DIR', 'GIT_INDEX_FILE', 'GIT_CONFIG_COUNT', 'GIT_CONFIG_KEY_0', 'GIT_CONFIG_VALUE_0', 'GIT_AUTHOR_NAME']) {
      expect(env).not.toHaveProperty(name);
    }
    expect(env.GIT_TERMINAL_PROMPT).toBe('0');
    expect(env.GIT_CONFIG_NOSYSTEM).toBe('1');
    expect(env.GIT_CONFIG_GLOBAL).toBeTruthy();
    expect(gitEnv({ GIT_CONFIG_GLOBAL: 'custom' }).GIT_CONFIG_GLOBAL).toBe('custom');
  });
});
