import { createRequire as __factoryCreateRequire } from 'node:module';
const require = __factoryCreateRequire(import.meta.url);
import "./chunk-71acfe59dc.js";
import {
  GitHubApiError,
  networkErrorCode
} from "./chunk-d31f4fa37c.js";
import {
  RUN_SECRET_ENV,
  createRedactor,
  secretEnvValues
} from "./chunk-66d88ceb62.js";
import {
  readEventFromEnv,
  skipped
} from "./chunk-611882844b.js";
import "./chunk-8935ddc7e5.js";
import {
  ConfigError,
  errorDetail,
  errorMessage,
  formatProblem,
  isConfigError
} from "./chunk-eebc0eba86.js";
import {
  external_exports
} from "./chunk-f1a3eba2ad.js";
import {
  routeEvent
} from "./chunk-733809efca.js";
import "./chunk-ffa5c3fea6.js";
import "./chunk-0a4052ce6e.js";

// actions/shared/action/entry.ts
import { readFileSync } from "node:fs";
import { join } from "node:path";

// actions/shared/action/core.ts
function coreLogger(core, redact = (s) => s) {
  return {
    debug: (m) => core.debug(redact(m)),
    info: (m) => core.info(redact(m)),
    notice: (m) => core.notice(redact(m)),
    warning: (m) => core.warning(redact(m)),
    error: (m) => core.error(redact(m))
  };
}

// actions/shared/action/inputs.ts
var TRUE = ["true", "True", "TRUE"];
var FALSE = ["false", "False", "FALSE", ""];
var schema = {
  "github-token": external_exports.string().min(1, "is required (pass ${{ github.token }} or a PAT)"),
  "app-token": external_exports.string(),
  "approver-token": external_exports.string(),
  "anthropic-api-key": external_exports.string(),
  config: external_exports.string().refine((p) => !p.startsWith("/") && !p.split("/").includes(".."), "must be a path inside the repository"),
  "issue-number": external_exports.string().regex(/^(\d+)?$/, "expected an issue number").refine((s) => s === "" || Number(s) > 0, "expected a positive issue number"),
  "command-comment": external_exports.string().regex(/^(\d+)?$/, "expected a comment id"),
  "dry-run": external_exports.string().refine((s) => TRUE.includes(s) || FALSE.includes(s), "expected true or false"),
  phase: external_exports.enum(["", "agent", "apply", "single"], "expected agent, apply or single"),
  "artifact-path": external_exports.string()
};
function readActionInputs(getInput) {
  const problems = [];
  const read = (name) => {
    const raw = getInput(name);
    const result = schema[name].safeParse(raw);
    if (!result.success) {
      const shown = name.includes("token") || name.includes("key") ? "" : `, got ${JSON.stringify(raw)}`;
      problems.push(`input "${name}": ${result.error.issues[0]?.message ?? "invalid"}${shown}`);
      return "";
    }
    return raw;
  };
  const inputs = {
    githubToken: read("github-token"),
    configPath: read("config") || ".github/factory.yml",
    dryRun: TRUE.includes(read("dry-run")),
    phase: read("phase") || "single"
  };
  const artifactPath = read("artifact-path");
  if (artifactPath) inputs.artifactPath = artifactPath;
  const appToken = read("app-token");
  if (appToken) inputs.appToken = appToken;
  const approverToken = read("approver-token");
  if (approverToken) inputs.approverToken = approverToken;
  const key = read("anthropic-api-key");
  if (key) inputs.anthropicApiKey = key;
  const issue = read("issue-number");
  if (issue) inputs.issueNumber = Number(issue);
  const comment = read("command-comment");
  if (comment) inputs.commandComment = Number(comment);
  if (inputs.phase === "agent" && appToken) {
    problems.push('input "app-token": must be empty in phase agent (the agent job holds no write token)');
  }
  if (inputs.phase === "apply" && key) {
    problems.push('input "anthropic-api-key": must be empty in phase apply (the apply job holds no model key)');
  }
  if (problems.length) throw new ConfigError(problems.map((message) => ({ path: "", message })));
  return inputs;
}
function coreInputReader(core) {
  return (name) => core.getInput(name, { trimWhitespace: true });
}

