import { createRequire as __factoryCreateRequire } from 'node:module';
const require = __factoryCreateRequire(import.meta.url);
import {
  startAction
} from "../../dist/chunk-170a6444d5.js";
import "../../dist/chunk-733809efca.js";
import "../../dist/chunk-ffa5c3fea6.js";
import "../../dist/chunk-0a4052ce6e.js";

// actions/pr-shepherd/src/main.ts
function run() {
  return startAction("pr-shepherd", { loadRun: async () => (await import("../../dist/run-872a0e403f.js")).run });
}

// actions/pr-shepherd/src/index.ts
void run();
