import { createRequire as __factoryCreateRequire } from 'node:module';
const require = __factoryCreateRequire(import.meta.url);
import {
  startAction
} from "../../dist/chunk-170a6444d5.js";
import "../../dist/chunk-733809efca.js";
import "../../dist/chunk-ffa5c3fea6.js";
import "../../dist/chunk-0a4052ce6e.js";

// actions/quality-grader/src/main.ts
function run() {
  return startAction("quality-grader", {
    loadRun: async () => {
      const [{ createRun }, { createModelClient }] = await Promise.all([import("../../dist/run-0e7a78d472.js"), import("../../dist/model-1ae9041d2e.js")]);
      const apiKey = (process.env["INPUT_ANTHROPIC-API-KEY"] ?? "").trim();
      return createRun({
        auditorModel: (deps) => {
          const model = deps.config.quality.auditor.model;
          if (!model || !apiKey) return void 0;
          return createModelClient({
            apiKey,
            model,
            maxTokens: deps.config.model.maxTokens,
            ...deps.config.model.baseUrl ? { baseURL: deps.config.model.baseUrl } : {}
          });
        }
      });
    }
  });
}

// actions/quality-grader/src/index.ts
void run();
