import type { TurnProgress } from '../agent/loop';
import type { ModelClient } from '../agent/model';
import type { TranscriptSink } from '../agent/transcript';
import type { FactoryConfig } from '../config';
import type { ParsedEvent } from '../events';
import type { GitPort } from '../git';
import type { GitHub, GitHubWriter } from '../github/types';
import type { Executor } from '../isolation/types';
import type { Clock, Logger } from '../ports';
import type { RunRecord } from '../record/run-record';
import type { Redactor } from '../security';
import type { IntentLog } from '../split/recorder';
import type { Automation } from '../state/automations';

/** Where run records and transcripts go (files under the runner's temp dir, or memory in tests). */
export interface RecordStore {
  transcript(runId: string): TranscriptSink;
  write(record: RunRecord): Promise<string | undefined>;
}

/**
 * Everything an automation's run() needs, built once by main.ts or the CLI. Every side effect
 * sits behind one of these, so tests pass fakes or the sandboxes.
 */
export interface AutomationDeps {
  automation: Automation;
  config: FactoryConfig;
  github: GitHub;
  /** Absent when no API key was given: runs that need the model then fail with a ConfigError. */
  model?: ModelClient;
  logger: Logger;
  clock: Clock;
  redactor: Redactor;
  runId: string;
  /** The checkout of the default branch the agent's file tools are jailed to. */
  workspace: string;
  /** Scrubbed environment for git. */
  env: Record<string, string>;
  /** Runs repository code (checks, the agent's commands) in the sandbox: actions/shared/isolation. */
  executor: Executor;
  records: RecordStore;
  dryRun: boolean;
  /** A GitHub App token is in use: events the factory causes start workflows by themselves. */
  appToken: boolean;
  /** A second identity (input `approver-token`) that may approve the factory's pull requests: GitHub refuses an approval of one's own. */
  approver?: GitHubWriter;
  /** Opens the workspace as a git repository (automations that push). */
  git?: (opts?: { extraBranches?: string[] }) => GitPort;
  /** Split mode's agent job: every agent step's intents and verdicts, for the apply job to re-check. */
  intentLog?: IntentLog;
  /** Told of each model reply as it happens (the CLI's progress output); absent in workflows. */
  onTurn?: (progress: TurnProgress) => void;
}

export interface RunInputs {
  event: ParsedEvent;
  /** workflow_dispatch input or CLI flag. */
  issueNumber?: number;
  /** workflow_dispatch input `command-comment`: the `@factory fix` comment that asked for this run (checked on GitHub, not trusted). */
  commandComment?: number;
}

export type AutomationOutcome = 'skipped' | 'completed' | 'no-op' | 'budget_exhausted' | 'refused' | 'failed';

export interface AutomationResult {
  outcome: AutomationOutcome;
  /** One line a person reads in the job log or the CLI. */
  summary: string;
  /** What was done, one line per write (or would-be write in dry-run). */
  details: string[];
  records: RunRecord[];
}

export type AutomationRun = (deps: AutomationDeps, inputs: RunInputs) => Promise<AutomationResult>;

export function skipped(reason: string): AutomationResult {
  return { outcome: 'skipped', summary: reason, details: [], records: [] };
}
