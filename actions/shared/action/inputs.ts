import { z } from 'zod';
import { ConfigError } from '../errors';
import type { ActionsCore } from './core';

/** Inputs shared by every factory action, parsed once. Errors name the input. */
export interface ActionInputs {
  githubToken: string;
  appToken?: string;
  /** `approver-token`: a second identity that may approve what the factory opened (merge.mode approve-only). */
  approverToken?: string;
  anthropicApiKey?: string;
  configPath: string;
  issueNumber?: number;
  /** `command-comment`: the comment whose `@factory fix` dispatched this run. */
  commandComment?: number;
  dryRun: boolean;
  /**
   * Split mode: `agent` runs the automation with a read-only token and records its writes (plus
   * a git bundle) in `artifactPath`; `apply` (no model key) verifies that artifact and writes.
   * `single` does both in one job.
   */
  phase: 'agent' | 'apply' | 'single';
  /** Folder of the split-mode artifact (default: RUNNER_TEMP/factory-split). */
  artifactPath?: string;
}

const TRUE = ['true', 'True', 'TRUE'];
const FALSE = ['false', 'False', 'FALSE', ''];

const schema = {
  'github-token': z.string().min(1, 'is required (pass ${{ github.token }} or a PAT)'),
  'app-token': z.string(),
  'approver-token': z.string(),
  'anthropic-api-key': z.string(),
  config: z.string().refine((p) => !p.startsWith('/') && !p.split('/').includes('..'), 'must be a path inside the repository'),
  'issue-number': z
    .string()
    .regex(/^(\d+)?$/, 'expected an issue number')
    .refine((s) => s === '' || Number(s) > 0, 'expected a positive issue number'),
  'command-comment': z.string().regex(/^(\d+)?$/, 'expected a comment id'),
  'dry-run': z.string().refine((s) => TRUE.includes(s) || FALSE.includes(s), 'expected true or false'),
  phase: z.enum(['', 'agent', 'apply', 'single'], 'expected agent, apply or single'),
  'artifact-path': z.string(),
} as const;

type InputName = keyof typeof schema;

export function readActionInputs(getInput: (name: string) => string): ActionInputs {
  const problems: string[] = [];
  const read = (name: InputName): string => {
    const raw = getInput(name);
    const result = schema[name].safeParse(raw);
    if (!result.success) {
      const shown = name.includes('token') || name.includes('key') ? '' : `, got ${JSON.stringify(raw)}`;
      problems.push(`input "${name}": ${result.error.issues[0]?.message ?? 'invalid'}${shown}`);
      return '';
    }
    return raw;
  };
  const inputs: ActionInputs = {
    githubToken: read('github-token'),
    configPath: read('config') || '.github/factory.yml',
    dryRun: TRUE.includes(read('dry-run')),
    phase: (read('phase') || 'single') as ActionInputs['phase'],
  };
  const artifactPath = read('artifact-path');
  if (artifactPath) inputs.artifactPath = artifactPath;
  const appToken = read('app-token');
  if (appToken) inputs.appToken = appToken;
  const approverToken = read('approver-token');
  if (approverToken) inputs.approverToken = approverToken;
  const key = read('anthropic-api-key');
  if (key) inputs.anthropicApiKey = key;
  const issue = read('issue-number');
  if (issue) inputs.issueNumber = Number(issue);
  const comment = read('command-comment');
  if (comment) inputs.commandComment = Number(comment);
  // The agent job holds no write token and the apply job no model key: that is the point of the split.
  if (inputs.phase === 'agent' && appToken) {
    problems.push('input "app-token": must be empty in phase agent (the agent job holds no write token)');
  }
  if (inputs.phase === 'apply' && key) {
    problems.push('input "anthropic-api-key": must be empty in phase apply (the apply job holds no model key)');
  }
  if (problems.length) throw new ConfigError(problems.map((message) => ({ path: '', message })));
  return inputs;
}

export function coreInputReader(core: Pick<ActionsCore, 'getInput'>): (name: string) => string {
  return (name) => core.getInput(name, { trimWhitespace: true });
}
