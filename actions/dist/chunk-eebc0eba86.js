import { createRequire as __factoryCreateRequire } from 'node:module';
const require = __factoryCreateRequire(import.meta.url);

// actions/shared/errors.ts
var ConfigError = class extends Error {
  name = "ConfigError";
  problems;
  constructor(problems, location) {
    const list = typeof problems === "string" ? [{ path: "", message: problems, ...location }] : problems;
    super(list.map(formatProblem).join("\n"));
    this.problems = list;
  }
};
function formatProblem(p) {
  const where = p.file ? [p.file, p.line, p.column].filter((x) => x !== void 0 && x !== "").join(":") : "";
  const field = p.path ? `${p.path}: ` : "";
  return `${where ? `${where} ` : ""}${field}${p.message}`;
}
function isConfigError(e) {
  return e instanceof ConfigError || e instanceof Error && e.name === "ConfigError";
}
function errorMessage(e) {
  if (e instanceof Error) return e.message;
  return String(e);
}
function errorDetail(e) {
  if (e instanceof Error) return e.stack ?? e.message;
  return String(e);
}

export {
  ConfigError,
  formatProblem,
  isConfigError,
  errorMessage,
  errorDetail
};
