import { pushBranch } from '@software-factory/github-sandbox/testkit';
import type { MessagesRequest } from '@software-factory/model-sandbox';
import { run } from '../../actions/pr-reviewer/src/run';
import { startFactorySandbox, type FactorySandbox } from '../harness';
import { pullRequestEvent, sandboxConfigText } from '../harness/scenarios/fixtures';
import { dimensionOf, scriptedReviewer } from '../harness/scenarios/reviewer';

/**
 * The pull-request reviewer on a large change: a factory pull request adding 3,000 lines of code
 * in six modules, reviewed once, then again after a push that rewrites 20 lines. Counts only
 * (tokens as the model sandbox counts them, requests the GitHub sandbox received), so the figures
 * are the same on every machine:
 * - inputTokensPerDimension: the largest input (uncached, cache reads and writes together) of any
 *   one dimension's model request in the first review, against review.tokenBudget;
 * - githubRequests: requests the GitHub sandbox received during the first review;
 * - incrementalShare: the re-review's input tokens divided by the first review's.
 */

export const REVIEWER_BENCH_LINES = 3000;
export const REVIEWER_BENCH_FILES = 6;
export const REVIEWER_BENCH_PUSH_LINES = 20;
export const REVIEWER_BENCH_BRANCH = 'factory/41-order-modules';

const DOMAINS = ['order', 'invoice', 'cart', 'shipment', 'refund', 'coupon'];
const FIELDS = ['quantity', 'unitPrice', 'weight', 'discount', 'taxRate', 'fee'];

/** One function of realistic TypeScript, ten lines with the blank line after it. */
function fn(domain: string, i: number): string[] {
  const field = FIELDS[i % FIELDS.length]!;
  const name = `${domain}${['Total', 'Weight', 'Savings', 'Tax', 'Fees', 'Score'][i % 6]}${i}`;
  return [
    `export function ${name}(items: readonly LineItem[], rate: number): number {`,
    `  let total = 0;`,
    `  for (const item of items) {`,
    `    if (item.${field} === undefined || item.quantity <= 0) continue;`,
    `    const amount = item.${field} * item.quantity * (1 + rate / ${100 + i});`,
    `    total += Math.round(amount * 100) / 100;`,
    `  }`,
    `  return total > ${i * 3} ? total : Math.max(0, total - ${i % 7});`,
    `}`,
    '',
  ];
}

/** A module of exactly `lines` lines: a header, then functions. */
export function benchModule(domain: string, lines: number, variant = 0): string {
  const out = [
    `import type { LineItem } from '../pricing';`,
    '',
    `/** ${domain} calculations for the checkout (revision ${variant}). */`,
    `export const ${domain.toUpperCase()}_VERSION = ${variant + 1};`,
    '',
  ];
  for (let i = 0; out.length < lines; i++) out.push(...fn(domain, i + variant * 1000));
  return `${out.slice(0, lines).join('\n')}\n`;
}

/** The pull request's files: `count` modules (default REVIEWER_BENCH_FILES), `lines` lines in all (default REVIEWER_BENCH_LINES). */
export function benchFiles(lines = REVIEWER_BENCH_LINES, count = REVIEWER_BENCH_FILES): Record<string, string> {
  const per = Math.ceil(lines / count);
  const out: Record<string, string> = {};
  for (let k = 0; k < count; k++) {
    const domain = DOMAINS[k % DOMAINS.length]!;
    const suffix = k < DOMAINS.length ? '' : String(Math.floor(k / DOMAINS.length));
    out[`src/${domain}s/${domain}${suffix}.ts`] = benchModule(domain, per, k);
  }
  return out;
}

/** The push: REVIEWER_BENCH_PUSH_LINES lines of one module rewritten. */
export function benchPush(files: Record<string, string>): Record<string, string> {
  const path = Object.keys(files).at(-1)!;
  const lines = files[path]!.split('\n');
  for (let i = 0; i < REVIEWER_BENCH_PUSH_LINES; i++)
    lines[100 + i * 10] = `  // reviewed: keep line ${100 + i * 10} in sync with the spec`;
  return { [path]: lines.join('\n') };
}

