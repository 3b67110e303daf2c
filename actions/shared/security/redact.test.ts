import { containsToken, createRedactor, isSecretEnv, redactTokens, scrubEnv } from './redact';

// Token-shaped strings are assembled at run time so this file never contains one literally.
const fake = (prefix: string, body: string) => prefix + body;
const ghp = fake('gh' + 'p_', 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8');
const ghs = fake('gh' + 's_', 'Z9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4J3i2');
const pat = fake('github' + '_pat_', '11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJ');
const ant = fake('sk-' + 'ant-', 'api03-' + 'abcDEF123_-'.repeat(8));
const sntrys = fake('sntr' + 'ys_', 'eyJpYXQiOjE3MDAwMDAwMDAsInVybCI6Imh0dHBzOi8vc2VudHJ5LmlvIn0=_abcdef0123456789');
const sntryu = fake('sntr' + 'yu_', '0123456789abcdef'.repeat(4));
const npm = fake('np' + 'm_', 'abcdefghijklmnopqrstuvwxyz0123456789');
const akia = fake('AK' + 'IA', 'IOSFODNN7EXAMPLE');
const asia = fake('AS' + 'IA', 'Q3EGUWUKBNEXAMPLE'.slice(0, 16));
const awsSecret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const slack = fake('xo' + 'xb-', '123456789012-123456789012-abcdefABCDEF123456');
const jwt = ['eyJhbGciOiJSUzI1NiJ9', 'eyJzdWIiOiJyZXBvOmFjbWUvYXBwIn0', 'c2lnbmF0dXJlLXBhcnQtaGVyZQ'].join('.');

describe('redactTokens: well-known shapes', () => {
  it.each([
    ['GitHub classic', `token ${ghp} end`, 'token [REDACTED:github-token] end'],
    ['GitHub server', `x-access-token ${ghs}`, 'x-access-token [REDACTED:github-token]'],
    ['GitHub fine-grained', `pat=${pat};`, 'pat=[REDACTED:github-token];'],
    ['Anthropic', `key: ${ant}`, 'key: [REDACTED:anthropic-key]'],
    ['Sentry org token', `SENTRY ${sntrys} x`, 'SENTRY [REDACTED:sentry-token] x'],
    ['Sentry user token', sntryu, '[REDACTED:sentry-token]'],
    ['npm', `//registry.npmjs.org/:_authToken=${npm}`, '//registry.npmjs.org/:_authToken=[REDACTED:npm-token]'],
    ['AWS key id', `id ${akia} and ${asia}`, 'id [REDACTED:aws-access-key-id] and [REDACTED:aws-access-key-id]'],
    ['AWS secret assignment', `aws_secret_access_key = ${awsSecret}`, 'aws_secret_access_key = [REDACTED:aws-secret-key]'],
    ['AWS secret env', `AWS_SECRET_ACCESS_KEY="${awsSecret}"`, 'AWS_SECRET_ACCESS_KEY="[REDACTED:aws-secret-key]"'],
    ['AWS secret JSON', `{"SecretAccessKey": "${awsSecret}"}`, '{"SecretAccessKey": "[REDACTED:aws-secret-key]"}'],
    ['Slack', `hook ${slack}`, 'hook [REDACTED:slack-token]'],
    ['JWT', `id_token=${jwt}`, 'id_token=[REDACTED:jwt]'],
    ['Authorization header', 'Authorization: Bearer abc.def-ghi_jkl', 'Authorization: Bearer [REDACTED:authorization]'],
    ['Authorization token', 'authorization: token 0123456789abcdef', 'authorization: token [REDACTED:authorization]'],
    ['bare Bearer', 'curl -H "X: Bearer 0123456789abcdefXYZ"', 'curl -H "X: Bearer [REDACTED:bearer-token]"'],
    [
      'Sentry DSN',
      'dsn https://0123456789abcdef0123456789abcdef@o123.ingest.sentry.io/456',
      'dsn https://[REDACTED:sentry-dsn]@o123.ingest.sentry.io/456',
    ],
    [
      'legacy Sentry DSN with secret',
      'https://0123456789abcdef0123456789abcdef:fedcba9876543210@sentry.example.com/1',
      'https://[REDACTED:sentry-dsn]@sentry.example.com/1',
    ],
    [
      'URL credentials',
      'git clone https://user:hunter2hunter@example.com/r.git',
      'git clone https://user:[REDACTED:url-credential]@example.com/r.git',
    ],
  ])('%s', (_label, input, expected) => {
    expect(redactTokens(input)).toBe(expected);
  });

  it('redacts private key blocks, closed or cut off', () => {
    const key = ['-----BEGIN RSA PRIVATE KEY-----', 'MIIEowIBAAKCAQEA', 'abc', '-----END RSA PRIVATE KEY-----'].join('\n');
    expect(redactTokens(`before\n${key}\nafter`)).toBe('before\n[REDACTED:private-key]\nafter');
    expect(redactTokens('x -----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk')).toBe('x [REDACTED:private-key]');
  });

  it('leaves ordinary text alone', () => {
    const text = 'The ghost_protocol uses sk-learn; AKIA is short; Bearer of news; see https://example.com/a@b';
    expect(redactTokens(text)).toBe(text);
    expect(containsToken(text)).toBe(false);
    expect(containsToken(`x ${ghp}`)).toBe(true);
  });
});

describe('createRedactor: configured values', () => {
  const secret = 'p@ss w0rd/with+chars';
  const redactor = createRedactor([secret, undefined, '', 'short', '  ']);

  it('removes the value, its URL encodings and its base64 forms', () => {
    const b64 = Buffer.from(secret).toString('base64');
    const b64url = Buffer.from(secret).toString('base64url');
    const text = [secret, encodeURIComponent(secret), encodeURIComponent(secret).replace(/%20/g, '+'), b64, b64url].join(' | ');
    const out = redactor.redact(text);
    expect(out).toBe(Array(5).fill('[REDACTED:secret]').join(' | '));
  });

  it.each([0, 1, 2, 3, 4, 5])('finds the secret inside a longer base64 stream (prefix of %i bytes)', (n) => {
    const stream = Buffer.from(`${'u'.repeat(n)}:${secret}:trailer`).toString('base64');
    const out = redactor.redact(`basic=${stream}`);
    expect(out).toMatch(/^basic=[A-Za-z0-9+/]*\[REDACTED:secret\][A-Za-z0-9+/=]*$/);
    // All but at most two boundary bytes of the secret's encoding are gone.
    const removed = `basic=${stream}`.length - (out.length - '[REDACTED:secret]'.length);
    expect(removed).toBeGreaterThanOrEqual(Math.floor((secret.length * 4) / 3) - 4);
  });

  it('ignores empty and short values instead of shredding the text', () => {
    expect(redactor.redact('a short story')).toBe('a short story');
  });

  it('replaces longer values first', () => {
    const r = createRedactor(['abcdef', 'abcdefghij']);
    expect(r.redact('abcdefghij abcdef')).toBe('[REDACTED:secret] [REDACTED:secret]');
  });

  it('redactDeep walks records, keys, arrays and errors; keeps other values', () => {
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    const record = {
      message: `failed with ${secret}`,
      nested: [{ [`k-${secret}`]: 1 }, `token ${ghp}`, 42, true, null],
      githubToken: 'opaque-value',
      apiKey: 'xyz',
      inputTokens: 1200,
      tokenizer: 'cl100k',
      error: new Error(`boom ${secret}`),
      cyclic,
    };
    const out = redactor.redactDeep(record) as Record<string, any>;
    expect(out.message).toBe('failed with [REDACTED:secret]');
    expect(out.nested).toEqual([{ 'k-[REDACTED:secret]': 1 }, 'token [REDACTED:github-token]', 42, true, null]);
    expect(out.githubToken).toBe('[REDACTED:secret]');
    expect(out.apiKey).toBe('[REDACTED:secret]');
    expect(out.inputTokens).toBe(1200);
    expect(out.tokenizer).toBe('cl100k');
    expect(out.error).toMatchObject({ name: 'Error', message: 'boom [REDACTED:secret]' });
    expect(JSON.stringify(out)).not.toContain(secret);
    expect(out.cyclic).toEqual({ name: 'loop', self: '[Circular]' });
    expect(record.message).toContain(secret);
  });
});

describe('createRedactor: a secret in any encoding', () => {
  const secret = 'Kx7pQ2mZ9vR4tW8y';
  const redactor = createRedactor([secret]);
  const hex = Buffer.from(secret).toString('hex');
  const pieces = (s: string, sep: string) => s.match(/.{1,4}/g)!.join(sep);
  const reversed = [...secret].reverse().join('');

  it.each([
    ['reversed', `key ${reversed} end`],
    ['hex, lower case', `key ${hex} end`],
    ['hex, upper case', `key ${hex.toUpperCase()} end`],
    ['hex, mixed case', `key ${hex.slice(0, 10)}${hex.slice(10).toUpperCase()} end`],
    ['hex bytes split by spaces', `key ${hex.match(/../g)!.join(' ')} end`],
    ['split by spaces into 4-character pieces', `key ${pieces(secret, ' ')} end`],
    ['split by newlines into 4-character pieces', `key ${pieces(secret, '\n')} end`],
    ['split by dashes', `key ${pieces(secret, '-')} end`],
    ['split by runs of mixed separators', `key ${pieces(secret, ' ,\t- ')} end`],
    ['one character at a time', `key ${[...secret].join('.')} end`],
    ['reversed and split', `key ${pieces(reversed, ' ')} end`],
    ['base64 wrapped over lines', `key ${pieces(Buffer.from(`user:${secret}`).toString('base64'), '\n')} end`],
    ['base64url', `key ${Buffer.from(secret).toString('base64url')} end`],
  ])('%s', (_label, text) => {
    const out = redactor.redact(text);
    expect(out).toMatch(/^key .*\[REDACTED:secret\].* end$/s);
    expect(out).not.toContain(secret.slice(0, 8));
    expect(alnumOf(out)).not.toContain(alnumOf(secret));
    expect(alnumOf(out)).not.toContain(alnumOf(reversed));
    expect(alnumOf(out).toLowerCase()).not.toContain(hex);
  });

  it('replaces a split secret from its first character to its last, and nothing around it', () => {
    expect(redactor.redact(`a: ${pieces(secret, ' ')}, b`)).toBe('a: [REDACTED:secret], b');
    expect(redactor.redact(`${pieces(secret, '\n')}\nnext line`)).toBe('[REDACTED:secret]\nnext line');
  });

  it('knows a secret with separators of its own without them, and its pieces in another order are not it', () => {
    const r = createRedactor(['abcd-efgh-ijkl-mnop']);
    expect(r.redact('x abcdefghijklmnop y')).toBe('x [REDACTED:secret] y');
    expect(r.redact('x mnop ijkl efgh abcd y')).toBe('x mnop ijkl efgh abcd y');
  });

  it('keeps ordinary prose and code that merely share letters with a secret', () => {
    const text = [
      'Fixed the export: `exportCsv()` now returns rows (see src/export.js, lines 12-40).',
      'The tests in test/export.test.js pass; hex 0xdeadbeef, base64 aGVsbG8=, a UUID 123e4567-e89b-12d3-a456-426614174000.',
    ].join('\n');
    expect(redactor.redact(text)).toBe(text);
  });

  it('matches short values only as written: their letters turn up across words by chance', () => {
    const r = createRedactor(['ab12cd']);
    expect(r.redact('ab12cd and dc21ba')).toBe('[REDACTED:secret] and [REDACTED:secret]');
    expect(r.redact('tab 12 cd')).toBe('tab 12 cd');
  });

  it('learn() adds values, in every encoding too', () => {
    const r = createRedactor([]);
    r.learn(['late-secret-value-42']);
    expect(r.redact('24-eulav-terces-etal')).toBe('[REDACTED:secret]');
    expect(r.redact('late secr etva lue4 2')).toBe('[REDACTED:secret]');
  });
});

const alnumOf = (s: string) => s.replace(/[^A-Za-z0-9]/g, '');

describe('scrubEnv', () => {
  const env = {
    PATH: '/usr/bin',
    HOME: '/home/runner',
    LANG: 'C.UTF-8',
    CI: 'true',
    GITHUB_REPOSITORY: 'acme/app',
    GITHUB_WORKSPACE: 'w',
    RUNNER_TEMP: 't',
    GIT_AUTHOR_NAME: 'factory',
    NODE_OPTIONS: '--max-old-space-size=4096',
    GITHUB_TOKEN: 'x',
    GH_TOKEN: 'x',
    ANTHROPIC_API_KEY: 'x',
    'INPUT_GITHUB-TOKEN': 'x',
    'INPUT_SENTRY-DSN': 'x',
    SENTRY_DSN: 'x',
    SENTRY_AUTH_TOKEN: 'x',
    NPM_CONFIG__AUTH: 'x',
    DB_PASSWORD: 'x',
    SMTP_PASS: 'x',
    GOOGLE_APPLICATION_CREDENTIALS: 'x',
    CLIENT_SECRET: 'x',
    SSH_PRIVATE_KEY: 'x',
    ACTIONS_RUNTIME_TOKEN: 'x',
    ACTIONS_RUNTIME_URL: 'x',
    ACTIONS_ID_TOKEN_REQUEST_URL: 'x',
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'x',
    INNOCENT_LOOKING: `prefix ${ghp}`,
    UNSET: undefined,
  };

  it('keeps ordinary variables and drops secret-looking ones', () => {
    expect(scrubEnv(env)).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/runner',
      LANG: 'C.UTF-8',
      CI: 'true',
      GITHUB_REPOSITORY: 'acme/app',
      GITHUB_WORKSPACE: 'w',
      RUNNER_TEMP: 't',
      GIT_AUTHOR_NAME: 'factory',
      NODE_OPTIONS: '--max-old-space-size=4096',
    });
    expect(env.GITHUB_TOKEN).toBe('x');
  });

  it('keeps allowlisted names', () => {
    const out = scrubEnv(env, ['GH_TOKEN']);
    expect(out.GH_TOKEN).toBe('x');
    expect(out.GITHUB_TOKEN).toBeUndefined();
  });

  it('isSecretEnv looks at names and values', () => {
    expect(isSecretEnv('PATH', '/bin')).toBe(false);
    expect(isSecretEnv('MY_AUTH_HEADER')).toBe(true);
    expect(isSecretEnv('NOTES', `see ${slack}`)).toBe(true);
  });
});
