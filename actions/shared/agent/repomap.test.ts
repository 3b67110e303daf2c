import { buildRepoMap, extractSymbols } from './repomap';

describe('extractSymbols', () => {
  it('finds TS/JS exports, including export lists and renames', () => {
    const src = [
      'export function runAgent() {}',
      'export async function load() {}',
      'export default class Loop {}',
      'export const LIMIT = 3;',
      'export interface Budgets {}',
      'export type Outcome = string;',
      'export enum Mode { A }',
      'export { a, b as bee, type C };',
      'function hidden() {}',
      'const alsoHidden = 1;',
    ].join('\n');
    expect(extractSymbols('src/x.ts', src)).toEqual(['runAgent', 'load', 'Loop', 'LIMIT', 'Budgets', 'Outcome', 'Mode', 'a', 'bee', 'C']);
  });

  it('finds top-level Python defs, exported Go names and public Rust items', () => {
    expect(extractSymbols('m.py', 'def run():\n  def inner(): pass\nclass Tool:\n  pass\nasync def go():\n')).toEqual([
      'run',
      'Tool',
      'go',
    ]);
    expect(extractSymbols('m.go', 'func Run() {}\nfunc (s *S) Serve() {}\nfunc private() {}\ntype Config struct{}\n')).toEqual([
      'Run',
      'Serve',
      'Config',
    ]);
    expect(extractSymbols('lib.rs', 'pub fn run() {}\nfn private() {}\npub(crate) struct Cfg;\npub enum E {}\n')).toEqual([
      'run',
      'Cfg',
      'E',
    ]);
    expect(extractSymbols('README.md', 'export function x() {}')).toEqual([]);
    expect(extractSymbols('weird.constructor', 'x')).toEqual([]);
  });
});

describe('buildRepoMap', () => {
  const files: Record<string, string> = {
    'test/deep/loop.test.ts': 'export const t = 1;',
    'README.md': '# hi',
    'src/index.ts': 'export function main() {}',
    'src/agent/loop.ts': 'export function runAgent() {}\nexport class Loop {}',
    'docs/guide/intro.md': 'x',
    'package-lock.json': '{}',
  };
  const source = {
    listFiles: async () => Object.keys(files),
    readFile: async (p: string) => {
      const text = files[p];
      if (text === undefined) throw new Error(`no file ${p}`);
      return text;
    },
  };

  it('lists files most relevant first, with their symbols', async () => {
    const map = await buildRepoMap({ ...source, maxTokens: 10_000 });
    expect(map.text.split('\n')).toEqual([
      'src/index.ts: main',
      'src/agent/loop.ts: runAgent, Loop',
      'README.md',
      'docs/guide/intro.md',
      'package-lock.json',
      'test/deep/loop.test.ts: t',
    ]);
    expect(map).toMatchObject({ totalFiles: 6, includedFiles: 6 });
  });

  it('stays within the token budget and says how many files were left out', async () => {
    const map = await buildRepoMap({ ...source, maxTokens: 18 }); // 72 characters
    expect(map.text.length).toBeLessThanOrEqual(72);
    expect(map.text.split('\n')).toEqual(['src/index.ts: main', 'src/agent/loop.ts: runAgent, Loop', '… 4 more files']);
    expect(map).toMatchObject({ totalFiles: 6, includedFiles: 2 });
  });

  it('reads only the files it lists', async () => {
    const read: string[] = [];
    await buildRepoMap({
      listFiles: source.listFiles,
      readFile: async (p) => {
        read.push(p);
        return source.readFile(p);
      },
      maxTokens: 5,
    });
    expect(read).toEqual(['src/index.ts']);
  });

  it('lists a file it cannot read without symbols', async () => {
    const map = await buildRepoMap({
      listFiles: async () => ['src/gone.ts'],
      readFile: async () => Promise.reject(new Error('ENOENT')),
      maxTokens: 100,
    });
    expect(map.text).toBe('src/gone.ts');
  });
});
