/**
 * Git's smart HTTP protocol in front of the bare repositories, as github.com serves it at
 * `https://github.com/OWNER/REPO.git`: `git clone`, `fetch` and `push` against `gh.gitUrl(...)`
 * run through `git http-backend`, with GitHub's authorisation. A token is sent as
 * `Authorization: basic base64(x-access-token:TOKEN)` (or `token TOKEN`); fetching needs
 * contents:read (anyone may fetch a public repository), pushing needs contents:write. Refusals
 * read as GitHub's: 401 asks for credentials, 403 says `Permission to OWNER/REPO.git denied to LOGIN.`
 */
import { spawn } from 'node:child_process';
import * as os from 'node:os';
import type { GitRemotes } from './git';
import { allows, GIT_PERMISSIONS, type TokenRegistry, tokenOf } from './permissions';
import type { SandboxState } from './state';

/** `/OWNER/REPO.git/info/refs`, `/OWNER/REPO.git/git-upload-pack`, `/OWNER/REPO.git/git-receive-pack`. */
export const GIT_HTTP_PATH = /^\/([^/]+)\/([^/]+?)\.git\/(info\/refs|git-upload-pack|git-receive-pack)$/;

export interface GitHttpRequest {
  method: string;
  pathname: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface GitHttpReply {
  status: number;
  headers: Record<string, string>;
  body: Buffer | string;
  /** Who the request acted as, when a token was presented. */
  actor?: string;
  service?: string;
}

export interface GitHttpDeps {
  state: SandboxState;
  git: GitRemotes;
  tokens: TokenRegistry;
}

const text = (status: number, body: string, headers: Record<string, string> = {}): GitHttpReply => ({
  status,
  headers: { 'content-type': 'text/plain; charset=utf-8', ...headers },
  body,
});

export async function serveGit(deps: GitHttpDeps, req: GitHttpRequest): Promise<GitHttpReply | undefined> {
  const m = GIT_HTTP_PATH.exec(req.pathname);
  if (!m) return undefined;
  const [, owner, name, tail] = m as unknown as [string, string, string, string];
  const service = tail === 'info/refs' ? (req.query.get('service') ?? '') : tail;
  if (service !== 'git-upload-pack' && service !== 'git-receive-pack') return text(403, 'Please upgrade your git client.\n');
  if ((tail === 'info/refs') !== (req.method === 'GET')) return text(405, 'Method Not Allowed\n');
  const repo = deps.state.findRepo(owner, name);
  if (!repo) return text(404, 'Repository not found.\n');

  const header = req.headers.authorization;
  const token = tokenOf(Array.isArray(header) ? header[0] : header);
  const who = token ? deps.tokens.lookup(token) : undefined;
  const anonymousRead = service === 'git-upload-pack' && !repo.private;
  if (!who && !anonymousRead) {
    return { ...text(401, 'Invalid username or token.\n', { 'www-authenticate': 'Basic realm="GitHub"' }), service };
  }
  if (who && !anonymousRead && !allows(who.permissions, GIT_PERMISSIONS[service])) {
    return { ...text(403, `Permission to ${repo.fullName}.git denied to ${who.login}.\n`), actor: who.login, service };
  }
  const reply = await httpBackend(deps.git, owner, name, tail, req, who?.login);
  return { ...reply, ...(who ? { actor: who.login } : {}), service };
}

function header(req: GitHttpRequest, name: string): string {
  const value = req.headers[name];
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
}

/** Runs `git http-backend` as a CGI program over the sandbox's data directory. */
function httpBackend(
  git: GitRemotes,
  owner: string,
  name: string,
  tail: string,
  req: GitHttpRequest,
  login: string | undefined,
): Promise<GitHttpReply> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '',
    HOME: os.tmpdir(),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: os.devNull,
    GIT_PROJECT_ROOT: git.dataDir,
    GIT_HTTP_EXPORT_ALL: '1',
    PATH_INFO: `/${owner}/${name}.git/${tail}`,
    QUERY_STRING: req.query.toString(),
    REQUEST_METHOD: req.method,
    CONTENT_TYPE: header(req, 'content-type'),
    CONTENT_LENGTH: String(req.body.length),
    HTTP_CONTENT_ENCODING: header(req, 'content-encoding'),
    GIT_PROTOCOL: header(req, 'git-protocol'),
    REMOTE_ADDR: '127.0.0.1',
    // http-backend enables receive-pack only for an authenticated user.
    ...(login ? { REMOTE_USER: login } : {}),
  };
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['-c', 'http.receivepack=true', 'http-backend'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', reject);
    child.stdin.on('error', () => undefined);
    child.on('close', (code) => {
      const raw = Buffer.concat(out);
      const split = raw.indexOf('\r\n\r\n');
      const lf = raw.indexOf('\n\n');
      const [end, skip] = split >= 0 && (lf < 0 || split < lf) ? [split, 4] : [lf, 2];
      if (end < 0) {
        resolve(text(500, `sandbox: git http-backend failed (exit ${code}): ${Buffer.concat(err).toString('utf8')}`));
        return;
      }
      const headers: Record<string, string> = {};
      let status = 200;
      for (const line of raw.subarray(0, end).toString('latin1').split(/\r?\n/)) {
        const colon = line.indexOf(':');
        if (colon < 0) continue;
        const key = line.slice(0, colon).trim().toLowerCase();
        const value = line.slice(colon + 1).trim();
        if (key === 'status') status = Number(value.split(' ')[0]) || 500;
        else headers[key] = value;
      }
      resolve({ status, headers, body: raw.subarray(end + skip) });
    });
    child.stdin.end(req.body);
  });
}
