/**
 * GitHub's concurrency groups, for runs and jobs alike (one namespace per repository; group names
 * compare case-insensitively). A group has at most one holder (running) and one pending entry:
 * - nothing held: the newcomer starts;
 * - `cancel-in-progress: true`: the holder and the pending entry are cancelled, the newcomer starts;
 * - `cancel-in-progress: false`: the newcomer waits as the pending entry, and an older pending entry
 *   is cancelled (GitHub keeps one pending run per group: the newest);
 * - when the holder finishes, the pending entry starts.
 * Keys are the caller's (the runner uses `run:<id>` and `job:<runId>/<jobId>`).
 */

export interface ConcurrencyDecision {
  action: 'start' | 'queue';
  /** Keys cancelled by this request: the holder and pending entry, or the replaced pending entry. */
  cancelled: Array<{ key: string; was: 'running' | 'pending' }>;
  reason: string;
}

interface Group {
  name: string;
  holder?: string;
  pending?: string;
}

export class ConcurrencyTracker {
  private readonly groups = new Map<string, Group>();
  /** key -> group id (lower case). */
  private readonly membership = new Map<string, string>();

  request(key: string, group: string, cancelInProgress: boolean): ConcurrencyDecision {
    if (this.membership.has(key)) throw new Error(`concurrency: ${key} is already in group ${this.membership.get(key)}`);
    const id = group.toLowerCase();
    const entry = this.groups.get(id) ?? { name: group };
    this.groups.set(id, entry);
    this.membership.set(key, id);
    const cancelled: ConcurrencyDecision['cancelled'] = [];
    const drop = (k: string | undefined, was: 'running' | 'pending'): void => {
      if (k === undefined) return;
      cancelled.push({ key: k, was });
      this.membership.delete(k);
    };
    if (entry.holder === undefined) {
      entry.holder = key;
      return { action: 'start', cancelled, reason: `group ${group} was free` };
    }
    if (cancelInProgress) {
      drop(entry.holder, 'running');
      drop(entry.pending, 'pending');
      entry.holder = key;
      entry.pending = undefined;
      return {
        action: 'start',
        cancelled,
        reason: `group ${group}: cancel-in-progress cancels ${cancelled.map((c) => c.key).join(' and ')}`,
      };
    }
    drop(entry.pending, 'pending');
    entry.pending = key;
    const replaced = cancelled.length > 0 ? `; it replaces the pending ${cancelled[0]?.key}` : '';
    return { action: 'queue', cancelled, reason: `group ${group} is held by ${entry.holder}: pending${replaced}` };
  }

  /** The key finished (or was cancelled elsewhere): leaves its group; returns the pending key that starts now. */
  release(key: string): string | undefined {
    const id = this.membership.get(key);
    if (id === undefined) return undefined;
    this.membership.delete(key);
    const entry = this.groups.get(id);
    if (!entry) return undefined;
    if (entry.pending === key) {
      entry.pending = undefined;
      return undefined;
    }
    if (entry.holder !== key) return undefined;
    entry.holder = entry.pending;
    entry.pending = undefined;
    if (entry.holder === undefined) this.groups.delete(id);
    return entry.holder;
  }

  /** Who holds and who waits in a group. */
  state(group: string): { holder?: string; pending?: string } {
    const entry = this.groups.get(group.toLowerCase());
    return entry ? { ...(entry.holder ? { holder: entry.holder } : {}), ...(entry.pending ? { pending: entry.pending } : {}) } : {};
  }
}
