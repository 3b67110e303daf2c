import { combine, parseEntriesZ, parseNameStatusZ, parseNumstatZ, parseStatusZ } from './parse';

describe('git -z output parsers', () => {
  it('parses porcelain v1 status with renames, spaces and untracked files', () => {
    const out = 'R  new name.md\0old name.md\0M  src/a.ts\0 M src/b.ts\0D  gone.txt\0A  added.ts\0?? new file.txt\0!! ignored\0';
    expect(parseStatusZ(out)).toEqual([
      { filename: 'new name.md', status: 'renamed', previousFilename: 'old name.md' },
      { filename: 'src/a.ts', status: 'modified' },
      { filename: 'src/b.ts', status: 'modified' },
      { filename: 'gone.txt', status: 'removed' },
      { filename: 'added.ts', status: 'added' },
      { filename: 'new file.txt', status: 'added' },
    ]);
  });

  it('parses name-status and numstat, binary files and renames included', () => {
    const names = parseNameStatusZ('M\0a b.ts\0R087\0old.ts\0new.ts\0D\0x\0T\0link\0');
    const counts = parseNumstatZ('3\t1\ta b.ts\0' + '2\t0\t\0old.ts\0new.ts\0' + '0\t5\tx\0' + '-\t-\tlink\0');
    expect(counts.get('link')).toEqual({ additions: 0, deletions: 0, binary: true });
    expect(combine(names, counts)).toEqual([
      { filename: 'a b.ts', status: 'modified', additions: 3, deletions: 1 },
      { filename: 'new.ts', status: 'renamed', previousFilename: 'old.ts', additions: 2, deletions: 0 },
      { filename: 'x', status: 'removed', additions: 0, deletions: 5 },
      { filename: 'link', status: 'modified', additions: 0, deletions: 0 },
    ]);
  });

  it('reads modes and objects from ls-files -s and ls-tree', () => {
    const sha = 'a'.repeat(40);
    expect(parseEntriesZ(`120000 ${sha} 0\tmy link\0`)).toEqual([{ mode: '120000', object: sha, path: 'my link' }]);
    expect(parseEntriesZ(`100644 blob ${sha}\tdir/f g\0`)).toEqual([{ mode: '100644', object: sha, path: 'dir/f g' }]);
  });
});
