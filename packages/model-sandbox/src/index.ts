/**
 * The model sandbox: a loopback Anthropic Messages API for tests, the CLI demo and benchmarks.
 * See README.md for token counting, prompt caching and the compromised model's grammar.
 */
export { startModelSandbox } from './server';
export { loadScenarioFile, SCRIPT_EXHAUSTED_TEXT, ScenarioError, formatScenarioProblem, type ScenarioProblem } from './scenario';
export { COMPROMISED_DONE_TEXT, COMPROMISED_MAX_TURNS_TEXT, parseInstructions, pendingInstructions, type Instruction } from './compromised';
export { countInputTokens, MIN_CACHEABLE_TOKENS, CACHE_LOOKBACK_BLOCKS } from './tokens';
export type {
  ApiErrorBody,
  CompromisedScenario,
  Fault,
  FaultStatus,
  MessagesRequest,
  ModelSandbox,
  ModelSandboxOptions,
  RecordedModelRequest,
  Scenario,
  ScenarioFunction,
  ScriptedScenario,
  ScriptedTurn,
  StopReason,
} from './types';
export { blocksOf } from './request';
