import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMANDS } from '../../actions/shared/events/command';

/** docs/commands.md has one section per `@factory` command the parser knows, and none other. */
describe('docs/commands.md', () => {
  it('documents exactly the commands of actions/shared/events/command.ts', () => {
    const page = readFileSync(join(__dirname, '../../docs/commands.md'), 'utf8');
    const documented = [...page.matchAll(/^### `@factory ([a-z]+)/gm)].map((m) => m[1]);
    expect([...documented].sort()).toEqual([...COMMANDS].sort());
  });
});
