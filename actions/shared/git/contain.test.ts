import { neutralisingEntries, packProgramArgs, TEXT_MERGE, withConfigEntries } from './contain';

describe('neutralisingEntries', () => {
  it('switches off every filter, diff and merge driver the configuration defines, once each', () => {
    const names = [
      'core.repositoryformatversion',
      'filter.lfs.clean',
      'filter.lfs.smudge',
      'filter.odd=name.with.dots.process',
      'diff.evil.textconv',
      'diff.pretty.xfuncname',
      'merge.ours.driver',
      'remote.origin.url',
    ];
    expect(neutralisingEntries(names)).toEqual([
      ['filter.lfs.clean', ''],
      ['filter.lfs.smudge', ''],
      ['filter.lfs.process', ''],
      ['filter.lfs.required', 'false'],
      ['filter.odd=name.with.dots.clean', ''],
      ['filter.odd=name.with.dots.smudge', ''],
      ['filter.odd=name.with.dots.process', ''],
      ['filter.odd=name.with.dots.required', 'false'],
      ['diff.evil.command', ''],
      ['diff.evil.textconv', ''],
      ['merge.ours.driver', TEXT_MERGE],
    ]);
  });

  it('ignores names without a driver', () => {
    expect(neutralisingEntries(['filter.clean', 'diff.external', 'merge.renormalize', 'user.name'])).toEqual([]);
  });
});

describe('packProgramArgs', () => {
  it('replaces a configured pack program on the commands that start one', () => {
    const names = ['remote.origin.uploadpack', 'remote.fork.receivepack'];
    expect(packProgramArgs('fetch', names)).toEqual(['--upload-pack=git-upload-pack']);
    expect(packProgramArgs('ls-remote', names)).toEqual(['--upload-pack=git-upload-pack']);
    expect(packProgramArgs('push', names)).toEqual(['--receive-pack=git-receive-pack']);
    expect(packProgramArgs('commit', names)).toEqual([]);
    expect(packProgramArgs('fetch', ['remote.origin.url'])).toEqual([]);
  });
});

describe('withConfigEntries', () => {
  it('puts its entries before the ones the environment carries (the token header)', () => {
    const env = { PATH: '/bin', GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'http.https://github.com/.extraheader', GIT_CONFIG_VALUE_0: 'x' };
    expect(withConfigEntries([['filter.a.clean', '']], env)).toEqual({
      PATH: '/bin',
      GIT_CONFIG_COUNT: '2',
      GIT_CONFIG_KEY_0: 'filter.a.clean',
      GIT_CONFIG_VALUE_0: '',
      GIT_CONFIG_KEY_1: 'http.https://github.com/.extraheader',
      GIT_CONFIG_VALUE_1: 'x',
    });
    expect(withConfigEntries([], env)).toBe(env);
  });
});
