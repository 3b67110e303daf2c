import type { AutomationDeps } from '../automation/types';
import { openGit, pushRefusal, type GitPort, type PushRules } from '../git';
import type { Comment, GitHubReader, GitHubWriter, PullRequest, ReviewThreadComment } from '../github/types';
import type { PolicyFacts } from '../policy/context';
import type { Intent } from '../policy/intents';
import type { PolicyResult } from '../policy/policy';
import type { SplitWrite, WriteMethod } from './artifact';

/**
 * The agent job's side of split mode: a GitHub writer and a git push that record instead of
 * writing. The automation runs unchanged; what it would have written (its intents applied, and
 * code's own writes: labels, claims, counters, comments, pushes, the pull request) lands in
 * `writes`, in order, for the apply job. Creating writes answer with a placeholder: a negative
 * number (`ref`) that later writes may name and the apply job maps to the real one.
 */

/** A write the recording writer cannot stand in for: that automation does not run split. */
export class SplitUnsupportedError extends Error {
  override readonly name = 'SplitUnsupportedError';
  constructor(method: string) {
    super(`${method} cannot be recorded for the apply job: this automation does not run in split mode`);
  }
}

/** One agent step's intents, verdicts and the facts policy saw (runAgentStep calls it). */
export interface IntentLog {
  record(step: { facts: PolicyFacts; intents: Intent[]; verdicts: PolicyResult }): void;
}

export interface Recording {
  readonly writes: SplitWrite[];
  readonly steps: { facts: PolicyFacts; intents: Intent[]; verdicts: PolicyResult }[];
}

export interface RecorderOptions {
  reader: GitHubReader;
  /** The factory's own login: the author of what the writer would create. */
  botLogin: string;
  now(): Date;
}

export interface Recorder extends Recording {
  writer: GitHubWriter;
  intentLog: IntentLog;
  /** Wraps a GitPort so that `push` is recorded (everything else, local commits included, is real). */
  git(port: GitPort, rules: PushRules): GitPort;
}

