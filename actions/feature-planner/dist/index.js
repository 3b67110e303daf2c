import { createRequire as __factoryCreateRequire } from 'node:module';
const require = __factoryCreateRequire(import.meta.url);
import {
  startAction
} from "../../dist/chunk-170a6444d5.js";
import "../../dist/chunk-733809efca.js";
import "../../dist/chunk-ffa5c3fea6.js";
import "../../dist/chunk-0a4052ce6e.js";

// actions/feature-planner/src/main.ts
function run() {
  return startAction("feature-planner", { loadRun: async () => (await import("../../dist/run-2a9e688828.js")).run });
}

// actions/feature-planner/src/index.ts
void run();
