import { createRequire as __factoryCreateRequire } from 'node:module';
const require = __factoryCreateRequire(import.meta.url);
import {
  ROUTES
} from "./chunk-733809efca.js";

// actions/shared/action/start.ts
import { appendFileSync, readFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
function preGate(automation, env, readFile = (p) => readFileSync(p, "utf8")) {
  if ((env["INPUT_ISSUE-NUMBER"] ?? "").trim() !== "") return { skip: false };
  const name = env.GITHUB_EVENT_NAME ?? "";
  const rules = ROUTES[automation].filter((r) => r.kind === name);
  if (rules.length === 0) return { skip: true, reason: `${automation} does not handle ${name || "unnamed"} events` };
  if (rules.some((r) => !r.actions)) return { skip: false };
  let action;
  try {
    action = JSON.parse(readFile(env.GITHUB_EVENT_PATH ?? ""))?.action;
  } catch {
    return { skip: false };
  }
  if (typeof action === "string" && !rules.some((r) => r.actions?.includes(action))) {
    return { skip: true, reason: `${automation} does not handle ${name}.${action}` };
  }
  return { skip: false };
}
var SKIPPED_OUTPUTS = {
  outcome: "skipped",
  "cost-usd": "0",
  "input-tokens": "0",
  "output-tokens": "0",
  turns: "0"
};
function reportSkip(reason, env, write = (t) => process.stdout.write(t)) {
  write(`::notice::${escapeData(`skipped: ${reason}`)}
`);
  const file = env.GITHUB_OUTPUT;
  for (const [name, value] of Object.entries(SKIPPED_OUTPUTS)) {
    if (file) {
      const delimiter = `ghadelimiter_${randomUUID()}`;
      appendFileSync(file, `${name}<<${delimiter}
${value}
${delimiter}
`, "utf8");
    } else {
      write(`::set-output name=${name}::${escapeData(value)}
`);
    }
  }
}
function escapeData(s) {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
async function startAction(automation, modules, env = process.env) {
  const gate = preGate(automation, env);
  if (gate.skip) return reportSkip(gate.reason, env);
  const [{ runAction }, core, run] = await Promise.all([import("./entry-afca78c485.js"), import("./core-93722c3c8e.js"), modules.loadRun()]);
  await runAction(automation, run, {
    core,
    loadOctokit: async () => (await import("./github-2bc6fb8e6a.js")).getOctokit,
    env
  });
}

export {
  startAction
};
