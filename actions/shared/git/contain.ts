import * as os from 'node:os';

/**
 * What keeps the factory's own git (commit, push, switch, fetch, merge, reset) from running anything
 * a repository configures: hooks, filter drivers, diff and merge drivers, an fsmonitor, a remote's
 * pack programs, signing programs, credential helpers, submodules.
 *
 * Some of it is fixed (`containmentArgs`, for every command). Driver names are not: the committed
 * `.gitattributes` names them (`*.txt filter=x`) and the configuration in force defines them, in
 * the repository's own config or a file it includes. So before a command that can run a driver,
 * the runner lists the configuration's names and switches off each driver it defines
 * (`neutralisingEntries`), through GIT_CONFIG_COUNT entries (a name may hold `=`, which `-c` cannot
 * carry); a remote's pack programs are replaced by command-line options (`packProgramArgs`).
 * Switched off means git runs nothing: a filter becomes no filter, an external diff or text
 * conversion becomes empty (git refuses to use it rather than run it; the factory passes
 * --no-ext-diff and --no-textconv anyway), a merge driver becomes git's own text merge.
 *
 * Git LFS included: its filters are switched off like any other, so a checkout that relies on them
 * gets pointer files, and a commit stores what the work tree holds.
 */

/** Options for every command. */
export function containmentArgs(): string[] {
  const settings = [
    // No hooks: neither .git/hooks nor a core.hooksPath the repository sets.
    `core.hooksPath=${os.devNull}`,
    'core.fsmonitor=false',
    // No attributes file outside the repository (one named in its config).
    `core.attributesFile=${os.devNull}`,
    // No submodules: never recurse, never run git inside a nested repository to see whether it is dirty.
    'submodule.recurse=false',
    'fetch.recurseSubmodules=false',
    'push.recurseSubmodules=no',
    'diff.ignoreSubmodules=dirty',
    // No transport that runs a command; local paths (file) stay allowed.
    'protocol.ext.allow=never',
    // No signing or signature checks (they run gpg.program), no credential helper.
    'commit.gpgSign=false',
    'tag.gpgSign=false',
    'push.gpgSign=false',
    'merge.verifySignatures=false',
    'credential.helper=',
    // No diffstat after a merge (it could use a text conversion).
    'merge.stat=false',
  ];
  return settings.flatMap((s) => ['-c', s]);
}

/** Commands that never run a filter, a driver or a transport; they skip the lookup of driver names. */
export const DRIVERLESS_COMMANDS: ReadonlySet<string> = new Set([
  'branch',
  'cat-file',
  'clean',
  'config',
  'for-each-ref',
  'ls-files',
  'ls-tree',
  'merge-base',
  'remote',
  'rev-parse',
  'show-ref',
  'symbolic-ref',
]);

/** The arguments listing every configuration name in force (includes followed). */
export const LIST_CONFIG_NAMES = ['--list', '--name-only', '-z'];

/** Names from `git config --list --name-only -z`. */
export function parseConfigNames(stdout: string): string[] {
  return stdout.split('\0').filter((n) => n !== '');
}

/** Git's own three-way text merge, in place of a merge driver the repository configures. */
export const TEXT_MERGE = 'git merge-file -L ours -L base -L theirs --marker-size=%L %A %O %B';

type Entry = [key: string, value: string];

/** For each kind of driver: the keys that name a command, and what they become. */
const DRIVERS: Record<string, { commands: readonly string[]; off: readonly Entry[] }> = {
  filter: {
    commands: ['clean', 'smudge', 'process', 'required'],
    off: [
      ['clean', ''],
      ['smudge', ''],
      ['process', ''],
      ['required', 'false'],
    ],
  },
  diff: {
    commands: ['command', 'textconv'],
    off: [
      ['command', ''],
      ['textconv', ''],
    ],
  },
  merge: { commands: ['driver'], off: [['driver', TEXT_MERGE]] },
};

/**
 * Entries switching off every driver that `names` (the configuration in force) define. A name is
 * `section.subsection.key`; the subsection (the driver's name) may hold dots.
 */
export function neutralisingEntries(names: readonly string[]): Entry[] {
  const entries: Entry[] = [];
  const seen = new Set<string>();
  for (const name of names) {
    const first = name.indexOf('.');
    const last = name.lastIndexOf('.');
    if (first <= 0 || last === first) continue;
    const section = name.slice(0, first).toLowerCase();
    const driver = name.slice(first + 1, last);
    const key = name.slice(last + 1).toLowerCase();
    const kind = DRIVERS[section];
    if (!kind?.commands.includes(key) || seen.has(`${section}.${driver}`)) continue;
    seen.add(`${section}.${driver}`);
    for (const [k, value] of kind.off) entries.push([`${section}.${driver}.${k}`, value]);
  }
  return entries;
}

/**
 * Options for `subcommand` when the configuration names a remote's pack program (run through the
 * shell for local and ssh remotes). Git keeps the first value it reads, so later configuration
 * cannot replace it; the command-line option does.
 */
export function packProgramArgs(subcommand: string, names: readonly string[]): string[] {
  const configured = (key: string) => names.some((n) => /^remote\..*\.(\w+)$/i.exec(n)?.[1]?.toLowerCase() === key);
  if (['fetch', 'clone', 'ls-remote'].includes(subcommand) && configured('uploadpack')) return ['--upload-pack=git-upload-pack'];
  if (subcommand === 'push' && configured('receivepack')) return ['--receive-pack=git-receive-pack'];
  return [];
}

/** `env` with `entries` added as GIT_CONFIG_COUNT/KEY/VALUE, before the ones it already carries. */
export function withConfigEntries(entries: readonly Entry[], env: Record<string, string> = {}): Record<string, string> {
  if (entries.length === 0) return env;
  const count = Number(env.GIT_CONFIG_COUNT ?? '0') || 0;
  const out: Record<string, string> = { ...env };
  const carried: Entry[] = [];
  for (let i = 0; i < count; i++) {
    carried.push([env[`GIT_CONFIG_KEY_${i}`] ?? '', env[`GIT_CONFIG_VALUE_${i}`] ?? '']);
    delete out[`GIT_CONFIG_KEY_${i}`];
    delete out[`GIT_CONFIG_VALUE_${i}`];
  }
  const all = [...entries, ...carried];
  all.forEach(([key, value], i) => {
    out[`GIT_CONFIG_KEY_${i}`] = key;
    out[`GIT_CONFIG_VALUE_${i}`] = value;
  });
  out.GIT_CONFIG_COUNT = String(all.length);
  return out;
}
