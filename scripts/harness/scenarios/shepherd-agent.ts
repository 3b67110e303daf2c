import type { FactorySandbox } from '..';
import { pushBranch, sandboxGraphql } from '@software-factory/github-sandbox/testkit';
import type { MessagesRequest, ScenarioFunction, ScriptedTurn } from '@software-factory/model-sandbox';
import { withMarker } from '../../../actions/shared/github/markers';
import type { ShepherdContext, ShepherdPr } from '../../../actions/pr-shepherd/src/types';
import { SAMPLE_BUG, SAMPLE_TEST_COMMAND } from '../sample-product';
import { assistantTurns, fencedAfter, fileFromReadResult, firstUserText, systemText, toolExchanges, toolNames } from './conversation';

/**
 * The pr-shepherd's model-driven steps on the sandbox: scripted models for conflict resolution and
 * the second look, and what the tests and the demo need around them (a pull request as the
 * shepherd's sweep sees it, the run's context, a pull request that conflicts with main).
 */

// ---------------------------------------------------------------------------------------------
// Conflicts

/** The conflicted files the factory lists in its first message (conflicts.ts conflictMessage). */
export function conflictedFilesInMessage(text: string): string[] {
  const start = text.indexOf('The merge stopped on conflicts in these files:');
  if (start < 0) return [];
  const out: string[] = [];
  for (const line of text.slice(start).split('\n').slice(1)) {
    if (line.trim() === '') {
      if (out.length) break;
      continue;
    }
    const m = /^- `(.+)`$/.exec(line);
    if (!m) break;
    out.push(m[1]!);
  }
  return out;
}

/** Resolve every conflict of a file by keeping both sides, the pull request's first (a diff3 base section is dropped). */
export function keepBothSides(content: string): string {
  const out: string[] = [];
  let side: 'none' | 'ours' | 'base' | 'theirs' = 'none';
  for (const line of content.split('\n')) {
    if (/^<{7}( |$)/.test(line)) side = 'ours';
    else if (/^\|{7}( |$)/.test(line) && side === 'ours') side = 'base';
    else if (/^={7}$/.test(line) && (side === 'ours' || side === 'base')) side = 'theirs';
    else if (/^>{7}( |$)/.test(line) && side === 'theirs') side = 'none';
    else if (side !== 'base') out.push(line);
  }
  return out.join('\n');
}

/**
 * A conflict resolver: reads every conflicted file, writes it back with both sides kept (or, with
 * `resolve: false`, leaves the markers where they are), runs the tests, and ends.
 */
export function shepherdConflictsScenario(opts: { resolve?: boolean } = {}): ScenarioFunction {
  const resolve = opts.resolve ?? true;
  return (req: MessagesRequest): ScriptedTurn => {
    const files = conflictedFilesInMessage(firstUserText(req));
    switch (assistantTurns(req)) {
      case 0:
        return files.length
          ? { text: 'Reading the conflicted files.', toolCalls: files.map((path) => ({ name: 'read_file', input: { path } })) }
          : { text: 'No conflicted files.' };
      case 1: {
        if (!resolve)
          return { text: 'Looking at the conflicts.', toolCalls: [{ name: 'run_command', input: { command: SAMPLE_TEST_COMMAND } }] };
        const calls = toolExchanges(req).flatMap((x) => {
          const content = x.name === 'read_file' && !x.isError ? fileFromReadResult(x.result) : undefined;
          return content === undefined
            ? []
            : [{ name: 'write_file', input: { path: String(x.input.path), content: keepBothSides(content) } }];
        });
        return { text: 'Keeping both sides of each conflict.', toolCalls: calls };
      }
      case 2:
        return resolve
          ? { toolCalls: [{ name: 'run_command', input: { command: SAMPLE_TEST_COMMAND } }] }
          : { text: 'I could not resolve them.' };
      default:
        return { text: `Resolved ${files.length} conflicted file(s); the tests pass.` };
    }
  };
}

// ---------------------------------------------------------------------------------------------
// Second look

/** The "Why" of the first escalation note the factory gave the model. */
function escalationWhy(text: string): string {
  const at = text.indexOf('## Why a person was asked');
  const note = at < 0 ? undefined : fencedAfter(text, at);
  const why = note ? /\*\*Why:\*\*\s*(.+)/.exec(note)?.[1] : undefined;
  return (why ?? 'the escalation gives no reason').trim();
}

/**
 * A careful second look: when the history shows the sample's failing discount test and the branch
 * is checked out, it fixes the discount, runs the tests and reports "fixed"; otherwise it changes
 * nothing and confirms, summarising the escalation for the person.
 */
export function shepherdSecondLookScenario(): ScenarioFunction {
  return (req: MessagesRequest): ScriptedTurn => {
    const text = firstUserText(req);
    const canFix = toolNames(req).includes('edit_file') && text.includes('applies a percentage discount');
    const turn = assistantTurns(req);
    const { fix } = SAMPLE_BUG;
    if (canFix) {
      switch (turn) {
        case 0:
          return {
            text: 'The escalation is the failing discount test; reading the code.',
            toolCalls: [{ name: 'read_file', input: { path: fix.path } }],
          };
        case 1:
          return { toolCalls: [{ name: 'edit_file', input: { path: fix.path, oldString: fix.oldString, newString: fix.newString } }] };
        case 2:
          return { toolCalls: [{ name: 'run_command', input: { command: SAMPLE_TEST_COMMAND } }] };
        case 3:
          return {
            toolCalls: [
              {
                name: 'second_look',
                input: {
                  outcome: 'fixed',
                  summary: 'The discount was subtracted as an amount; it is now applied as a percentage, and the test suite passes.',
                },
              },
            ],
          };
        default:
          return { text: 'Fixed the discount; the factory can take it from here.' };
      }
    }
    if (turn === 0) {
      const why = escalationWhy(text);
      return {
        toolCalls: [
          {
            name: 'second_look',
            input: {
              outcome: 'confirm',
              summary: `Nothing the factory can fix: ${why}`,
              blocked: why,
              tried: 'The factory built the change and reviewed it; the history holds no fix it could make without a decision.',
              decision: 'Decide which behaviour is right, then update the spec or the change and remove factory:needs-human.',
            },
          },
        ],
      };
    }
    return { text: 'Confirmed: a person must decide.' };
  };
}

