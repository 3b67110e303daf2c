/**
 * The GitHub sandbox: a stateful server on loopback that speaks GitHub's REST and GraphQL APIs
 * (held to the official OpenAPI description and GraphQL schema), backed by real bare git
 * repositories, so the real Octokit clients run against it unmodified via `baseUrl`.
 *
 *   const gh = await startGitHubSandbox({ repos: [{ owner: 'acme', repo: 'app', files: { 'README.md': '# app' } }] });
 *   const octokit = new MyOctokit({ auth: 'token x', baseUrl: gh.url });
 *   ...
 *   await gh.close();
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { type Clock, systemClock } from './types';
import type { ContractViolation } from './contract';
import { FaultInjector } from './faults';
import { GitRemotes } from './git';
import { type MintTokenOptions, TokenRegistry } from './permissions';
import { createHandler, type RecordedRequest } from './server';
import { AppRegistry, type AppRecord, type SeedApp } from './apps';
import { type MergeQueueSettings, type SeedLabel, SandboxState, type WorkflowRunRecord } from './state';
import { type DeliveredEvent, EventBus, type EventListener, type ListenerError } from './events';
import { WebhookEmitter } from './webhooks';
import { settleMerges } from './merge-queue';

export { OpenApiContract, type ContractViolation } from './contract';
export { FaultInjector, type FaultSpec, refusedUrl, SECONDARY_RATE_LIMIT_MESSAGE, UNRESOLVABLE_URL } from './faults';
export { GitRemotes, runGit } from './git';
export { githubSchema } from './graphql';
export { decodeNodeId, nodeId } from './ids';
export { type DeliveredEvent, type EventCause, type EventListener, type ListenerError } from './events';
export { hookShape, INSTALLATION } from './webhooks';
export { closingReferences, ruleRefusal } from './merge';
export { zipFiles } from './zip';
export { MERGE_QUEUE_BRANCH_PREFIX, MERGE_QUEUE_LOGIN, MERGE_QUEUE_REQUIRED, entryOf, positionOf, queueOf } from './merge-queue';
export {
  FORBIDDEN_MESSAGE,
  GITHUB_ACTIONS_LOGIN,
  PERMISSIONS,
  type TokenKind,
  type Access,
  type MintTokenOptions,
  type PermissionName,
  type TokenPermissions,
} from './permissions';
export { parseSearchQuery, type SearchQuery } from './rest/search';
export { type AppPermissions, type AppRecord, type InstallationRecord, type SeedApp } from './apps';
export type { RecordedRequest } from './server';
export * from './state';

export interface SeedRepo {
  owner: string;
  repo: string;
  /** Default `main`. */
  defaultBranch?: string;
  private?: boolean;
  /** Content of the initial commit on the default branch. */
  files?: Record<string, string>;
  labels?: SeedLabel[];
  /** The repository's "Allow auto-merge" setting (GitHub's default: off). */
  allowAutoMerge?: boolean;
  /** Names of the repository's Actions secrets (listed by name, as GitHub does; no values). */
  secretNames?: string[];
  /** Settings -> Actions -> Workflow permissions (GitHub's default: read, Actions may not create or approve pull requests). */
  workflowPermissions?: { defaultAccess?: 'read' | 'write'; canApprovePullRequestReviews?: boolean };
  /** Rules of the default branch (or `branch`): required check names and approving reviews before a merge. */
  protection?: {
    branch?: string;
    requiredChecks?: string[];
    requiredApprovingReviewCount?: number;
    /** A `merge_queue` rule: pull requests merge through the branch's merge queue (`true`: GitHub's default settings). */
    mergeQueue?: boolean | Partial<MergeQueueSettings>;
  };
}

export interface StartOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  repos?: SeedRepo[];
  /** Hold requests and responses to GitHub's contract. Default true. */
  validate?: boolean;
  /** Where the bare repositories live; default a fresh temp dir, removed on close. */
  dataDir?: string;
  /** Source of timestamps (created_at, ...). Default the system clock. */
  clock?: Clock;
  /** Login of the authenticated user. Default `factory-bot[bot]`. */
  viewer?: string;
  /** GitHub Apps (id and public key) and their installations: their JWTs are accepted where GitHub takes one. */
  apps?: SeedApp[];
}

