import type { Logger } from '../ports';

/**
 * The part of @actions/core the factory uses. Only an action's main.ts imports @actions/core and
 * passes it in; everything else sees this interface, so tests pass a fake.
 */
export interface AnnotationProperties {
  title?: string;
  file?: string;
  startLine?: number;
  startColumn?: number;
}

export interface ActionsCore {
  getInput(name: string, options?: { required?: boolean; trimWhitespace?: boolean }): string;
  setOutput(name: string, value: unknown): void;
  setFailed(message: string | Error): void;
  setSecret(secret: string): void;
  debug(message: string): void;
  info(message: string): void;
  notice(message: string | Error, properties?: AnnotationProperties): void;
  warning(message: string | Error, properties?: AnnotationProperties): void;
  error(message: string | Error, properties?: AnnotationProperties): void;
  summary: { addRaw(text: string, addEOL?: boolean): unknown; write(): Promise<unknown> };
}

export function coreLogger(core: ActionsCore, redact: (s: string) => string = (s) => s): Logger {
  return {
    debug: (m) => core.debug(redact(m)),
    info: (m) => core.info(redact(m)),
    notice: (m) => core.notice(redact(m)),
    warning: (m) => core.warning(redact(m)),
    error: (m) => core.error(redact(m)),
  };
}
