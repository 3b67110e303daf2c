import { parseEvent } from '../events';
import { createRedactor } from '../security';
import { coAuthorOf, commitMessage } from './work';

const SECRET = 'sk-ant-api03-workTestSecret-0123456789abcdef';
const redactor = createRedactor([SECRET]);

describe('commits', () => {
  it('one-line subject from the issue title, with the issue reference', () => {
    const msg = commitMessage({ number: 12, title: `Cart\ttotal\nis wrong ${SECRET}` }, 'run-1', (s) => redactor.redact(s));
    expect(msg.split('\n')[0]).toBe('Cart total is wrong [REDACTED:secret] (#12)');
    expect(msg).toContain('\n\nFixes #12\n');
    const long = commitMessage({ number: 3, title: 'x'.repeat(200) }, 'r', (s) => s).split('\n')[0]!;
    expect(long.length).toBeLessThanOrEqual(72);
    expect(long.endsWith('… (#3)')).toBe(true);
  });

  it('credits the issue author with their no-reply address, never a bot', () => {
    const schedule = parseEvent('schedule', { schedule: '7 * * * *' }, { repository: 'acme/shop' });
    expect(coAuthorOf({ number: 1, author: { login: 'alice', type: 'User' } }, schedule, 'factory[bot]')).toEqual([
      { name: 'alice', email: 'alice@users.noreply.github.com' },
    ]);
    expect(coAuthorOf({ number: 1, author: { login: 'dependabot[bot]', type: 'Bot' } }, schedule, 'factory[bot]')).toEqual([]);
  });
});
