import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Anthropic from '@anthropic-ai/sdk';
import { InvalidRequest, validateRequest, type MessagesRequest } from './request';
import { nextTurn, outputTokensOf } from './scenario';
import { messageEvents, PING_FRAME, sseFrame } from './sse';
import { countInputTokens, promptBlocks, PromptCache, type CacheUsage } from './tokens';
import type {
  ApiErrorBody,
  Fault,
  FaultStatus,
  ModelSandbox,
  ModelSandboxOptions,
  RecordedModelRequest,
  Scenario,
  ScriptedTurn,
} from './types';

const MAX_BODY_BYTES = 32 * 1024 * 1024;

const FAULTS: Record<FaultStatus, { type: string; message: string }> = {
  429: { type: 'rate_limit_error', message: 'This request would exceed the rate limit (sandbox fault).' },
  529: { type: 'overloaded_error', message: 'Overloaded (sandbox fault).' },
  500: { type: 'api_error', message: 'Internal server error (sandbox fault).' },
};

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A loopback server speaking the Anthropic Messages API (`POST /v1/messages`, streaming when
 * the body has `stream: true`, and `POST /v1/messages/count_tokens`), so `@anthropic-ai/sdk`
 * runs unmodified with `baseURL: sandbox.url`.
 */
export async function startModelSandbox(opts: ModelSandboxOptions = {}): Promise<ModelSandbox> {
  let scenario: Scenario = opts.scenario ?? { kind: 'scripted', turns: [] };
  let turn = 0;
  let seq = 0;
  const cache = new PromptCache();
  const faults: Fault[] = [];
  const requests: RecordedModelRequest[] = [];
  const nextId = (prefix: string) => `${prefix}_sandbox_${String(++seq).padStart(6, '0')}`;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = nextId('req');
    res.setHeader('request-id', requestId);
    const record: RecordedModelRequest = {
      requestId,
      endpoint: 'messages',
      body: {} as MessagesRequest,
      stream: false,
      status: 0,
      response: errorBody('api_error', 'unanswered', requestId),
    };
    const fail = (status: number, type: string, message: string, headers: Record<string, string> = {}) => {
      record.status = status;
      record.response = errorBody(type, message, requestId);
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(record.response));
    };
    try {
      const path = (req.url ?? '').split('?')[0];
      if (req.method !== 'POST' || (path !== '/v1/messages' && path !== '/v1/messages/count_tokens')) {
        throw new HttpError(404, 'not_found_error', `Not found: ${req.method ?? ''} ${path ?? ''}`);
      }
      record.endpoint = path === '/v1/messages' ? 'messages' : 'count_tokens';
      requests.push(record);
      if (!req.headers['x-api-key'] && !req.headers.authorization) {
        throw new HttpError(401, 'authentication_error', 'x-api-key header is required');
      }
      if (!req.headers['anthropic-version']) {
        throw new HttpError(400, 'invalid_request_error', 'anthropic-version: header is required');
      }
      const raw = await readBody(req);
      record.body = raw as MessagesRequest;
      record.stream = (raw as { stream?: unknown } | undefined)?.stream === true;

      const fault = record.endpoint === 'messages' ? takeFault() : undefined;
      if (fault) {
        record.fault = fault.status;
        const { type, message } = FAULTS[fault.status];
        const headers: Record<string, string> = fault.retryAfter === undefined ? {} : { 'retry-after': String(fault.retryAfter) };
        fail(fault.status, type, message, headers);
        return;
      }

      const body = validateRequest(raw, record.endpoint);
      if (record.endpoint === 'count_tokens') {
        record.status = 200;
        record.response = { input_tokens: countInputTokens(body) };
        sendJson(res, record.response);
        return;
      }
      const usage = cache.account(promptBlocks(body));
      let reply: ScriptedTurn;
      if (body.max_tokens === 0) {
        reply = { stopReason: 'max_tokens', outputTokens: 0 };
      } else {
        reply = await nextTurn(scenario, body, turn).catch((e: unknown) => {
          throw new HttpError(500, 'api_error', `sandbox scenario failed: ${(e as Error).message}`);
        });
        record.turn = turn++;
      }
      const message = buildMessage(body, reply, usage, nextId);
      record.status = 200;
      record.usage = message.usage;
      record.response = message;
      if (record.stream) sendStream(res, message);
      else sendJson(res, message);
    } catch (e) {
      if (e instanceof HttpError) fail(e.status, e.type, e.message);
      else if (e instanceof InvalidRequest) fail(400, 'invalid_request_error', e.message);
      else fail(500, 'api_error', `sandbox error: ${(e as Error).message}`);
    }
  }

  function takeFault(): Fault | undefined {
    const head = faults[0];
    if (!head) return undefined;
    if (--head.times <= 0) faults.shift();
    return head;
  }

  const server = createServer((req, res) => {
    void handle(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    faults: {
      add(f: Fault) {
        if (!(f.status in FAULTS)) throw new Error(`fault status must be 429, 529 or 500, got ${f.status}`);
        if (!Number.isInteger(f.times) || f.times < 1) {
          throw new Error(`fault times must be a positive integer, got ${f.times}`);
        }
        faults.push({ ...f });
      },
    },
    setScenario(s: Scenario) {
      scenario = s;
      turn = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function buildMessage(
  req: MessagesRequest,
  reply: ScriptedTurn,
  cacheUsage: CacheUsage,
  nextId: (prefix: string) => string,
): Anthropic.Message {
  const content: Anthropic.ContentBlock[] = [];
  if (reply.text) content.push({ type: 'text', text: reply.text, citations: null });
  for (const call of reply.toolCalls ?? []) {
    content.push({
      type: 'tool_use',
      id: call.id ?? nextId('toolu'),
      name: call.name,
      input: call.input,
      caller: { type: 'direct' },
    });
  }
  const stopReason = reply.stopReason ?? (reply.toolCalls?.length ? 'tool_use' : 'end_turn');
  const stopSequences = (req as { stop_sequences?: unknown }).stop_sequences;
  const firstStop = Array.isArray(stopSequences) && typeof stopSequences[0] === 'string' ? stopSequences[0] : null;
  return {
    id: nextId('msg'),
    type: 'message',
    role: 'assistant',
    model: req.model,
    content,
    stop_reason: stopReason,
    stop_sequence: stopReason === 'stop_sequence' ? firstStop : null,
    stop_details: null,
    container: null,
    diagnostics: null,
    usage: {
      ...cacheUsage,
      output_tokens: outputTokensOf(reply),
      output_tokens_details: null,
      server_tool_use: null,
      service_tier: 'standard',
      inference_geo: null,
      speed: null,
    },
  };
}

function errorBody(type: string, message: string, requestId: string): ApiErrorBody {
  return { type: 'error', error: { type, message }, request_id: requestId };
}

function sendJson(res: ServerResponse, body: unknown): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function sendStream(res: ServerResponse, message: Anthropic.Message): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const [start, ...rest] = messageEvents(message);
  if (start) res.write(sseFrame(start));
  res.write(PING_FRAME);
  for (const event of rest) res.write(sseFrame(event));
  res.end();
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'request_too_large', 'Request exceeds the maximum allowed size.');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, 'invalid_request_error', 'The request body is not valid JSON.');
  }
}
