import { Command, Option } from 'commander';
import { lintCommand } from './lint';

/**
 * The `factory` CLI: run an automation locally (against the built-in sandbox or a real
 * repository), check an installation, lint workflows, and run the demo.
 */
export function buildProgram(): Command {
  const program = new Command('factory')
    .description('Software Factory: LLM agents that plan, build, review and fix software, on GitHub Actions.')
    .showHelpAfterError()
    .configureHelp({ sortSubcommands: true });

  program
    .command('lint-workflows')
    .description('lint .github/workflows/* with actionlint and the factory security rules')
    .addOption(new Option('--root <dir>', 'repository root').default(process.cwd()))
    .action(async (opts: { root: string }) => {
      process.exitCode = await lintCommand(opts.root, (l) => console.log(l));
    });

  return program;
}

async function main(): Promise<void> {
  await buildProgram().parseAsync(process.argv);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
