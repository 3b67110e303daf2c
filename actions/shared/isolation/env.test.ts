import { envNameProblem, sandboxEnv } from './env';

describe('sandboxEnv', () => {
  const source = {
    PATH: '/usr/bin',
    LANG: 'C.UTF-8',
    CI: 'true',
    GITHUB_TOKEN: 'ghs_secret',
    'INPUT_GITHUB-TOKEN': 'ghs_secret',
    ANTHROPIC_API_KEY: 'sk-ant-secret',
    ACTIONS_RUNTIME_TOKEN: 'x',
    HOME: '/home/runner',
    NODE_ENV: 'test',
    RUNNER_TEMP: '/home/runner/work/_temp',
  };

  it('keeps only allowlisted names and sets HOME and TMPDIR to scratch folders', () => {
    expect(sandboxEnv(source, { home: '/tmp/home', tmp: '/tmp' })).toEqual({
      PATH: '/usr/bin',
      LANG: 'C.UTF-8',
      CI: 'true',
      HOME: '/tmp/home',
      TMPDIR: '/tmp',
      NO_UPDATE_NOTIFIER: '1',
      npm_config_update_notifier: 'false',
    });
  });

  it('adds configured names, but never one that looks like a secret or changes loading', () => {
    const env = sandboxEnv(source, {
      home: '/h',
      tmp: '/t',
      names: ['NODE_ENV', 'GITHUB_TOKEN', 'ANTHROPIC_API_KEY', 'LD_PRELOAD', 'HOME'],
    });
    expect(env.NODE_ENV).toBe('test');
    expect(JSON.stringify(env)).not.toContain('secret');
    expect(env.HOME).toBe('/h');
  });

  it("sets the factory's own values last (the proxy)", () => {
    expect(sandboxEnv(source, { home: '/h', tmp: '/t', fixed: { HTTPS_PROXY: 'http://127.0.0.1:3128' } }).HTTPS_PROXY).toBe(
      'http://127.0.0.1:3128',
    );
  });

  it('gives a default PATH when the factory has none', () => {
    expect(sandboxEnv({}, { home: '/h', tmp: '/t' }).PATH).toBe('/usr/local/bin:/usr/bin:/bin');
  });
});

describe('envNameProblem', () => {
  it.each(['GITHUB_TOKEN', 'NPM_AUTH', 'my_api_key', 'DB_PASSWORD', 'SENTRY_DSN', 'AWS_SECRET_ACCESS_KEY', 'ACTIONS_ID_TOKEN_REQUEST_URL'])(
    'refuses %s as a secret',
    (name) => expect(envNameProblem(name)).toMatch(/secret/),
  );
  it.each(['LD_PRELOAD', 'NODE_OPTIONS', 'HTTPS_PROXY', 'HOME', 'not a name', 'A=B'])('refuses %s', (name) => {
    expect(envNameProblem(name)).toBeDefined();
  });
  it.each(['NODE_ENV', 'TZ', 'JAVA_HOME', 'PYTHONPATH'])('accepts %s', (name) => expect(envNameProblem(name)).toBeUndefined());
});
