import { startAction } from '../../shared/action/start';

/** The action's entry: the shared start (event, gate, dependencies, outputs, one catch); ./run loads only for an event it handles. */
export function run(): Promise<void> {
  return startAction('automation-auditor', { loadRun: async () => (await import('./run')).run });
}
