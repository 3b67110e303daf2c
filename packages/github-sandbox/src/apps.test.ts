import { generateKeyPairSync, sign } from 'node:crypto';
import { startGitHubSandbox, type GitHubSandbox } from './index';

/** The sandbox takes an App's JWT only where GitHub does, and only when it verifies. */

const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
function jwt(claims: Record<string, unknown>, key = keys.privateKey): string {
  const unsigned = `${part({ alg: 'RS256', typ: 'JWT' })}.${part(claims)}`;
  return `${unsigned}.${sign('RSA-SHA256', Buffer.from(unsigned), key).toString('base64url')}`;
}
const now = () => Math.floor(Date.now() / 1000);

let gh: GitHubSandbox;
beforeAll(async () => {
  gh = await startGitHubSandbox({
    repos: [
      { owner: 'acme', repo: 'app' },
      { owner: 'acme', repo: 'other' },
    ],
    apps: [
      {
        id: 7,
        slug: 'factory',
        publicKey: keys.publicKey,
        installations: [{ repo: 'acme/app', permissions: { contents: 'write', metadata: 'read' } }],
      },
    ],
  });
});
afterAll(async () => {
  expect(gh.violations).toEqual([]);
  await gh.close();
});

async function get(path: string, token: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${gh.url}${path}`, { headers: { authorization: `Bearer ${token}`, accept: 'application/vnd.github+json' } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

test("a valid JWT reads the App's installation on a repository, as GitHub renders it; another repository is 404", async () => {
  const ok = await get('/repos/acme/app/installation', jwt({ iat: now() - 60, exp: now() + 540, iss: 7 }));
  expect(ok).toMatchObject({ status: 200, body: { app_id: 7, app_slug: 'factory', permissions: { contents: 'write', metadata: 'read' } } });
  expect((await get('/repos/acme/other/installation', jwt({ iat: now() - 60, exp: now() + 540, iss: '7' }))).status).toBe(404);
});

test('a wrong signature, an unknown iss, an expired or too long-lived JWT are 401', async () => {
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const cases = [
    jwt({ iat: now() - 60, exp: now() + 540, iss: 7 }, other),
    jwt({ iat: now() - 60, exp: now() + 540, iss: 8 }),
    jwt({ iat: now() - 1200, exp: now() - 600, iss: 7 }),
    jwt({ iat: now() - 60, exp: now() + 3600, iss: 7 }),
  ];
  const statuses = await Promise.all(cases.map(async (t) => (await get('/repos/acme/app/installation', t)).status));
  expect(statuses).toEqual([401, 401, 401, 401]);
});

test("a JWT is refused on an installation's endpoints, and an installation token on the App's", async () => {
  expect((await get('/repos/acme/app', jwt({ iat: now() - 60, exp: now() + 540, iss: 7 }))).status).toBe(401);
  const token = gh.mintToken({ login: 'factory[bot]', permissions: { contents: 'write' } });
  expect((await get('/repos/acme/app/installation', token)).status).toBe(401);
});
