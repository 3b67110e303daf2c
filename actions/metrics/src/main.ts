import { startAction } from '../../shared/action/start';

/**
 * The action's entry, as GitHub's TypeScript action template has it: run() reads the event and
 * inputs, gates, builds the dependencies, calls the automation's run() (./run) and sets the
 * outputs, with one catch that fails the step. The light gate loads nothing heavy; @actions/*,
 * Octokit and ./run load only for an event this automation may handle.
 */
export function run(): Promise<void> {
  return startAction('metrics', { loadRun: async () => (await import('./run')).run });
}
