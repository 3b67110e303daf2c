import { startModelSandbox, type ModelSandbox } from '@software-factory/model-sandbox';
import { createModelClient, ModelRequestError, ModelUnavailableError } from './model';

const API_KEY = 'sk-ant-test-key-do-not-leak';
const hello = { messages: [{ role: 'user' as const, content: 'hello' }] };

describe('createModelClient against the model sandbox', () => {
  let sandbox: ModelSandbox;
  beforeEach(async () => {
    sandbox = await startModelSandbox({ scenario: { kind: 'scripted', turns: [{ text: 'hi there' }] } });
  });
  afterEach(async () => {
    await sandbox.close();
  });
  const client = (over: { fallbackModel?: string; maxRetries?: number } = {}) =>
    createModelClient({ apiKey: API_KEY, baseURL: sandbox.url, model: 'claude-primary', maxTokens: 256, ...over });
  const messageRequests = () => sandbox.requests.filter((r) => r.endpoint === 'messages');

  it('sends the model and max_tokens and returns the message', async () => {
    const reply = await client().create(hello);
    expect(reply.content).toEqual([expect.objectContaining({ type: 'text', text: 'hi there' })]);
    expect(messageRequests()[0]!.body).toMatchObject({ model: 'claude-primary', max_tokens: 256 });
  });

  it('retries 529 twice, then succeeds', async () => {
    sandbox.faults.add({ status: 529, times: 2, retryAfter: 0.01 });
    const reply = await client({ maxRetries: 3 }).create(hello);
    expect(reply.stop_reason).toBe('end_turn');
    expect(messageRequests().map((r) => r.status)).toEqual([529, 529, 200]);
  });

  it('after the last retry throws ModelUnavailableError naming status, model, attempts and request-id', async () => {
    sandbox.faults.add({ status: 529, times: 10, retryAfter: 0.01 });
    const error = await client({ maxRetries: 2 })
      .create(hello)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelUnavailableError);
    const e = error as ModelUnavailableError;
    const seen = messageRequests();
    expect(seen).toHaveLength(3);
    expect(e).toMatchObject({ status: 529, model: 'claude-primary', attempts: 3, requestId: seen[2]!.requestId });
    expect(e.message).toContain('model claude-primary unavailable: HTTP 529');
    expect(e.message).toContain('after 3 attempts');
    expect(e.message).toContain(`request-id ${seen[2]!.requestId}`);
    expect(e.message).not.toContain(API_KEY);
  });

  it('uses the fallback model once when the primary stays overloaded', async () => {
    sandbox.faults.add({ status: 529, times: 2, retryAfter: 0.01 });
    const reply = await client({ maxRetries: 1, fallbackModel: 'claude-fallback' }).create(hello);
    expect(reply.model).toBe('claude-fallback');
    expect(messageRequests().map((r) => [r.body.model, r.status])).toEqual([
      ['claude-primary', 529],
      ['claude-primary', 529],
      ['claude-fallback', 200],
    ]);
  });

  it('names both models when the fallback is unavailable too', async () => {
    sandbox.faults.add({ status: 500, times: 4, retryAfter: 0.01 });
    const error = (await client({ maxRetries: 1, fallbackModel: 'claude-fallback' })
      .create(hello)
      .catch((e: unknown) => e)) as ModelUnavailableError;
    expect(error).toBeInstanceOf(ModelUnavailableError);
    expect(error.message).toMatch(/claude-primary unavailable: HTTP 500.*fallback model claude-fallback unavailable/);
    expect(messageRequests()).toHaveLength(4);
  });

  it('does not retry a request the API rejects', async () => {
    const error = await client({ fallbackModel: 'claude-fallback' })
      .create({ messages: [] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelRequestError);
    expect((error as ModelRequestError).status).toBe(400);
    expect(messageRequests()).toHaveLength(1);
  });
});

describe('createModelClient options', () => {
  it('rejects an empty key or a bad max_tokens, naming the field', () => {
    expect(() => createModelClient({ apiKey: '', model: 'm', maxTokens: 10 })).toThrow(/apiKey: is empty/);
    expect(() => createModelClient({ apiKey: 'k', model: 'm', maxTokens: 0 })).toThrow(/maxTokens: must be a positive integer/);
  });
});

describe('createModelClient secrets', () => {
  it('never puts the API key in an error message, even when the server echoes it', async () => {
    const echoing: typeof fetch = async (_url, init) => {
      const key = new Headers(init?.headers).get('x-api-key');
      return new Response(JSON.stringify({ type: 'error', error: { type: 'authentication_error', message: `bad key ${key}` } }), {
        status: 401,
        headers: { 'content-type': 'application/json', 'request-id': 'req_echo' },
      });
    };
    const c = createModelClient({ apiKey: API_KEY, model: 'm', maxTokens: 10, fetch: echoing, baseURL: 'http://127.0.0.1:9' });
    const error = (await c.create(hello).catch((e: unknown) => e)) as ModelRequestError;
    expect(error).toBeInstanceOf(ModelRequestError);
    expect(error.message).toContain('HTTP 401');
    expect(error.message).toContain('request-id req_echo');
    expect(error.message).not.toContain(API_KEY);
    expect(JSON.stringify(error)).not.toContain(API_KEY);
  });
});
