import { createRequire as __factoryCreateRequire } from 'node:module';
const require = __factoryCreateRequire(import.meta.url);
import {
  startAction
} from "../../dist/chunk-170a6444d5.js";
import "../../dist/chunk-d866574024.js";
import "../../dist/chunk-daa79fc193.js";
import "../../dist/chunk-0a4052ce6e.js";

// actions/post-merge-verifier/src/main.ts
function run() {
  return startAction("post-merge-verifier", { loadRun: async () => (await import("../../dist/run-e794153a2a.js")).run });
}

// actions/post-merge-verifier/src/index.ts
void run();