/**
 * One model for a whole shepherd run: the conflict resolver for conflicts, the careful second look
 * for needs-human pull requests (told apart by the system prompt each step sends).
 */
export function shepherdAgentScenario(opts: { resolve?: boolean } = {}): ScenarioFunction {
  const conflicts = shepherdConflictsScenario(opts);
  const look = shepherdSecondLookScenario();
  return (req, ctx) => {
    const system = systemText(req);
    if (system.includes('conflict resolver')) return conflicts(req, ctx);
    if (system.includes('second look')) return look(req, ctx);
    return { text: 'Nothing to change.' };
  };
}

// ---------------------------------------------------------------------------------------------
// The sandbox around the steps

/** The kind of the shepherd's markers (`<!-- factory:pr-shepherd:STEP -->`): the automation's name. */
const SHEPHERD_KIND = 'pr-shepherd';

const STATE_QUERY = `query($owner: String!, $name: String!, $number: Int!) {
  repository(owner: $owner, name: $name) { pullRequest(number: $number) { mergeable mergeStateStatus isCrossRepository } }
}`;

/** A pull request as the shepherd's sweep sees it, read from the sandbox (REST, and GraphQL for the mergeable state). */
export async function shepherdPrOf(sandbox: FactorySandbox, number: number, overrides: Partial<ShepherdPr> = {}): Promise<ShepherdPr> {
  const { reader } = sandbox.client();
  const pr = await reader.getPullRequest(number);
  const comments = await reader.listComments(number);
  const gql = sandboxGraphql(sandbox.github);
  const { owner, repo } = sandbox.repo;
  const state = await gql<{
    repository: { pullRequest: { mergeable: ShepherdPr['mergeable']; mergeStateStatus: string; isCrossRepository: boolean } };
  }>(STATE_QUERY, { owner, name: repo, number });
  const fixes = [...pr.body.matchAll(/\bfixes #(\d+)/gi)].map((m) => Number(m[1]));
  return {
    number,
    nodeId: pr.nodeId,
    title: pr.title,
    url: pr.url,
    author: pr.author.login,
    isDraft: pr.draft,
    isFork: state.repository.pullRequest.isCrossRepository,
    head: { ref: pr.head.ref, oid: pr.head.sha },
    base: { ref: pr.base.ref, oid: pr.base.sha },
    labels: pr.labels,
    mergeable: state.repository.pullRequest.mergeable,
    mergeStateStatus: state.repository.pullRequest.mergeStateStatus,
    checks: { state: null, failing: [], pending: [] },
    createdAt: pr.createdAt,
    updatedAt: pr.updatedAt,
    lastComments: comments
      .slice(-15)
      .map((c) => ({ id: c.id, author: c.author.login, body: c.body, createdAt: c.createdAt, updatedAt: c.updatedAt })),
    closingIssues: fixes,
    ...overrides,
  };
}

/** The run's context as the shepherd's run builds it. */
export function shepherdContextFor(sandbox: FactorySandbox, overrides: Partial<ShepherdContext> = {}): ShepherdContext {
  return {
    now: new Date(),
    defaultBranch: 'main',
    botLogin: sandbox.config.trust.botLogin,
    settings: sandbox.config.shepherd,
    trigger: 'schedule',
    markerKind: SHEPHERD_KIND,
    mark: (body, step) => withMarker(body, { kind: SHEPHERD_KIND, key: step }),
    ...overrides,
  };
}

/**
 * A factory pull request whose branch and main both changed `path` since the branch left main: it
 * conflicts. `branchFiles` may carry more of the branch's changes (e.g. the sample's discount fix,
 * so that its tests pass). Returns the pull request's number and its head.
 */
export async function conflictingFactoryPr(
  sandbox: FactorySandbox,
  input: { branch: string; path: string; ours: string; theirs: string; branchFiles?: Record<string, string>; labels?: string[] },
): Promise<{ number: number; headSha: string; mainSha: string }> {
  const { owner, repo } = sandbox.repo;
  const headSha = await pushBranch(sandbox.github, owner, repo, {
    branch: input.branch,
    files: { [input.path]: input.ours, ...(input.branchFiles ?? {}) },
    message: `Change ${input.path}`,
  });
  const pr = await sandbox
    .client()
    .writer.createPullRequest({ title: `Change ${input.path}`, body: 'Made by the factory.', head: input.branch, base: 'main' });
  if (input.labels?.length) await sandbox.client().writer.addLabels(pr.number, input.labels);
  const mainSha = await pushBranch(sandbox.github, owner, repo, {
    branch: 'main',
    files: { [input.path]: input.theirs },
    message: `main: change ${input.path}`,
  });
  return { number: pr.number, headSha, mainSha };
}

/** The sample's discount fix applied to src/pricing.js (a branch that carries it passes `npm test`). */
export function fixedPricing(original: string): string {
  return original.replace(SAMPLE_BUG.fix.oldString, SAMPLE_BUG.fix.newString);
}
