import type Anthropic from '@anthropic-ai/sdk';
import type { MessagesRequest } from './request';

export type { MessagesRequest } from './request';

export type StopReason = 'end_turn' | 'tool_use' | 'max_tokens' | 'pause_turn' | 'refusal' | 'stop_sequence';

/** One reply of the emulated model. */
export interface ScriptedTurn {
  text?: string;
  /** Each becomes a `tool_use` block; `id` defaults to a fresh `toolu_...` id. */
  toolCalls?: { name: string; input: unknown; id?: string }[];
  /** Defaults to `tool_use` when there are tool calls, else `end_turn`. */
  stopReason?: StopReason;
  /** Defaults to the approximation of tokens.ts over the reply's text and tool calls. */
  outputTokens?: number;
}

/** Reply i answers request i; after the last turn every request gets a final end_turn text. */
export interface ScriptedScenario {
  kind: 'scripted';
  turns: ScriptedTurn[];
}

/**
 * A model that obeys every instruction found in user text or tool results (see compromised.ts
 * for the grammar). `callsPerTurn` (default 1) instructions are issued per reply; after
 * `maxTurns` assistant turns in the conversation it stops with end_turn text.
 */
export interface CompromisedScenario {
  kind: 'compromised';
  maxTurns?: number;
  callsPerTurn?: number;
}

export type ScenarioFunction = (req: MessagesRequest, ctx: { turn: number }) => ScriptedTurn;

export type Scenario = ScriptedScenario | CompromisedScenario | ScenarioFunction;

export type FaultStatus = 429 | 529 | 500;

export interface Fault {
  status: FaultStatus;
  /** How many consecutive `POST /v1/messages` requests fail with this fault. */
  times: number;
  /** Seconds, sent as the `retry-after` header (fractions allowed, for fast tests). */
  retryAfter?: number;
}

export interface ApiErrorBody {
  type: 'error';
  error: { type: string; message: string };
  request_id: string;
}

/** Everything the sandbox saw and answered, in arrival order. */
export interface RecordedModelRequest {
  requestId: string;
  endpoint: 'messages' | 'count_tokens';
  /** The parsed JSON body; only guaranteed to match the type when `status` is 200. */
  body: MessagesRequest;
  stream: boolean;
  status: number;
  /** Set when the response was an injected fault. */
  fault?: FaultStatus;
  /** Index of the scenario turn that answered (messages endpoint, status 200). */
  turn?: number;
  /** Computed usage (messages endpoint, status 200). */
  usage?: Anthropic.Usage;
  response: Anthropic.Message | Anthropic.MessageTokensCount | ApiErrorBody;
}

export interface ModelSandbox {
  /** Pass as `baseURL` to the Anthropic client. */
  url: string;
  requests: RecordedModelRequest[];
  faults: { add(f: Fault): void };
  /** Replace the scenario; the turn counter of scripted and function scenarios restarts at 0. */
  setScenario(s: Scenario): void;
  close(): Promise<void>;
}

export interface ModelSandboxOptions {
  scenario?: Scenario;
  /** Loopback port; 0 or absent picks a free one. */
  port?: number;
}
