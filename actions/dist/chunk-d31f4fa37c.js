import { createRequire as __factoryCreateRequire } from 'node:module';
const require = __factoryCreateRequire(import.meta.url);

// actions/shared/github/api-error.ts
var GitHubApiError = class extends Error {
  constructor(message, operation, status, options) {
    super(message, options);
    this.operation = operation;
    this.status = status;
  }
  operation;
  status;
  name = "GitHubApiError";
};
function networkErrorCode(e) {
  if (e?.response !== void 0) return void 0;
  let current = e;
  for (let depth = 0; depth < 8 && current !== null && typeof current === "object"; depth++) {
    const code = current.code;
    if (typeof code === "string" && /^(E[A-Z0-9_]+|UND_ERR_[A-Z_]+)$/.test(code)) return code;
    current = current.cause;
  }
  return void 0;
}
var FAIL_FAST_CODES = ["ENOTFOUND"];
function failsFast(e) {
  const code = networkErrorCode(e);
  return code !== void 0 && FAIL_FAST_CODES.includes(code);
}
function statusOf(e) {
  const s = e?.status;
  if (typeof s !== "number" || s <= 0) return void 0;
  return networkErrorCode(e) === void 0 ? s : void 0;
}
function isStatus(e, ...statuses) {
  const s = statusOf(e);
  return s !== void 0 && statuses.includes(s);
}
function hostOf(url) {
  if (typeof url !== "string") return "GitHub";
  try {
    return new URL(url).host;
  } catch {
    return "GitHub";
  }
}
function shortUrl(url) {
  if (typeof url !== "string") return "";
  try {
    const u = new URL(url);
    return u.pathname;
  } catch {
    return url.split("?")[0] ?? "";
  }
}
function describeApiError(operation, e, retries) {
  if (e instanceof GitHubApiError) return e;
  const err = e ?? {};
  const status = statusOf(e);
  const method = typeof err.request?.method === "string" ? err.request.method : "";
  const url = shortUrl(err.request?.url);
  const request = [method, url].filter(Boolean).join(" ");
  const detail = typeof err.message === "string" ? err.message : String(e);
  const network = networkErrorCode(e);
  if (network) {
    const where = request ? ` ${request}:` : "";
    const tried = FAIL_FAST_CODES.includes(network) ? "" : `, gave up after ${retries} retries`;
    const message = `${operation} failed:${where} no answer from ${hostOf(err.request?.url)} (${network})${tried}`;
    return new GitHubApiError(message, operation, void 0, { cause: e });
  }
  if (!request && status === void 0) return new GitHubApiError(`${operation} failed: ${detail}`, operation, void 0, { cause: e });
  let why;
  if (status === void 0) why = Array.isArray(err.errors) ? "GraphQL error" : "got no answer";
  else why = `answered ${status}`;
  if (status !== void 0 && status >= 500) why += ` (gave up after ${retries} retries)`;
  else if ((status === 403 || status === 429) && /rate limit/i.test(detail)) why += " (rate limited, no retry left)";
  return new GitHubApiError(`${operation} failed: ${request} ${why}: ${detail}`, operation, status, { cause: e });
}
function withErrorContext(label, methods, retries) {
  const out = {};
  for (const [key, value] of Object.entries(methods)) {
    if (typeof value !== "function") {
      out[key] = value;
      continue;
    }
    const fn = value;
    out[key] = async (...args) => {
      try {
        return await fn(...args);
      } catch (e) {
        throw describeApiError(`${label}.${key}`, e, retries);
      }
    };
  }
  return Object.freeze(out);
}

export {
  GitHubApiError,
  networkErrorCode,
  failsFast,
  statusOf,
  isStatus,
  withErrorContext
};