// actions/shared/action/failure.ts
function failureMessage(e) {
  if (e instanceof GitHubApiError) return e.message;
  const code = networkErrorCode(e);
  if (code) return `no answer from ${hostOf(e) ?? "the server"} (${code})`;
  return errorMessage(e);
}
function hostOf(e) {
  let current = e;
  for (let depth = 0; depth < 8 && current !== null && typeof current === "object"; depth++) {
    const url = current.request?.url;
    if (typeof url === "string") {
      try {
        return new URL(url).host;
      } catch {
        return void 0;
      }
    }
    const hostname = current.hostname;
    if (typeof hostname === "string" && hostname) return hostname;
    current = current.cause;
  }
  return void 0;
}

// actions/shared/action/entry.ts
async function runAction(automation, run, ctx) {
  const { core, env } = ctx;
  let redactor = createRedactor([]);
  try {
    const inputs = readActionInputs(coreInputReader(core));
    const secrets = [
      inputs.githubToken,
      inputs.appToken,
      inputs.approverToken,
      inputs.anthropicApiKey,
      ...secretEnvValues(env, RUN_SECRET_ENV)
    ];
    for (const secret of secrets) if (secret) core.setSecret(secret);
    redactor = createRedactor(secrets);
    const logger = coreLogger(core, (s) => redactor.redact(s));
    const event = readEventFromEnv(env, (p) => readFileSync(p, "utf8"));
    const route = routeEvent(event, automation);
    if (!route.run && inputs.issueNumber === void 0) {
      return report(core, skipped(route.reason), redactor);
    }
    const repo = repoFrom(env, event);
    const getOctokit = ctx.getOctokit ?? await ctx.loadOctokit?.();
    const { buildActionDeps } = await import("./deps-afbe54b929.js");
    const deps = await buildActionDeps({ automation, inputs, env, repo, logger, redactor, ...getOctokit ? { getOctokit } : {} });
    const runInputs = {
      event,
      ...inputs.issueNumber !== void 0 ? { issueNumber: inputs.issueNumber } : {},
      ...inputs.commandComment !== void 0 ? { commandComment: inputs.commandComment } : {}
    };
    if (inputs.phase === "single") return await report(core, await run(deps, runInputs), redactor);
    const { runAgentPhase, runApplyPhase } = await import("./phases-4c9cc67aba.js");
    const split = {
      dir: inputs.artifactPath ?? join(env.RUNNER_TEMP || deps.workspace, "factory-split"),
      workflowRunId: env.GITHUB_RUN_ID ?? "local"
    };
    const result = inputs.phase === "agent" ? await runAgentPhase(run, deps, runInputs, split) : await runApplyPhase(deps, runInputs, split);
    core.setOutput("writes", String(result.writes));
    await report(core, result, redactor);
    if (result.problems?.length) core.setFailed(redactor.redact(result.summary));
  } catch (error) {
    if (isConfigError(error)) {
      for (const p of error.problems) {
        core.error(redactor.redact(formatProblem(p)), {
          title: "Software Factory configuration",
          ...p.file ? { file: p.file } : {},
          ...p.line ? { startLine: p.line } : {},
          ...p.column ? { startColumn: p.column } : {}
        });
      }
      core.setFailed(redactor.redact(error.message));
    } else {
      core.debug(redactor.redact(errorDetail(error)));
      core.setFailed(redactor.redact(failureMessage(error)));
    }
  }
}
function repoFrom(env, event) {
  if (event.kind !== "unsupported") return event.repo;
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? "").split("/");
  if (!owner || !repo) throw new Error("GITHUB_REPOSITORY is not set (owner/name)");
  return { owner, repo };
}
async function report(core, result, redactor) {
  const summary = redactor.redact(result.summary);
  if (result.outcome === "skipped") core.notice(`skipped: ${summary}`);
  else core.info(summary);
  for (const line of result.details) core.info(redactor.redact(`  ${line}`));
  core.setOutput("outcome", result.outcome);
  const record = result.records[result.records.length - 1];
  if (record) {
    const { recordOutputs, summaryMarkdown } = await import("./record-612c418da5.js");
    for (const [k, v] of Object.entries(recordOutputs(record))) if (k !== "outcome") core.setOutput(k, v);
    core.summary.addRaw(redactor.redact(summaryMarkdown(record)), true);
    await core.summary.write().catch(() => void 0);
  } else {
    for (const k of ["cost-usd", "input-tokens", "output-tokens", "turns"]) core.setOutput(k, "0");
  }
  if (result.outcome === "failed") core.setFailed(summary);
}
export {
  runAction
};
