/**
 * The GitHub App's repository permissions the factory needs: the one list docs/install.md shows
 * (a test holds the two together) and `factory doctor` checks an installation against.
 */

export type AppAccess = 'read' | 'write';

export interface RequiredPermission {
  /** As the API names it (`pull_requests`). */
  name: string;
  /** As the App's settings page names it (`Pull requests`). */
  label: string;
  access: AppAccess;
}

export const REQUIRED_APP_PERMISSIONS: readonly RequiredPermission[] = [
  { name: 'contents', label: 'Contents', access: 'write' },
  { name: 'pull_requests', label: 'Pull requests', access: 'write' },
  { name: 'issues', label: 'Issues', access: 'write' },
  { name: 'checks', label: 'Checks', access: 'write' },
  { name: 'actions', label: 'Actions', access: 'write' },
  { name: 'metadata', label: 'Metadata', access: 'read' },
];

/** Permissions the App must not have: `workflows` would let a compromised run rewrite the workflows. */
export const FORBIDDEN_APP_PERMISSIONS: readonly string[] = ['workflows'];

const RANK: Record<string, number> = { read: 1, write: 2, admin: 3 };

export interface PermissionComparison {
  /** `pull_requests: write` for each permission missing or granted below what is needed. */
  missing: string[];
  /** `workflows: write` for each forbidden permission granted. */
  forbidden: string[];
  /** Granted beyond the list (not needed, not forbidden). */
  extra: string[];
}

export function comparePermissions(granted: Record<string, string | undefined>): PermissionComparison {
  const required = new Map(REQUIRED_APP_PERMISSIONS.map((p) => [p.name, p]));
  const missing = REQUIRED_APP_PERMISSIONS.filter((p) => (RANK[granted[p.name] ?? ''] ?? 0) < RANK[p.access]!).map(
    (p) => `${p.name}: ${p.access}`,
  );
  const held = Object.entries(granted).filter(([, level]) => level && level !== 'none');
  const forbidden = held.filter(([name]) => FORBIDDEN_APP_PERMISSIONS.includes(name)).map(([name, level]) => `${name}: ${level}`);
  const extra = held
    .filter(([name]) => !required.has(name) && !FORBIDDEN_APP_PERMISSIONS.includes(name))
    .map(([name, level]) => `${name}: ${level}`);
  return { missing, forbidden, extra };
}

/** `Contents | Read and write`: how docs/install.md writes a row of the list. */
export function docRow(p: RequiredPermission): string {
  return `${p.label} | ${p.access === 'write' ? 'Read and write' : 'Read-only'}`;
}
