import { COMMANDS, type CommandName } from '../../shared/events';
import { answer, type CommandContext, type CommandOutcome } from './context';

/** One line per command, for the reply to a command the factory does not have. */
export const COMMAND_HELP: Readonly<Record<CommandName, string>> = {
  fix: 'on an issue: build a fix now and open a pull request',
  retry: 'give the automation that gave up here another go',
  plan: 'on an issue: triage and plan it again',
  review: 'on a pull request: review it again',
  explain: 'answer a question about this issue or pull request, e.g. `@factory explain why is this risky?`',
  stop: 'the factory lets go of this issue or pull request until `factory:paused` is removed',
};

/** `@factory <word>` where the word is no command: a reply that says so and lists the commands. Nothing else is done. */
export async function unknownCommand(ctx: CommandContext): Promise<CommandOutcome> {
  const word = ctx.request.word ?? '';
  const lines = [
    `\`${word}\` is not a factory command. The commands are:`,
    '',
    ...COMMANDS.map((c) => `- \`@factory ${c}\`: ${COMMAND_HELP[c]}`),
  ];
  return answer('completed', lines.join('\n'), [`unknown command "${word}": replied with the list of commands`]);
}
