import type { AutomationDeps } from '../../shared/automation/types';
import type { FactoryConfig } from '../../shared/config';

/**
 * The shepherd's shared vocabulary: what its triage reads about one pull request (from one
 * GraphQL page of the sweep, no per-PR REST call), the dependencies each step gets, and what a
 * step reports back. Steps driven by the model (conflict resolution, second look) take the same
 * three arguments as the deterministic ones: `(deps, pr, ctx)`.
 */

/** One comment on a pull request, as the sweep read it (the last few only). */
export interface ShepherdComment {
  /** REST database id (to edit it). */
  id: number;
  author: string;
  body: string;
  createdAt: string;
  /** Its last edit (equal to createdAt when never edited). */
  updatedAt: string;
}

/** The rolled-up state of the head commit's checks (GraphQL `statusCheckRollup`). */
export interface ShepherdChecks {
  /** SUCCESS | FAILURE | ERROR | PENDING | EXPECTED; null when the head has no check at all. */
  state: 'SUCCESS' | 'FAILURE' | 'ERROR' | 'PENDING' | 'EXPECTED' | null;
  /** Names of the checks that failed (check runs and commit statuses), at most the first page. */
  failing: string[];
  /** Names of the checks still queued or running. */
  pending: string[];
  /** When the oldest pending check started (or was queued), ISO; absent when none is pending. */
  pendingSince?: string;
}

/** A pull request as the shepherd's triage sees it. */
export interface ShepherdPr {
  number: number;
  /** GraphQL node id (auto-merge, enqueue). */
  nodeId: string;
  title: string;
  url: string;
  author: string;
  isDraft: boolean;
  /** The head is a branch of another repository: the shepherd never pushes to it. */
  isFork: boolean;
  head: { ref: string; oid: string };
  base: { ref: string; oid: string };
  labels: string[];
  /** MERGEABLE | CONFLICTING | UNKNOWN (GitHub computes it lazily). */
  mergeable: 'MERGEABLE' | 'CONFLICTING' | 'UNKNOWN';
  /** BEHIND | BLOCKED | CLEAN | DIRTY | DRAFT | HAS_HOOKS | UNKNOWN | UNSTABLE. */
  mergeStateStatus: string;
  checks: ShepherdChecks;
  createdAt: string;
  updatedAt: string;
  /** The last comments, oldest first (a bounded number; enough for cooldowns and "never twice in a row"). */
  lastComments: ShepherdComment[];
  /** Issues the pull request closes (`Fixes #N`), from GitHub's closing references. */
  closingIssues: number[];
}

/** The shepherd's settings, resolved from config (`shepherd.*`). */
export type ShepherdSettings = FactoryConfig['shepherd'];

/**
 * The dependencies every step gets: the same objects as any automation's run() (GitHub
 * reader/writer, model client, git, executor, clock, config, logger, records, dry-run).
 */
export type ShepherdDeps = AutomationDeps;

/** What the run knows beyond the pull request: the time, the trigger and the settings. */
export interface ShepherdContext {
  /** The run's "now" (the injected clock, read once per run). */
  now: Date;
  /** The repository's default branch. */
  defaultBranch: string;
  /** The factory's own login (config trust.botLogin): its comments and markers count, others' do not. */
  botLogin: string;
  settings: ShepherdSettings;
  /** What started the run: `schedule`, `workflow_dispatch`, `pull_request.labeled`, `workflow_run`. */
  trigger: string;
  /** The kind of the shepherd's marker (`pr-shepherd`, see ./marker). */
  markerKind: string;
  /**
   * `body` with the shepherd's marker for `step` (`<!-- factory:pr-shepherd:STEP -->`, with `data`
   * as its JSON payload): every comment a step writes carries it, so "touched" and "the last factory
   * comment is the shepherd's" are read from GitHub on the next run.
   */
  mark(body: string, step: string, data?: Record<string, unknown>): string;
}

/** A step's result. `wrote`: whether it changed anything on GitHub (a re-run that finds nothing to do writes nothing). */
export interface StepOutcome {
  kind: 'fixed' | 'escalated' | 'confirmed' | 'skipped' | 'failed';
  /** One line for the log and the run summary. */
  summary: string;
  wrote: boolean;
}

/** One step of the triage: a deterministic one, or a model-driven one (conflicts, second look). */
export type ShepherdStep = (deps: ShepherdDeps, pr: ShepherdPr, ctx: ShepherdContext) => Promise<StepOutcome>;
