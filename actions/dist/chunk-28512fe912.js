import { createRequire as __factoryCreateRequire } from 'node:module';
const require = __factoryCreateRequire(import.meta.url);
import {
  ConfigError
} from "./chunk-eebc0eba86.js";
import {
  APIConnectionError,
  APIError,
  APIUserAbortError,
  Anthropic
} from "./chunk-90c2ce1427.js";

// actions/shared/agent/model.ts
var ModelUnavailableError = class extends Error {
  constructor(model, status, attempts, requestId, detail, fallback) {
    super(
      `model ${model} unavailable: ${status === void 0 ? "no response" : `HTTP ${status}`}${detail ? ` (${detail})` : ""} after ${attempts} attempt${attempts === 1 ? "" : "s"}${requestId ? `, request-id ${requestId}` : ""}${fallback ? `; fallback ${fallback.message}` : ""}`
    );
    this.model = model;
    this.status = status;
    this.attempts = attempts;
    this.requestId = requestId;
    this.detail = detail;
    this.fallback = fallback;
  }
  model;
  status;
  attempts;
  requestId;
  detail;
  fallback;
  name = "ModelUnavailableError";
};
var ModelRequestError = class extends Error {
  constructor(model, status, requestId, detail) {
    super(
      `model ${model} request failed: ${status === void 0 ? "error" : `HTTP ${status}`}${detail ? ` (${detail})` : ""}${requestId ? `, request-id ${requestId}` : ""}`
    );
    this.model = model;
    this.status = status;
    this.requestId = requestId;
  }
  model;
  status;
  requestId;
  name = "ModelRequestError";
};
var DEFAULT_TIMEOUT_MS = 10 * 6e4;
var DEFAULT_BASE_URL = "https://api.anthropic.com";
var UNAVAILABLE = /* @__PURE__ */ new Set([408, 429, 500, 502, 503, 504, 529]);
function createModelClient(opts) {
  const problems = [];
  if (!opts.apiKey) problems.push({ path: "apiKey", message: "is empty; pass the Anthropic API key secret" });
  if (!opts.model) problems.push({ path: "model", message: "is empty" });
  if (!Number.isInteger(opts.maxTokens) || opts.maxTokens < 1) {
    problems.push({ path: "maxTokens", message: `must be a positive integer, got ${opts.maxTokens}` });
  }
  if (problems.length) throw new ConfigError(problems);
  const maxRetries = opts.maxRetries ?? 3;
  const sdk = new Anthropic({
    apiKey: opts.apiKey,
    baseURL: opts.baseURL ?? DEFAULT_BASE_URL,
    maxRetries,
    timeout: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    ...opts.fetch ? { fetch: opts.fetch } : {},
    logLevel: "off"
  });
  const scrub = (text) => opts.apiKey ? text.split(opts.apiKey).join("[redacted]") : text;
  async function call(model, params, options) {
    try {
      return await sdk.messages.create(
        { ...params, model, max_tokens: params.max_tokens ?? opts.maxTokens, stream: false },
        options?.signal ? { signal: options.signal } : void 0
      );
    } catch (e) {
      throw translate(e, model, maxRetries, scrub);
    }
  }
  return {
    model: opts.model,
    ...opts.fallbackModel ? { fallbackModel: opts.fallbackModel } : {},
    maxTokens: opts.maxTokens,
    async create(params, options) {
      try {
        return await call(opts.model, params, options);
      } catch (e) {
        if (!(e instanceof ModelUnavailableError) || !opts.fallbackModel || options?.signal?.aborted) throw e;
        try {
          return await call(opts.fallbackModel, params, options);
        } catch (f) {
          if (f instanceof ModelUnavailableError) {
            throw new ModelUnavailableError(e.model, e.status, e.attempts, e.requestId, e.detail, f);
          }
          throw f;
        }
      }
    }
  };
}
function translate(e, model, maxRetries, scrub) {
  if (e instanceof APIUserAbortError) return e;
  if (e instanceof APIConnectionError) {
    return new ModelUnavailableError(model, void 0, maxRetries + 1, void 0, scrub(e.message));
  }
  if (e instanceof APIError) {
    const status = typeof e.status === "number" ? e.status : void 0;
    const requestId = e.requestID ?? void 0;
    const detail = scrub([e.type, e.apiMessage].filter(Boolean).join(": "));
    if (status !== void 0 && UNAVAILABLE.has(status)) {
      const retried = e.headers?.get("x-should-retry") !== "false";
      return new ModelUnavailableError(model, status, retried ? maxRetries + 1 : 1, requestId, detail);
    }
    return new ModelRequestError(model, status, requestId, detail);
  }
  if (e instanceof Error) {
    const out = new Error(scrub(e.message));
    out.name = e.name;
    return out;
  }
  return new Error(scrub(String(e)));
}

export {
  ModelUnavailableError,
  ModelRequestError,
  createModelClient
};
