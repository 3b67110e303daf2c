import { createRequire as __factoryCreateRequire } from 'node:module';
const require = __factoryCreateRequire(import.meta.url);
import {
  startAction
} from "../../dist/chunk-170a6444d5.js";
import "../../dist/chunk-733809efca.js";
import "../../dist/chunk-ffa5c3fea6.js";
import "../../dist/chunk-0a4052ce6e.js";

// actions/pr-reviewer/src/main.ts
function run() {
  return startAction("pr-reviewer", { loadRun: async () => (await import("../../dist/run-90db2bc237.js")).run });
}

// actions/pr-reviewer/src/index.ts
void run();
