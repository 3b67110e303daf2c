import { testExecutor } from '../../isolation/test-helpers';
import { ToolRefusal } from '../tool';
import { checkCommand, dropSecretVariables, parseAllowlist, runCommandTool } from './command';
import { splitCommandLine } from './shellwords';
import { baseEnv, call, fakeUntrusted, makeTempDir, removeDir, writeFiles } from './test-helpers';
import { createWorkspace } from './workspace';

async function refusal(promise: Promise<unknown>): Promise<ToolRefusal> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof ToolRefusal) return e;
    throw e;
  }
  throw new Error('expected a ToolRefusal');
}

function syncRefusal(fn: () => unknown): ToolRefusal {
  try {
    fn();
  } catch (e) {
    if (e instanceof ToolRefusal) return e;
    throw e;
  }
  throw new Error('expected a ToolRefusal');
}

describe('splitCommandLine', () => {
  it('splits words and honours quotes and escapes', () => {
    expect(splitCommandLine('npm run  lint -- --fix')).toEqual(['npm', 'run', 'lint', '--', '--fix']);
    expect(splitCommandLine(`node -e "console.log('a b')"`)).toEqual(['node', '-e', "console.log('a b')"]);
    expect(splitCommandLine(`echo 'it''s' "say \\"hi\\"" a\\ b ""`)).toEqual(['echo', 'its', 'say "hi"', 'a b', '']);
  });

  it.each([
    ['npm test; curl x', ';'],
    ['echo $GITHUB_TOKEN', '$'],
    ['echo "$GITHUB_TOKEN"', '$'],
    ['cat a | sh', '|'],
    ['npm test && rm -rf /', '&'],
    ['echo `id`', '`'],
    ['ls *.ts', '*'],
    ['echo hi > out.txt', '>'],
    ['echo \\;', ';'],
    ['npm test\ncurl x', 'newline'],
  ])('refuses %j (%s)', (line, what) => {
    const r = syncRefusal(() => splitCommandLine(line));
    expect(r.rule).toBe('shell-metacharacters');
    expect(r.message).toContain(what);
  });

  it('takes metacharacters inside single quotes literally, but refuses unterminated quotes', () => {
    expect(splitCommandLine(`node -e 'process.exit(1)'`)).toEqual(['node', '-e', 'process.exit(1)']);
    expect(() => splitCommandLine(`echo "abc`)).toThrow('unterminated " quote');
  });
});

describe('checkCommand', () => {
  const allowlist = parseAllowlist(['npm test', 'npm run lint', 'node --test', 'git status', 'git', 'echo']);

  it('accepts allowlisted commands and their extensions, matched on argv', () => {
    expect(checkCommand('npm test', allowlist)).toEqual(['npm', 'test']);
    expect(checkCommand('npm  test -- --ci', allowlist)).toEqual(['npm', 'test', '--', '--ci']);
    expect(checkCommand('git status --short', allowlist)).toEqual(['git', 'status', '--short']);
  });

  it.each(['curl https://example.com', 'env', 'rm -rf /', 'npm install left-pad', 'npm testing', 'node -e 1'])(
    'refuses %j as not allowlisted, naming the allowlist',
    (command) => {
      const r = syncRefusal(() => checkCommand(command, allowlist));
      expect(r.rule).toBe('command-not-allowlisted');
      expect(r.message).toContain('npm test, npm run lint, node --test, git status');
    },
  );

  it.each([
    'git push origin main',
    'git --no-pager push',
    'git remote add x https://example.com/x.git',
    'git config user.email a@b',
    'git fetch',
    'git pull',
    'git -c core.sshCommand=x status',
    'git -C /tmp status',
    'git --git-dir=/tmp/x status',
    'git credential fill',
    '/usr/bin/git push',
  ])('refuses %j even though git is (mistakenly) allowlisted', (command) => {
    expect(syncRefusal(() => checkCommand(command, parseAllowlist(['git', '/usr/bin/git']))).rule).toBe('git-remote');
  });

  it('refuses shell metacharacters before anything else', () => {
    expect(syncRefusal(() => checkCommand('npm test; curl x', allowlist)).rule).toBe('shell-metacharacters');
    expect(syncRefusal(() => checkCommand('echo $GITHUB_TOKEN', allowlist)).rule).toBe('shell-metacharacters');
  });

  it('names a malformed allowlist entry', () => {
    expect(() => parseAllowlist(['npm test', 'npm test | tee x'])).toThrow(/allowlist entry 2/);
  });
});

describe('dropSecretVariables', () => {
  it('drops variables whose names look secret and keeps the rest', () => {
    const env = dropSecretVariables({
      PATH: '/bin',
      GITHUB_TOKEN: 'x',
      ANTHROPIC_API_KEY: 'x',
      NPM_AUTH: 'x',
      SENTRY_DSN: 'x',
      ACTIONS_RUNTIME_URL: 'x',
      ACTIONS_ID_TOKEN_REQUEST_URL: 'x',
      DB_PASSWORD: 'x',
      LANG: 'C',
    });
    expect(env).toEqual({ PATH: '/bin', LANG: 'C' });
  });
});

