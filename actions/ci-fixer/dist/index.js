import { createRequire as __factoryCreateRequire } from 'node:module';
const require = __factoryCreateRequire(import.meta.url);
import {
  startAction
} from "../../dist/chunk-170a6444d5.js";
import "../../dist/chunk-733809efca.js";
import "../../dist/chunk-ffa5c3fea6.js";
import "../../dist/chunk-0a4052ce6e.js";

// actions/ci-fixer/src/main.ts
function run() {
  return startAction("ci-fixer", { loadRun: async () => (await import("../../dist/run-fa6052ec4c.js")).run });
}

// actions/ci-fixer/src/index.ts
void run();