export interface GitHubSandbox {
  /** REST base URL, e.g. http://127.0.0.1:PORT (pass as Octokit `baseUrl`). */
  url: string;
  /** `url + '/graphql'` */
  graphqlUrl: string;
  state: SandboxState;
  faults: FaultInjector;
  /** Every request, in arrival order, faulted ones included. */
  requests: RecordedRequest[];
  /** Requests or responses that broke GitHub's contract (unknown endpoints, bad bodies, sandbox drift). */
  violations: ContractViolation[];
  resetRequests(): void;
  /** Path of the bare repository (a real `git push` to it works, with no authorisation at all). */
  gitRemotePath(owner: string, repo: string): string;
  /**
   * The repository over git's smart HTTP, as `https://github.com/OWNER/REPO.git` serves it:
   * fetching needs contents:read (public repositories: anyone), pushing contents:write.
   */
  gitUrl(owner: string, repo: string): string;
  /**
   * A token with these permissions (each `none`, `read` or `write`; a permission left out is
   * `none`), acting as `login` (default the viewer). A request beyond them gets GitHub's 403
   * `Resource not accessible by integration`. Tokens not minted here may do everything, as the viewer.
   */
  mintToken(opts?: MintTokenOptions): string;
  /**
   * Every webhook event the sandbox emitted, in order: what GitHub would deliver for each change made
   * through the REST and GraphQL APIs and the git remote (`sender` the token's identity).
   */
  events: DeliveredEvent[];
  /** Call `listener` with every event from now on, after the change, in order. Returns the unsubscribe. */
  onEvent(listener: EventListener): () => void;
  /** Listener calls that threw or rejected (never thrown into the API request that caused the event). */
  listenerErrors: ListenerError[];
  /** Resolves once every listener call for the events emitted so far has settled. */
  eventsDelivered(): Promise<void>;
  /** Emit push events for refs moved outside the API (a `git push` straight to gitRemotePath), as the repository's owner. */
  syncPushes(): Promise<void>;
  /**
   * Complete a recorded workflow run as GitHub does when its last job ends: the run and its jobs get
   * `conclusion`, each job its check run, and check_run, check_suite and workflow_run `completed` are emitted.
   */
  completeWorkflowRun(runId: number, conclusion?: NonNullable<WorkflowRunRecord['conclusion']>): Promise<WorkflowRunRecord>;
  /** Seed another repository after start. */
  addRepo(seed: SeedRepo): Promise<void>;
  /** Register a GitHub App (its id and public key) and its installations after start. */
  addApp(seed: SeedApp): AppRecord;
  close(): Promise<void>;
}

export async function startGitHubSandbox(opts: StartOptions = {}): Promise<GitHubSandbox> {
  const clock = opts.clock ?? systemClock;
  const ownsDataDir = opts.dataDir === undefined;
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'github-sandbox-'));
  const state = new SandboxState(clock);
  if (opts.viewer) state.viewer = opts.viewer;
  state.user(state.viewer);
  const git = new GitRemotes(dataDir);
  const faults = new FaultInjector();
  const tokens = new TokenRegistry(state);
  const apps = new AppRegistry(state);
  for (const seed of opts.apps ?? []) apps.add(seed);
  const bus = new EventBus(() => state.now());
  const webhooks = new WebhookEmitter({ state, git, bus, api: () => base });
  const requests: RecordedRequest[] = [];
  const violations: ContractViolation[] = [];
  let base = '';

  const addRepo = async (seed: SeedRepo): Promise<void> => {
    const record = state.addRepo(seed);
    if (seed.protection) state.protectBranch(seed.owner, seed.repo, seed.protection);
    await git.init(seed.owner, seed.repo, record.defaultBranch, seed.files, clock.now());
    await webhooks.prime(record);
  };

  const server = http.createServer(
    createHandler({
      state,
      git,
      faults,
      clock,
      validate: opts.validate ?? true,
      requests,
      violations,
      tokens,
      api: () => base,
      webhooks,
      apps,
    }),
  );
  try {
    for (const seed of opts.repos ?? []) await addRepo(seed);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
    });
  } catch (error) {
    if (ownsDataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  let closed: Promise<void> | undefined;
  return {
    url: base,
    graphqlUrl: `${base}/graphql`,
    state,
    faults,
    requests,
    violations,
    resetRequests: () => {
      requests.length = 0;
    },
    gitRemotePath: (owner, repo) => git.path(owner, repo),
    gitUrl: (owner, repo) => `${base}/${owner}/${repo}.git`,
    mintToken: (mint) => tokens.mint(mint),
    addApp: (seed) => apps.add(seed),
    events: bus.events,
    onEvent: (listener) => bus.onEvent(listener),
    listenerErrors: bus.listenerErrors,
    eventsDelivered: () => bus.idle(),
    syncPushes: () => webhooks.syncPushes(),
    completeWorkflowRun: (runId, conclusion = 'success') => {
      const run = state.workflowRuns.find((r) => r.id === runId);
      if (!run) return Promise.reject(new Error(`sandbox: no workflow run ${runId}`));
      return webhooks.observe({ kind: 'github', login: run.actor }, true, async () => {
        if (run.status === 'completed') return run;
        const [owner, repo] = run.repo.split('/') as [string, string];
        const now = state.now();
        Object.assign(run, { status: 'completed', conclusion, updatedAt: now });
        for (const job of state.jobs.filter((j) => j.runId === run.id && j.status !== 'completed')) {
          const jobConclusion = conclusion === 'stale' ? 'cancelled' : conclusion;
          Object.assign(job, { status: 'completed', conclusion: jobConclusion, completedAt: now });
          state.addCheckRun(owner, repo, { name: job.name, headSha: run.headSha, status: 'completed', conclusion: jobConclusion });
        }
        await settleMerges({ state, git }, state.requireRepo(owner, repo));
        return run;
      });
    },
    addRepo,
    close: () => {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }).then(() => {
        if (ownsDataDir) fs.rmSync(dataDir, { recursive: true, force: true });
      });
      return closed;
    },
  };
}
export { systemClock, type Clock, type AuthorAssociation } from './types';