export function createRecorder(opts: RecorderOptions): Recorder {
  const writes: SplitWrite[] = [];
  const steps: Recording['steps'] = [];
  const pushed = new Map<string, string>();
  let last = 0;
  const nextRef = (): number => --last;
  const when = (): string => opts.now().toISOString();
  const bot = { login: opts.botLogin, type: 'Bot' };
  const comment = (id: number, body: string): Comment => ({
    id,
    nodeId: '',
    body,
    author: bot,
    authorAssociation: 'NONE',
    createdAt: when(),
    updatedAt: when(),
    url: '',
  });
  const repoFullName = `${opts.reader.repo.owner}/${opts.reader.repo.repo}`;
  const unsupported = (method: string) => async (): Promise<never> => {
    throw new SplitUnsupportedError(method);
  };

  const writer: GitHubWriter = {
    repo: { ...opts.reader.repo },
    ensureLabels: unsupported('ensureLabels'),
    createIssue: unsupported('createIssue'),
    updateIssue: unsupported('updateIssue'),
    addSubIssue: unsupported('addSubIssue'),
    createReview: unsupported('createReview'),
    createCheckRun: unsupported('createCheckRun'),
    updateBranch: unsupported('updateBranch'),
    enableAutoMerge: unsupported('enableAutoMerge'),
    disableAutoMerge: unsupported('disableAutoMerge'),
    mergePullRequest: unsupported('mergePullRequest'),
    enqueuePullRequest: unsupported('enqueuePullRequest'),
    async addLabels(issue, labels) {
      if (labels.length > 0) writes.push({ method: 'addLabels', issue, labels: [...labels] });
    },
    async removeLabel(issue, label) {
      writes.push({ method: 'removeLabel', issue, label });
    },
    async createComment(issue, body) {
      const ref = nextRef();
      writes.push({ method: 'createComment', issue, body, ref });
      return comment(ref, body);
    },
    async updateComment(commentId, body) {
      writes.push({ method: 'updateComment', commentId, body });
      return comment(commentId, body);
    },
    async upsertComment(issue, marker, body, author, known) {
      const ref = nextRef();
      const existing =
        known !== undefined ? (known ?? undefined) : issue > 0 ? await opts.reader.findCommentByMarker(issue, marker, author) : undefined;
      writes.push({ method: 'upsertComment', issue, marker: { ...marker }, body, ref });
      return { comment: comment(existing?.id ?? ref, body), created: !existing, changed: true };
    },
    async createPullRequest(input) {
      const ref = nextRef();
      writes.push({
        method: 'createPullRequest',
        title: input.title,
        body: input.body,
        head: input.head,
        base: input.base,
        ...(input.draft !== undefined ? { draft: input.draft } : {}),
        ref,
      });
      return placeholderPull(ref, input, pushed.get(input.head) ?? '', repoFullName, bot, when());
    },
    async updatePullRequest(pr, input) {
      writes.push({ method: 'updatePullRequest', pr, ...input });
      const current =
        pr > 0
          ? await opts.reader.getPullRequest(pr)
          : placeholderPull(pr, { title: '', body: '', head: '', base: '' }, '', repoFullName, bot, when());
      return {
        ...current,
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.body !== undefined ? { body: input.body } : {}),
        ...(input.state ? { state: input.state } : {}),
      };
    },
    async replyToReviewThread(threadId, body): Promise<ReviewThreadComment> {
      const ref = nextRef();
      writes.push({ method: 'replyToReviewThread', threadId, body });
      return { id: '', databaseId: ref, body, author: bot, authorAssociation: 'NONE', createdAt: when(), url: '' };
    },
    async resolveReviewThread(threadId) {
      writes.push({ method: 'resolveReviewThread', threadId });
    },
    async requestReviewers(pr, reviewers) {
      if (reviewers.length > 0) writes.push({ method: 'requestReviewers', pr, reviewers: [...reviewers] });
    },
    async dispatchWorkflow(workflow, ref, inputs) {
      writes.push({ method: 'dispatchWorkflow', workflow, ref, ...(inputs ? { inputs: { ...inputs } } : {}) });
    },
    async addReaction(target, content) {
      writes.push({ method: 'addReaction', target: { ...target }, content });
    },
  };

  const git = (port: GitPort, rules: PushRules): GitPort => ({
    // Everything is real (fetch, checkout, commits) except the push: the commit stays local
    // and lands in the bundle. The push is held to the same branch rules as a real one.
    root: port.root,
    headSha: () => port.headSha(),
    currentBranch: () => port.currentBranch(),
    branchExists: async (name, where) => (where === 'remote' && pushed.has(name)) || port.branchExists(name, where),
    checkoutNewBranch: (name, from) => port.checkoutNewBranch(name, from),
    checkout: (name) => port.checkout(name),
    fetch: (ref) => port.fetch(ref),
    pendingChanges: () => port.pendingChanges(),
    changedFiles: (b) => port.changedFiles(b),
    diff: (b, o) => port.diff(b, o),
    commitAll: (message, o) => port.commitAll(message, o),
    mergeBase: (b, o) => port.mergeBase(b, o),
    resetHard: (ref) => port.resetHard(ref),
    async push(branch, pushOpts = {}) {
      const refusal = pushRefusal(branch, rules);
      if (refusal) throw refusal;
      if ((await port.currentBranch()) !== branch)
        throw new Error(`split mode records pushes of the checked-out branch only, not ${branch}`);
      const sha = await port.headSha();
      const before = pushed.get(branch);
      pushed.set(branch, sha);
      writes.push({ method: 'push', branch, sha, forceWithLease: pushOpts.forceWithLease ?? false });
      return { pushed: before !== sha, sha };
    },
  });

  return {
    writer,
    writes,
    steps,
    intentLog: { record: (step) => steps.push({ facts: step.facts, intents: [...step.intents], verdicts: step.verdicts }) },
    git,
  };
}

function placeholderPull(
  ref: number,
  input: { title: string; body: string; head: string; base: string; draft?: boolean },
  headSha: string,
  repoFullName: string,
  author: { login: string; type: string },
  at: string,
): PullRequest {
  return {
    number: ref,
    nodeId: '',
    id: ref,
    title: input.title,
    body: input.body,
    state: 'open',
    draft: input.draft ?? false,
    merged: false,
    labels: [],
    author,
    authorAssociation: 'NONE',
    head: { ref: input.head, sha: headSha, repoFullName },
    base: { ref: input.base, sha: '' },
    url: '',
    createdAt: at,
    updatedAt: at,
  };
}

/** Methods whose calls the recorder records (the rest throw SplitUnsupportedError). */
export const RECORDED_METHODS: readonly WriteMethod[] = [
  'addLabels',
  'removeLabel',
  'createComment',
  'updateComment',
  'upsertComment',
  'createPullRequest',
  'updatePullRequest',
  'replyToReviewThread',
  'resolveReviewThread',
  'requestReviewers',
  'dispatchWorkflow',
  'addReaction',
  'push',
];

/**
 * The automation's dependencies for the agent job: the recording writer, git whose pushes are
 * recorded, and the intent log. Reads go to GitHub with the job's read-only token.
 */
export function recordingDeps(deps: AutomationDeps, recorder: Recorder, defaultBranch: string): AutomationDeps {
  const base =
    deps.git ?? ((o?: { extraBranches?: string[] }) => openGit({ root: deps.workspace, defaultBranch, env: deps.env, ...(o ?? {}) }));
  return {
    ...deps,
    github: { reader: deps.github.reader, writer: recorder.writer },
    git: (o) => recorder.git(base(o), { defaultBranch, ...(o?.extraBranches ? { extraBranches: o.extraBranches } : {}) }),
    intentLog: recorder.intentLog,
  };
}
