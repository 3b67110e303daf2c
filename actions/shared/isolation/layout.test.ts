import { hostLayout, type HostFs } from './layout';

/** A host described by a table: path -> kind (links carry their target). */
function fakeHost(entries: Record<string, 'dir' | 'file' | { link: string }>): HostFs {
  const resolve = (p: string): string => {
    for (const [at, kind] of Object.entries(entries)) {
      if (typeof kind === 'object' && (p === at || p.startsWith(`${at}/`))) {
        const target = kind.link.startsWith('/') ? kind.link : `/${kind.link}`;
        return resolve(target + p.slice(at.length));
      }
    }
    return p;
  };
  return {
    kind: (p) => {
      const k = entries[p];
      return k === undefined ? undefined : typeof k === 'object' ? 'link' : k;
    },
    readlink: (p) => (entries[p] as { link: string }).link,
    realpath: (p) => {
      const r = resolve(p);
      if (!(r in entries)) throw new Error(`ENOENT ${p}`);
      return r;
    },
  };
}

const host = fakeHost({
  '/usr': 'dir',
  '/usr/bin': 'dir',
  '/usr/bin/node': 'file',
  '/bin': { link: 'usr/bin' },
  '/lib': { link: 'usr/lib' },
  '/etc': 'dir',
  '/opt': 'dir',
  '/opt/hostedtoolcache/node/20/x64': 'dir',
  '/opt/hostedtoolcache/node/20/x64/bin': 'dir',
  '/opt/hostedtoolcache/node/20/x64/bin/node': 'file',
  '/home': 'dir',
  '/home/runner': 'dir',
  '/home/runner/.cargo/bin': 'dir',
  '/home/runner/work/repo/repo': 'dir',
  '/home/runner/work/repo/repo/node_modules/.bin': 'dir',
  '/root': 'dir',
  '/tmp': 'dir',
});

describe('hostLayout', () => {
  const layout = hostLayout(
    {
      pathVar: '/home/runner/work/repo/repo/node_modules/.bin:/home/runner/.cargo/bin:/usr/bin:/bin:/root:/tmp:/:relative/bin:/missing/bin',
      execPath: '/opt/hostedtoolcache/node/20/x64/bin/node',
      workspace: '/home/runner/work/repo/repo',
    },
    host,
  );

  it('binds the system folders that exist and recreates usr-merged links', () => {
    expect(layout.readOnly.slice(0, 3)).toEqual(['/usr', '/etc', '/opt']);
    expect(layout.links).toEqual([
      { at: '/bin', target: 'usr/bin' },
      { at: '/lib', target: 'usr/lib' },
    ]);
  });

  it('adds folders on PATH one by one, never a folder directly under / nor anything in the workspace', () => {
    expect(layout.readOnly).toEqual(['/usr', '/etc', '/opt', '/home/runner/.cargo/bin']);
    expect(layout.readOnly).not.toContain('/home/runner');
    expect(layout.readOnly).not.toContain('/root');
    expect(layout.readOnly).not.toContain('/tmp');
  });

  it("binds Node's install prefix when it lives outside the system folders", () => {
    const elsewhere = hostLayout(
      { pathVar: '', execPath: '/home/runner/.nvm/v20/bin/node', workspace: '/w' },
      fakeHost({
        '/usr': 'dir',
        '/home/runner/.nvm/v20': 'dir',
        '/home/runner/.nvm/v20/bin': 'dir',
        '/home/runner/.nvm/v20/bin/node': 'file',
      }),
    );
    expect(elsewhere.readOnly).toEqual(['/usr', '/home/runner/.nvm/v20']);
  });

  it('adds configured read-only folders', () => {
    const withExtra = hostLayout(
      { pathVar: '', execPath: '/usr/bin/node', workspace: '/w', extra: ['/home/runner/.m2/repository', '/home'] },
      fakeHost({
        '/usr': 'dir',
        '/usr/bin/node': 'file',
        '/home': 'dir',
        '/home/runner/.m2/repository': 'dir',
      }),
    );
    expect(withExtra.readOnly).toEqual(['/usr', '/home/runner/.m2/repository']);
  });
});
