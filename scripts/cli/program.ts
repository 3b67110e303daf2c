import { Command, InvalidArgumentError, Option } from 'commander';
import { debugDetail, describeError } from './errors';
import { doctor, printChecks } from './doctor';
import { lintCommand } from './lint';
import { runCommand } from './run';
import { runsCommand } from './runs';
import { runnableAutomations } from './registry';
import { demo } from './demo';
import { versionLine } from './version';
import { init, printInit } from './init';

const print = (line: string) => console.log(line);

function secretList(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive integer');
  return n;
}

/**
 * The `factory` CLI: run an automation locally (against the built-in sandbox or a real
 * repository), check an installation, lint workflows, and run the demo.
 */
export function buildProgram(): Command {
  const program = new Command('factory')
    .description('Software Factory: LLM agents that plan, build, review and fix software, on GitHub Actions.')
    .showHelpAfterError()
    .configureHelp({ sortSubcommands: true })
    .version(versionLine(), '-V, --version', 'print the version and the commit it was built from')
    .option('--debug', 'on a failure, also print its stack trace', false);

  program
    .command('run')
    .description("run one automation's run() locally, on the sandbox or against a real repository")
    .argument('<automation>', `automation to run (${runnableAutomations().join(', ') || 'none built yet'})`)
    .option(
      '--event <name|file>',
      'webhook example name (e.g. issues.opened) or a JSON payload file (pr-shepherd: the schedule by default)',
    )
    .option('--event-name <name>', 'event name for a payload file (e.g. issues)')
    .option('--sandbox', 'run against the built-in GitHub and model sandboxes (no tokens needed)', false)
    .option('--repo <owner/name>', 'a real repository (needs GITHUB_TOKEN and ANTHROPIC_API_KEY)')
    .option('--issue <number>', 'issue or pull request number (as workflow_dispatch would pass)', positiveInt)
    .option('--comment <text>', 'on the sandbox: the text of the comment a comment event carries (default "@factory fix")')
    .option('--dry-run', 'print the intents and write nothing', false)
    .option('--verbose', 'print each model turn as it happens (tool calls, tokens, cost so far); on by default on a terminal', false)
    .option(
      '--follow',
      'on the sandbox: also run the workflows it starts by workflow_dispatch (e.g. the builder `@factory fix` starts)',
      false,
    )
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  factory run feature-planner --sandbox --event issues.opened',
        '  factory run feature-builder --sandbox --event issues.labeled',
        '  factory run review-resolver --sandbox --event pull_request_review.submitted',
        '  factory run commands --sandbox --event issue_comment.created --follow          # @factory fix, then the builder',
        '  factory run commands --sandbox --event issue_comment.created --comment "@factory explain"',
        '  factory run ci-fixer --sandbox --event workflow_run.completed',
        '  factory run pr-shepherd --sandbox                                              # the hourly sweep',
        '  factory run feature-planner --event payload.json --event-name issues --repo acme/shop --dry-run',
      ].join('\n'),
    )
    .action(
      async (
        automation: string,
        opts: {
          event?: string;
          eventName?: string;
          sandbox: boolean;
          repo?: string;
          issue?: number;
          comment?: string;
          dryRun: boolean;
          follow: boolean;
          verbose: boolean;
        },
      ) => {
        process.exitCode = await runCommand(automation, { ...opts, isTTY: !!process.stdout.isTTY }, print);
      },
    );

  program
    .command('runs')
    .description(
      'list the run records of runs on this machine (or in a downloaded artifact), or show one run: turns, tool calls, intents, policy, cost',
    )
    .argument('[id]', 'run id (or a unique prefix of one) to show')
    .option('--from <path>', 'a folder of run records or a run-record artifact (.zip) downloaded from GitHub', '.factory/runs')
    .addHelpText(
      'after',
      ['', 'Examples:', '  factory runs', '  factory runs sandbox-m3x1', '  factory runs --from factory-pr-reviewer-run-123-1.zip'].join(
        '\n',
      ),
    )
    .action((id: string | undefined, opts: { from: string }) => {
      process.exitCode = runsCommand(id, opts, print);
    });

  program
    .command('demo')
    .description('run the factory end to end on its sandbox: a new issue -> plan -> pull request -> review threads resolved')
    .action(async () => {
      process.exitCode = await demo(print);
    });

  program
    .command('doctor')
    .description('check the config, the workflows and (with --repo and GITHUB_TOKEN) the token and labels')
    .addOption(new Option('--root <dir>', 'repository checkout').default(process.cwd()))
    .option('--config <path>', 'config file, relative to the root', '.github/factory.yml')
    .option('--repo <owner/name>', 'repository to check through the API')
    .option('--fix', 'create missing factory labels and fix their colours (needs --repo)', false)
    .option('--secrets <names>', 'the Actions secrets the repository has, comma-separated, to check them without the API', secretList)
    .option('--app-id <id>', "the factory's GitHub App ID, to check its permissions on --repo (default: FACTORY_APP_ID)")
    .option('--app-private-key <file>', "the App's private key (.pem), to sign its JWT (default: FACTORY_APP_PRIVATE_KEY, the key itself)")
    .action(
      async (opts: {
        root: string;
        config: string;
        repo?: string;
        fix: boolean;
        secrets?: string[];
        appId?: string;
        appPrivateKey?: string;
      }) => {
        const token = process.env.GITHUB_TOKEN || process.env.GH_TOKEN;
        const { appId, appPrivateKey, ...rest } = opts;
        const id = appId ?? process.env.FACTORY_APP_ID;
        const envKey = process.env.FACTORY_APP_PRIVATE_KEY;
        const checks = await doctor({
          ...rest,
          ...(id ? { appId: id } : {}),
          // The flag names a file; the variable holds the key, as the Actions secret does (or a file's path).
          ...(appPrivateKey !== undefined
            ? { appPrivateKeyFile: appPrivateKey }
            : envKey
              ? envKey.includes('-----BEGIN')
                ? { appPrivateKey: envKey }
                : { appPrivateKeyFile: envKey }
              : {}),
          ...(token ? { token } : {}),
          ...(process.env.GITHUB_API_URL ? { baseUrl: process.env.GITHUB_API_URL } : {}),
        });
        process.exitCode = printChecks(checks, print);
      },
    );

  program
    .command('init')
    .description(
      'install the factory: workflows pinned to this release, .github/factory.yml, issue forms (and, with --repo, labels and a pull request)',
    )
    .addOption(new Option('--root <dir>', 'repository checkout to write into').default(process.cwd()))
    .option('--repo <owner/name>', 'install through the API (needs GITHUB_TOKEN): creates the labels and opens a pull request')
    .option('--automations <names>', 'automations to install, comma-separated (default: those enabled by default)', secretList)
    .option('--ref <sha>', "the factory commit the workflows pin (default: this CLI's own)")
    .option('--force', 'overwrite files that differ (their diff is shown)', false)
    .option('--dry-run', 'write nothing; print what would be written', false)
    .action(async (opts: { root: string; repo?: string; automations?: string[]; ref?: string; force: boolean; dryRun: boolean }) => {
      const token = process.env.GITHUB_TOKEN || process.env.GH_TOKEN;
      const result = await init({
        ...opts,
        ...(token ? { token } : {}),
        ...(process.env.GITHUB_API_URL ? { baseUrl: process.env.GITHUB_API_URL } : {}),
      });
      process.exitCode = printInit(result, opts, print);
    });

  program
    .command('lint-workflows')
    .description('lint .github/workflows/* with actionlint and the factory security rules')
    .addOption(new Option('--root <dir>', 'repository root').default(process.cwd()))
    .action(async (opts: { root: string }) => {
      process.exitCode = await lintCommand(opts.root, print);
    });

  return program;
}

/**
 * Runs the CLI on `argv`. A failure prints what went wrong for a person (never a stack trace,
 * unless `--debug` asks for it) and returns 1; the commands set their own exit code otherwise.
 */
export async function main(argv: string[], io: { error: (line: string) => void } = { error: (l) => console.error(l) }): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    for (const line of describeError(error)) io.error(line);
    const stack = debugDetail(error);
    if (program.opts<{ debug?: boolean }>().debug && stack) io.error(`debug: ${stack}`);
    return 1;
  }
}
