import { bwrapArgs, limitPrefix, type SandboxSpec } from './bwrap';

const spec = (over: Partial<SandboxSpec> = {}): SandboxSpec => ({
  layout: { readOnly: ['/usr', '/etc', '/opt/node'], links: [{ at: '/bin', target: 'usr/bin' }] },
  workspace: '/w/repo',
  gitDir: '/w/repo/.git',
  cwd: '/w/repo/pkg',
  env: { PATH: '/usr/bin', HOME: '/tmp/home' },
  tmpBytes: 1024,
  argv: ['npm', 'test'],
  ...over,
});

/** The value after each occurrence of a flag. */
function valuesOf(args: string[], flag: string, width = 1): string[][] {
  const out: string[][] = [];
  args.forEach((a, i) => {
    if (a === flag && args.indexOf('--') > i) out.push(args.slice(i + 1, i + 1 + width));
  });
  return out;
}

describe('bwrapArgs', () => {
  it('unshares every namespace, drops capabilities, clears the environment and dies with the factory', () => {
    const args = bwrapArgs(spec());
    for (const flag of [
      '--unshare-user',
      '--unshare-pid',
      '--unshare-net',
      '--unshare-ipc',
      '--unshare-uts',
      '--die-with-parent',
      '--new-session',
      '--clearenv',
    ]) {
      expect(args).toContain(flag);
    }
    expect(valuesOf(args, '--cap-drop')).toEqual([['ALL']]);
    expect([valuesOf(args, '--uid'), valuesOf(args, '--gid')]).toEqual([[['1000']], [['1000']]]);
    // The environment is cleared before anything is set.
    expect(args.indexOf('--clearenv')).toBeLessThan(args.indexOf('--setenv'));
    expect(args).not.toContain('--share-net');
  });

  it('sets exactly the given environment, nothing else', () => {
    expect(valuesOf(bwrapArgs(spec()), '--setenv', 2)).toEqual([
      ['HOME', '/tmp/home'],
      ['PATH', '/usr/bin'],
    ]);
  });

  it('binds the system read-only, then a fresh /proc, /dev and a bounded /tmp, then the workspace writable and .git read-only over it', () => {
    const args = bwrapArgs(spec());
    expect(valuesOf(args, '--ro-bind', 2)).toEqual([
      ['/usr', '/usr'],
      ['/etc', '/etc'],
      ['/opt/node', '/opt/node'],
      ['/w/repo/.git', '/w/repo/.git'],
    ]);
    expect(valuesOf(args, '--symlink', 2)).toEqual([['usr/bin', '/bin']]);
    expect(valuesOf(args, '--bind', 2)).toEqual([['/w/repo', '/w/repo']]);
    expect(valuesOf(args, '--proc')).toEqual([['/proc']]);
    expect(valuesOf(args, '--dev')).toEqual([['/dev']]);
    expect(valuesOf(args, '--tmpfs')).toEqual([['/tmp']]);
    expect(args[args.indexOf('--tmpfs') - 1]).toBe('1024');
    expect(args[args.indexOf('--tmpfs') - 2]).toBe('--size');
    // Order: the workspace is bound after /tmp (it may live there), .git after the workspace.
    const at = (flag: string, value: string) => args.findIndex((a, i) => a === flag && args[i + 1] === value);
    expect(at('--tmpfs', '/tmp')).toBeLessThan(at('--bind', '/w/repo'));
    expect(at('--bind', '/w/repo')).toBeLessThan(at('--ro-bind', '/w/repo/.git'));
    // No host root, no host /tmp, /run or home.
    expect(
      args.some(
        (a, i) =>
          (a === '--bind' || a === '--ro-bind' || a === '--dev-bind') && ['/', '/tmp', '/run', '/home', '/root'].includes(args[i + 1]!),
      ),
    ).toBe(false);
  });

  it('runs the program after `--` in the working directory', () => {
    const args = bwrapArgs(spec());
    expect(args.slice(args.indexOf('--') - 2)).toEqual(['--chdir', '/w/repo/pkg', '--', 'npm', 'test']);
  });

  it("binds the enclosing sandbox's /proc only when asked (the factory itself in a sandbox)", () => {
    expect(valuesOf(bwrapArgs(spec({ parentProc: true })), '--bind', 2)).toContainEqual(['/proc', '/proc']);
    expect(bwrapArgs(spec({ parentProc: true }))).not.toContain('--proc');
    expect(valuesOf(bwrapArgs(spec()), '--bind', 2)).not.toContainEqual(['/proc', '/proc']);
  });

  it('leaves .git out when there is none, and binds the proxy files read-only under /run/factory', () => {
    const { gitDir: _g, ...noGit } = spec();
    const args = bwrapArgs({ ...noGit, files: [{ host: '/tmp/p/proxy.sock', name: 'proxy.sock' }] });
    expect(valuesOf(args, '--ro-bind', 2)).toContainEqual(['/tmp/p/proxy.sock', '/run/factory/proxy.sock']);
    expect(args.join(' ')).not.toContain('.git');
  });

  it('takes arguments that look like flags as data after `--`', () => {
    const args = bwrapArgs(spec({ argv: ['node', '--unshare-net', '--bind', '/', '/'] }));
    expect(args.slice(args.indexOf('--') + 1)).toEqual(['node', '--unshare-net', '--bind', '/', '/']);
  });

  it('refuses relative paths and an empty command', () => {
    expect(() => bwrapArgs(spec({ workspace: 'repo' }))).toThrow('absolute');
    expect(() => bwrapArgs(spec({ argv: [] }))).toThrow('program');
  });
});

describe('limitPrefix', () => {
  it('applies processes, data and no core dumps through prlimit', () => {
    expect(limitPrefix({ prlimit: '/usr/bin/prlimit', memoryMb: 2, maxProcesses: 64 })).toEqual([
      '/usr/bin/prlimit',
      '--nproc=64',
      '--data=2097152',
      '--core=0',
      '--',
    ]);
  });

  it('is empty without prlimit', () => {
    expect(limitPrefix({ memoryMb: 2, maxProcesses: 64 })).toEqual([]);
  });
});
