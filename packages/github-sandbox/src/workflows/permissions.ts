/**
 * The GITHUB_TOKEN permissions of a job, as GitHub resolves them: the job's `permissions:` if it
 * has one, else the workflow's, else the repository's default. A mapping grants exactly the scopes
 * it lists (`permissions: {}` grants none); `read-all` and `write-all` grant every scope.
 */
import { isMapping, isString } from '@actions/workflow-parser';
import type { TemplateToken } from '@actions/workflow-parser/templates/tokens/template-token';
import { WorkflowSyntaxError } from './errors';
import { locate } from './expressions';

/** The scopes of GitHub's workflow schema. */
export const PERMISSION_SCOPES = [
  'actions',
  'artifact-metadata',
  'attestations',
  'checks',
  'code-quality',
  'contents',
  'copilot-requests',
  'deployments',
  'discussions',
  'drives',
  'id-token',
  'issues',
  'models',
  'packages',
  'pages',
  'pull-requests',
  'repository-projects',
  'security-events',
  'statuses',
  'vulnerability-alerts',
] as const;

export type PermissionScope = (typeof PERMISSION_SCOPES)[number];
export type Access = 'none' | 'read' | 'write';
/** A level for every scope. */
export type Permissions = Record<PermissionScope, Access>;
/** As written in a workflow: a shorthand or the scopes listed (the others are none). */
export type PermissionsSpec = 'read-all' | 'write-all' | Partial<Record<PermissionScope, Access>>;

export function expandPermissions(spec: PermissionsSpec): Permissions {
  const level = (scope: PermissionScope): Access =>
    spec === 'read-all' ? 'read' : spec === 'write-all' ? 'write' : (spec[scope] ?? 'none');
  return Object.fromEntries(PERMISSION_SCOPES.map((s) => [s, level(s)])) as Permissions;
}

/** The repository setting "Read repository contents and packages permissions" (GitHub's default). */
export const RESTRICTED_DEFAULT_PERMISSIONS: Permissions = expandPermissions({ contents: 'read', packages: 'read' });
/** The repository setting "Read and write permissions". */
export const PERMISSIVE_DEFAULT_PERMISSIONS: Permissions = expandPermissions(
  Object.fromEntries(PERMISSION_SCOPES.filter((s) => s !== 'id-token').map((s) => [s, 'write'])),
);

export type PermissionsSource = 'job' | 'workflow' | 'repository default';

export interface ResolvedPermissions {
  permissions: Permissions;
  source: PermissionsSource;
  /** As written (job or workflow level); absent for the repository default. */
  declared?: PermissionsSpec;
}

export function resolvePermissions(
  job: PermissionsSpec | undefined,
  workflow: PermissionsSpec | undefined,
  defaults: Permissions,
): ResolvedPermissions {
  if (job !== undefined) return { permissions: expandPermissions(job), source: 'job', declared: job };
  if (workflow !== undefined) return { permissions: expandPermissions(workflow), source: 'workflow', declared: workflow };
  return { permissions: { ...defaults }, source: 'repository default' };
}

/** The levels above `none`, as GitHub's run log lists them (`Contents: read`). */
export function grantedScopes(permissions: Permissions): Partial<Record<PermissionScope, Access>> {
  return Object.fromEntries(Object.entries(permissions).filter(([, a]) => a !== 'none')) as Partial<Record<PermissionScope, Access>>;
}

/** A `permissions:` token as written; the parser has checked it against the schema. */
export function readPermissions(token: TemplateToken, file: string, job?: string): PermissionsSpec {
  if (isString(token) && (token.value === 'read-all' || token.value === 'write-all')) return token.value;
  if (!isMapping(token))
    throw new WorkflowSyntaxError('permissions must be read-all, write-all or a mapping of scopes', locate(token, file, job));
  const spec: Partial<Record<PermissionScope, Access>> = {};
  for (const pair of token) {
    const scope = isString(pair.key) ? pair.key.value : '';
    const level = isString(pair.value) ? pair.value.value : '';
    if (!(PERMISSION_SCOPES as readonly string[]).includes(scope) || !['none', 'read', 'write'].includes(level)) {
      throw new WorkflowSyntaxError(`invalid permission ${scope}: ${level}`, locate(pair.key, file, job));
    }
    spec[scope as PermissionScope] = level as Access;
  }
  return spec;
}
