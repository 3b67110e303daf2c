export type { ChangeStatus, ChangedFile, CloneOptions, GitIdentity, GitPort, MergeResult, OpenGitOptions } from './types';
export { GitCommandError, GitPolicyError, isGitCommandError, isGitPolicyError, type GitPolicyRule } from './errors';
export { DEFAULT_IDENTITY, cloneRepository, openGit, pushRefusal, type PushRules } from './repo';
export { DEFAULT_BRANCH_PREFIX, branchName, isSafeBranchName, slugify } from './branch';
export { checkChanges, symlinkEscapes, type ChangeRules, type GuardResult, type GuardRule } from './guard';
export { authEnv, gitEnv } from './run';
