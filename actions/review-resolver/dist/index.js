import { createRequire as __factoryCreateRequire } from 'node:module';
const require = __factoryCreateRequire(import.meta.url);
import {
  startAction
} from "../../dist/chunk-170a6444d5.js";
import "../../dist/chunk-733809efca.js";
import "../../dist/chunk-ffa5c3fea6.js";
import "../../dist/chunk-0a4052ce6e.js";

// actions/review-resolver/src/main.ts
function run() {
  return startAction("review-resolver", { loadRun: async () => (await import("../../dist/run-d11a9421ba.js")).run });
}

// actions/review-resolver/src/index.ts
void run();
