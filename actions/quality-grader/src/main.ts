import { startAction } from '../../shared/action/start';

/**
 * The action's entry: the light gate, then the full entry with the grader's run(). The second
 * opinion's model client (quality.auditor.model) is built here from the same API key input, as
 * the only place that reads the action's inputs.
 */
export function run(): Promise<void> {
  return startAction('quality-grader', {
    loadRun: async () => {
      const [{ createRun }, { createModelClient }] = await Promise.all([import('./run'), import('../../shared/agent/model')]);
      const apiKey = (process.env['INPUT_ANTHROPIC-API-KEY'] ?? '').trim();
      return createRun({
        auditorModel: (deps) => {
          const model = deps.config.quality.auditor.model;
          if (!model || !apiKey) return undefined;
          return createModelClient({
            apiKey,
            model,
            maxTokens: deps.config.model.maxTokens,
            ...(deps.config.model.baseUrl ? { baseURL: deps.config.model.baseUrl } : {}),
          });
        },
      });
    },
  });
}
