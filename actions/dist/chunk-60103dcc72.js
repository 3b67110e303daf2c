import { createRequire as __factoryCreateRequire } from 'node:module';
const require = __factoryCreateRequire(import.meta.url);

// actions/shared/isolation/types.ts
var IsolationUnavailableError = class extends Error {
  constructor(reason, fix) {
    super(`isolation is required (execution.isolation) and not available: ${reason}. Fix: ${fix}`);
    this.reason = reason;
    this.fix = fix;
  }
  reason;
  fix;
  name = "IsolationUnavailableError";
};
function isIsolationUnavailable(e) {
  return e instanceof IsolationUnavailableError || e instanceof Error && e.name === "IsolationUnavailableError";
}

export {
  IsolationUnavailableError,
  isIsolationUnavailable
};
