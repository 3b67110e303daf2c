import Anthropic, { APIConnectionError, APIError, APIUserAbortError } from '@anthropic-ai/sdk';
import type { Message, MessageCreateParamsNonStreaming } from '@anthropic-ai/sdk/resources/messages';
import { ConfigError, type ConfigProblem } from '../errors';

/** A Messages API request without the model (the client chooses it) and with optional max_tokens. */
export type ModelRequest = Omit<MessageCreateParamsNonStreaming, 'model' | 'max_tokens' | 'stream'> & {
  max_tokens?: number;
};

export interface ModelCallOptions {
  signal?: AbortSignal;
}

/** The one door to the model. Production uses the Anthropic SDK; tests may pass a fake. */
export interface ModelClient {
  readonly model: string;
  readonly fallbackModel?: string;
  /** Default `max_tokens` for a request that does not set one. */
  readonly maxTokens: number;
  create(params: ModelRequest, options?: ModelCallOptions): Promise<Message>;
}

export interface ModelClientOptions {
  apiKey: string;
  baseURL?: string;
  model: string;
  fallbackModel?: string;
  maxTokens: number;
  /** Retries by the SDK for 408/409/429/5xx/529 and connection errors (default 3). */
  maxRetries?: number;
  /** Per attempt (default 10 minutes). */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** The model could not be reached or stayed overloaded/unavailable after every retry. */
export class ModelUnavailableError extends Error {
  override readonly name = 'ModelUnavailableError';
  constructor(
    readonly model: string,
    readonly status: number | undefined,
    readonly attempts: number,
    readonly requestId: string | undefined,
    readonly detail: string,
    readonly fallback?: ModelUnavailableError,
  ) {
    super(
      `model ${model} unavailable: ${status === undefined ? 'no response' : `HTTP ${status}`}` +
        `${detail ? ` (${detail})` : ''} after ${attempts} attempt${attempts === 1 ? '' : 's'}` +
        `${requestId ? `, request-id ${requestId}` : ''}` +
        `${fallback ? `; fallback ${fallback.message}` : ''}`,
    );
  }
}

/** The API rejected the request (4xx other than rate limits): retrying will not help. */
export class ModelRequestError extends Error {
  override readonly name = 'ModelRequestError';
  constructor(
    readonly model: string,
    readonly status: number | undefined,
    readonly requestId: string | undefined,
    detail: string,
  ) {
    super(
      `model ${model} request failed: ${status === undefined ? 'error' : `HTTP ${status}`}` +
        `${detail ? ` (${detail})` : ''}${requestId ? `, request-id ${requestId}` : ''}`,
    );
  }
}

const DEFAULT_TIMEOUT_MS = 10 * 60_000;
const DEFAULT_BASE_URL = 'https://api.anthropic.com';
/** Statuses after which another model may help: rate limited, overloaded or down. */
const UNAVAILABLE = new Set([408, 429, 500, 502, 503, 504, 529]);

export function createModelClient(opts: ModelClientOptions): ModelClient {
  const problems: ConfigProblem[] = [];
  if (!opts.apiKey) problems.push({ path: 'apiKey', message: 'is empty; pass the Anthropic API key secret' });
  if (!opts.model) problems.push({ path: 'model', message: 'is empty' });
  if (!Number.isInteger(opts.maxTokens) || opts.maxTokens < 1) {
    problems.push({ path: 'maxTokens', message: `must be a positive integer, got ${opts.maxTokens}` });
  }
  if (problems.length) throw new ConfigError(problems);
  const maxRetries = opts.maxRetries ?? 3;
  // Everything explicit: no endpoint, credential or profile is picked up from the environment.
  const sdk = new Anthropic({
    apiKey: opts.apiKey,
    baseURL: opts.baseURL ?? DEFAULT_BASE_URL,
    maxRetries,
    timeout: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
    logLevel: 'off',
  });
  const scrub = (text: string) => (opts.apiKey ? text.split(opts.apiKey).join('[redacted]') : text);

  async function call(model: string, params: ModelRequest, options?: ModelCallOptions): Promise<Message> {
    try {
      return await sdk.messages.create(
        { ...params, model, max_tokens: params.max_tokens ?? opts.maxTokens, stream: false },
        options?.signal ? { signal: options.signal } : undefined,
      );
    } catch (e) {
      throw translate(e, model, maxRetries, scrub);
    }
  }

  return {
    model: opts.model,
    ...(opts.fallbackModel ? { fallbackModel: opts.fallbackModel } : {}),
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
    },
  };
}

function translate(e: unknown, model: string, maxRetries: number, scrub: (s: string) => string): Error {
  if (e instanceof APIUserAbortError) return e;
  if (e instanceof APIConnectionError) {
    return new ModelUnavailableError(model, undefined, maxRetries + 1, undefined, scrub(e.message));
  }
  if (e instanceof APIError) {
    const status = typeof e.status === 'number' ? e.status : undefined;
    const requestId = e.requestID ?? undefined;
    const detail = scrub([e.type, e.apiMessage].filter(Boolean).join(': '));
    if (status !== undefined && UNAVAILABLE.has(status)) {
      // The SDK retried this status unless the server said not to.
      const retried = e.headers?.get('x-should-retry') !== 'false';
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