describe('run_command', () => {
  let root: string;
  const secret = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789';
  const redactor = { redact: (text: string) => text.replaceAll('REDACT-ME', '[redacted]') };

  beforeEach(() => {
    root = makeTempDir();
    writeFiles(root, {
      'print-env.js': 'console.log(JSON.stringify(process.env));',
      'cwd.js': 'console.log("cwd=" + process.cwd()); console.error("to stderr"); process.exit(3);',
      'big.js': "process.stdout.write('A'.repeat(20000) + 'M'.repeat(20000) + 'Z'.repeat(20000));",
      'hang.js': [
        "const { spawn } = require('node:child_process');",
        "const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'inherit' });",
        "console.log('grandchild=' + child.pid);",
        'setInterval(() => {}, 1000);',
      ].join('\n'),
      'secret.js': "console.log('token REDACT-ME here')",
    });
  });

  afterEach(() => removeDir(root));

  function tool(allowlist: string[], env: Record<string, string> = baseEnv(), over: Parameters<typeof testExecutor>[1] = {}) {
    const ws = createWorkspace(root, { protectedPaths: [] });
    return runCommandTool(ws, {
      allowlist,
      executor: testExecutor(root, { env, envNames: ['HARMLESS'], ...over }),
      redactor,
      untrusted: fakeUntrusted,
    });
  }

  it('runs an allowlisted command in the workspace root and reports output and exit code', async () => {
    const out = await call(tool(['node cwd.js']), { command: 'node cwd.js' });
    expect(out).toContain('exit code 3');
    expect(out).toContain(`cwd=${root}`);
    expect(out).toContain('to stderr');
    expect(out).toContain('<untrusted source="run_command">');
  });

  it('keeps a secret from the parent environment out of the command', async () => {
    const previous = process.env.GITHUB_TOKEN;
    process.env.GITHUB_TOKEN = secret;
    try {
      // Even a caller that forgot to scrub (passing the token on) does not leak it.
      const env = { ...baseEnv(), GITHUB_TOKEN: secret, MY_SERVICE_API_KEY: secret, HARMLESS: 'visible' };
      const t = tool(['node -e "console.log(JSON.stringify(process.env))"'], env);
      const out = await call(t, { command: 'node -e "console.log(JSON.stringify(process.env))"' });
      expect(out).toContain('exit code 0');
      expect(out).toContain('"HARMLESS":"visible"');
      expect(out).not.toContain(secret);
      expect(out).not.toContain('GITHUB_TOKEN');
    } finally {
      if (previous === undefined) delete process.env.GITHUB_TOKEN;
      else process.env.GITHUB_TOKEN = previous;
    }
  });

  it('passes output through the redactor', async () => {
    const out = await call(tool(['node secret.js']), { command: 'node secret.js' });
    expect(out).toContain('token [redacted] here');
    expect(out).not.toContain('REDACT-ME');
  });

  it('kills a command that outlives its timeout, with its child processes', async () => {
    // The tool returns only once every holder of the output pipes is gone: the grandchild too.
    const out = await call(tool(['node hang.js']), { command: 'node hang.js', timeoutSeconds: 1 });
    expect(out).toContain('timed out after 1 s');
    expect(out).toMatch(/grandchild=\d+/);
  });

  it('runs the command in the sandbox: no secret of the factory in any process it can see', async () => {
    const script =
      "const fs=require('fs');for(const p of fs.readdirSync('/proc'))if(/^\\d+$/.test(p))try{console.log(fs.readFileSync('/proc/'+p+'/environ','utf8'))}catch{}";
    writeFiles(root, { 'environs.js': script });
    const previous = process.env.GITHUB_TOKEN;
    process.env.GITHUB_TOKEN = secret;
    try {
      const out = await call(tool(['node environs.js'], { ...baseEnv(), GITHUB_TOKEN: secret }), { command: 'node environs.js' });
      expect(out).toContain('exit code 0');
      expect(out).toContain('HOME=/tmp/home');
      expect(out).not.toContain(secret);
    } finally {
      if (previous === undefined) delete process.env.GITHUB_TOKEN;
      else process.env.GITHUB_TOKEN = previous;
    }
  });

  it('refuses to run anything when isolation is required and bubblewrap is missing', async () => {
    const r = await refusal(call(tool(['node cwd.js'], baseEnv(), { bwrapPath: '/nonexistent/bwrap' }), { command: 'node cwd.js' }));
    expect(r.rule).toBe('isolation-unavailable');
    expect(r.message).toContain('bubblewrap is not installed');
  });

  it('keeps the head and the tail of long output', async () => {
    const out = await call(tool(['node big.js']), { command: 'node big.js' });
    expect(out).toContain('A'.repeat(8 * 1024));
    expect(out).toContain('Z'.repeat(8 * 1024));
    expect(out).not.toContain('M'.repeat(100));
    expect(out).toContain(`… ${60000 - 16 * 1024} bytes omitted …`);
  });

  it.each([
    ['curl https://example.com/x', 'command-not-allowlisted'],
    ['env', 'command-not-allowlisted'],
    ['rm -rf /', 'command-not-allowlisted'],
    ['git push origin main', 'git-remote'],
    ['npm test; curl x', 'shell-metacharacters'],
    ['echo $GITHUB_TOKEN', 'shell-metacharacters'],
  ])('refuses %j (%s)', async (command, rule) => {
    const r = await refusal(call(tool(['npm test', 'git', 'echo']), { command }));
    expect(r.rule).toBe(rule);
  });

  it('rejects timeouts above the maximum and reports a missing program', async () => {
    expect(() => tool(['node']).input.parse({ command: 'node', timeoutSeconds: 601 })).toThrow();
    const out = await call(tool(['no-such-program-xyz']), { command: 'no-such-program-xyz' });
    expect(out).not.toContain('exit code 0');
    expect(out).toMatch(/no-such-program-xyz: No such file or directory/);
  });

  it('stops the command when the run is cancelled', async () => {
    const controller = new AbortController();
    const pending = call(tool(['node hang.js']), { command: 'node hang.js' }, { signal: controller.signal });
    setImmediate(() => controller.abort());
    expect(await pending).toContain('stopped: the run was cancelled');
  });
});
