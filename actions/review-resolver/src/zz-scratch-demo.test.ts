jest.mock('../../../scripts/cli/registry', () => {
  const actual = jest.requireActual('../../../scripts/cli/registry');
  const { run } = jest.requireActual('./run');
  const { resolverSandboxScenario } = jest.requireActual('./demo');
  return { ...actual, automationEntry: (name: string) => (name === 'review-resolver' ? { run, scenario: () => resolverSandboxScenario() } : actual.automationEntry(name)) };
});
import { demo } from '../../../scripts/cli/demo';

test('demo', async () => {
  const lines: string[] = [];
  const code = await demo((l) => lines.push(l));
  console.log(lines.join('\n'));
  expect(code).toBe(0);
}, 60000);