export interface ReviewerBenchReport {
  /** The largest input tokens of any one dimension's request in the first review. */
  inputTokensPerDimension: number;
  /** Per dimension: its request's input tokens in the first review. */
  inputTokensByDimension: Record<string, number>;
  /** Requests the GitHub sandbox received during the first review. */
  githubRequests: number;
  /** Input tokens of the re-review after the push / the first review's. */
  incrementalShare: number;
  /** review.tokenBudget: what each dimension's input should stay within. */
  budgetTokens: number;
  diffLines: number;
  pushLines: number;
}

type ModelRecord = FactorySandbox['model']['requests'][number];

function inputOf(r: ModelRecord): number {
  const u = r.usage;
  return u ? u.input_tokens + (u.cache_read_input_tokens ?? 0) + (u.cache_creation_input_tokens ?? 0) : 0;
}

function messages(sandbox: FactorySandbox, from = 0): ModelRecord[] {
  return sandbox.model.requests.slice(from).filter((r) => r.endpoint === 'messages' && r.status === 200);
}

/**
 * The first review of a pull request of `lines` added lines (default 3,000) and the re-review
 * after a 20-line push, on a fresh sandbox.
 */
export async function reviewerBench(options: { lines?: number; files?: number } = {}): Promise<ReviewerBenchReport> {
  const diffLines = options.lines ?? REVIEWER_BENCH_LINES;
  // Correctness reports one finding, so the re-review also judges an open thread.
  const finding = { path: 'src/orders/order.ts', line: 9, side: 'RIGHT', severity: 'minor', confidence: 0.9 };
  const scenario = scriptedReviewer({
    correctness: JSON.stringify({ findings: [{ ...finding, title: 'Zero quantity is skipped silently', body: 'Say why.' }] }),
  });
  const sandbox = await startFactorySandbox({ configText: sandboxConfigText(), scenario });
  try {
    const { owner, repo } = sandbox.repo;
    sandbox.github.state.setAssociation('sandbox-maintainer', 'MEMBER');
    const issue = sandbox.github.state.createIssue(owner, repo, {
      title: 'Split the checkout calculations into modules',
      body: 'Each domain gets its own module with its calculations.',
      user: 'sandbox-maintainer',
      labels: ['factory:pr-open'],
    });
    const files = benchFiles(diffLines, options.files);
    await pushBranch(sandbox.github, owner, repo, {
      branch: REVIEWER_BENCH_BRANCH,
      files,
      message: `Add the order modules (#${issue.number})`,
    });
    const pull = await sandbox.client().writer.createPullRequest({
      title: `Split the checkout calculations (#${issue.number})`,
      body: `Fixes #${issue.number}\n\nOne module per domain.`,
      head: REVIEWER_BENCH_BRANCH,
      base: 'main',
    });
    await sandbox.github.eventsDelivered();

    const review = async (action: 'opened' | 'synchronize') => {
      const result = await run(sandbox.deps('pr-reviewer'), { event: pullRequestEvent(sandbox, { pr: pull.number, action }) });
      if (result.outcome !== 'completed')
        throw new Error(`reviewer bench: the ${action} review ended ${result.outcome}: ${result.summary}`);
    };

    sandbox.github.resetRequests();
    const before = sandbox.model.requests.length;
    await review('opened');
    const githubRequests = sandbox.github.requests.length;
    const first = messages(sandbox, before);

    await pushBranch(sandbox.github, owner, repo, { branch: REVIEWER_BENCH_BRANCH, files: benchPush(files), message: 'Note the spec' });
    await sandbox.github.syncPushes();
    const middle = sandbox.model.requests.length;
    await review('synchronize');
    const second = messages(sandbox, middle);

    const byDimension: Record<string, number> = {};
    for (const r of first) {
      const d = dimensionOf(r.body as MessagesRequest) ?? 'unknown';
      byDimension[d] = Math.max(byDimension[d] ?? 0, inputOf(r));
    }
    const total = (rs: ModelRecord[]) => rs.reduce((n, r) => n + inputOf(r), 0);
    return {
      inputTokensPerDimension: Math.max(0, ...Object.values(byDimension)),
      inputTokensByDimension: byDimension,
      githubRequests,
      incrementalShare: Number((total(second) / total(first)).toFixed(4)),
      budgetTokens: sandbox.config.review.tokenBudget,
      diffLines,
      pushLines: REVIEWER_BENCH_PUSH_LINES,
    };
  } finally {
    await sandbox.close();
  }
}
