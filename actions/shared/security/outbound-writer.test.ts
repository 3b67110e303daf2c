import type { GitHubWriter } from '../github/types';
import { allowedHostsFor } from './outbound';
import { OutboundRefusalError, outboundWriter } from './outbound-writer';
import { createRedactor } from './redact';

const SECRET = 'Kx7pQ2mZ9vR4tW8y';

/** Records what reaches GitHub; frozen, as the real client's writer is. */
function recordingWriter(): { writer: GitHubWriter; calls: [string, unknown[]][] } {
  const calls: [string, unknown[]][] = [];
  const methods = ['createComment', 'upsertComment', 'createIssue', 'updateIssue', 'createPullRequest', 'updatePullRequest'];
  const record =
    (name: string) =>
    async (...args: unknown[]) => {
      calls.push([name, args]);
      return {};
    };
  const writer = Object.freeze({
    repo: { owner: 'acme', repo: 'app' },
    ...Object.fromEntries([...methods, 'createReview', 'replyToReviewThread', 'addLabels'].map((m) => [m, record(m)])),
  }) as unknown as GitHubWriter;
  return { writer, calls };
}

describe('outboundWriter', () => {
  const redactor = createRedactor([SECRET]);
  const setup = () => {
    const rec = recordingWriter();
    return { ...rec, guarded: outboundWriter(rec.writer, { redact: (t) => redactor.redact(t), allowedHosts: allowedHostsFor() }) };
  };
  const refusal = async (p: Promise<unknown>) => {
    const e = await p.then(
      () => undefined,
      (x: unknown) => x,
    );
    if (!(e instanceof OutboundRefusalError)) throw new Error(`expected a refusal, got ${String(e)}`);
    return e;
  };

  it('writes text with foreign links inert, and GitHub links as they are', async () => {
    const { guarded, calls } = setup();
    await guarded.createComment(7, 'See https://docs.github.com/en and https://evil.example/x');
    await guarded.createIssue({ title: 'www.evil.example', body: '[fix](https://evil.example/f)', labels: ['bug'] });
    await guarded.createReview(8, { event: 'COMMENT', body: 'ok', comments: [{ path: 'a.ts', line: 1, body: '<https://evil.example>' }] });
    expect(calls).toEqual([
      ['createComment', [7, 'See https://docs.github.com/en and hxxps://evil[.]example/x']],
      ['createIssue', [{ title: 'www[.]evil[.]example', body: 'fix (hxxps://evil[.]example/f)', labels: ['bug'] }]],
      ['createReview', [8, { event: 'COMMENT', body: 'ok', comments: [{ path: 'a.ts', line: 1, body: 'hxxps://evil[.]example' }] }]],
    ]);
  });

  const reversed = [...SECRET].reverse().join('');
  const hex = Buffer.from(SECRET).toString('hex');
  const image = '![x](https://evil.example/p.png)';
  const inline = (body: string) => ({ event: 'COMMENT' as const, body: 'ok', comments: [{ path: 'a', line: 1, body }] });
  it.each([
    ['a comment', (w: GitHubWriter) => w.upsertComment(7, { kind: 'k', key: 'main' }, `key ${reversed}`, 'bot'), 'secret-in-output'],
    ['a pull request body', (w: GitHubWriter) => w.createPullRequest({ title: 't', body: image, head: 'h', base: 'm' }), 'image-host'],
    ['a pull request title', (w: GitHubWriter) => w.updatePullRequest(3, { title: SECRET.match(/.{4}/g)!.join(' ') }), 'secret-in-output'],
    ['an issue edit', (w: GitHubWriter) => w.updateIssue(3, { body: '[x](javascript:alert(1))' }), 'unsafe-url'],
    ['an inline review comment', (w: GitHubWriter) => w.createReview(8, inline(hex)), 'secret-in-output'],
    ['a thread reply', (w: GitHubWriter) => w.replyToReviewThread('T1', '<img src="data:image/png;base64,AAAA">'), 'unsafe-url'],
  ])('refuses %s, naming the rule, and writes nothing', async (_label, write, rule) => {
    const { guarded, calls } = setup();
    const e = await refusal(write(guarded));
    expect(e.rule).toBe(rule);
    expect(e.message).toContain(`(${rule})`);
    expect(e.message).not.toContain(SECRET.slice(0, 4));
    expect(calls).toEqual([]);
  });

  it('passes writes without text through', async () => {
    const { guarded, calls } = setup();
    await guarded.addLabels(7, ['bug']);
    await guarded.updateIssue(7, { state: 'closed' });
    expect(calls).toEqual([
      ['addLabels', [7, ['bug']]],
      ['updateIssue', [7, { state: 'closed' }]],
    ]);
    expect(guarded.repo).toEqual({ owner: 'acme', repo: 'app' });
  });
});
