import { findMarkers, withMarker, type FoundMarker } from '../../shared/github/markers';
import type { Comment } from '../../shared/github/types';
import type { ShepherdComment } from './types';

/**
 * The shepherd's hidden marker: every comment it writes carries `<!-- factory:pr-shepherd:STEP -->`
 * (with a JSON payload where a later run needs one), so "touched within the cooldown", "the last
 * factory comment is the shepherd's own" and "the same failure again" are read from GitHub, not
 * from local state. Only comments by the factory's own login count.
 */
export const SHEPHERD_KIND = 'pr-shepherd';

/** The steps whose comments carry the marker (the key). */
export type ShepherdStepKey =
  'update-branch' | 'ci-failure' | 'stale-ping' | 'stale-close' | 'claim-released' | 'needs-human' | 'conflicts' | 'second-look';

/** `body` with the shepherd's marker for `step` on its first line. */
export function markShepherd(body: string, step: string, data?: Record<string, unknown>): string {
  return withMarker(body, { kind: SHEPHERD_KIND, key: step }, data);
}

/** A comment as the sweep reads it. */
export function toShepherdComment(c: Comment): ShepherdComment {
  return { id: c.id, author: c.author.login, body: c.body, createdAt: c.createdAt, updatedAt: c.updatedAt };
}

/** When a comment last changed (an edited comment counts from its edit). */
export function lastChange(c: ShepherdComment): number {
  return Math.max(Date.parse(c.createdAt), Date.parse(c.updatedAt || c.createdAt));
}

/** The shepherd's marker on a comment, when the factory wrote it. */
export function shepherdMarkerOf(c: ShepherdComment, botLogin: string): FoundMarker | undefined {
  if (c.author !== botLogin) return undefined;
  return findMarkers(c.body).find((m) => m.kind === SHEPHERD_KIND);
}

/** The factory's comments (its own login), latest change last. */
export function factoryComments(comments: readonly ShepherdComment[], botLogin: string): ShepherdComment[] {
  return comments.filter((c) => c.author === botLogin).sort((a, b) => lastChange(a) - lastChange(b) || a.id - b.id);
}

/** The factory comment that changed last, when any. */
export function lastFactoryComment(comments: readonly ShepherdComment[], botLogin: string): ShepherdComment | undefined {
  return factoryComments(comments, botLogin).at(-1);
}

/** The shepherd's comments, latest change last, with their markers. */
export function shepherdComments(
  comments: readonly ShepherdComment[],
  botLogin: string,
): { comment: ShepherdComment; marker: FoundMarker }[] {
  return factoryComments(comments, botLogin).flatMap((comment) => {
    const marker = shepherdMarkerOf(comment, botLogin);
    return marker ? [{ comment, marker }] : [];
  });
}

/** When the shepherd last wrote on the subject (ms), or undefined. */
export function lastTouched(comments: readonly ShepherdComment[], botLogin: string): number | undefined {
  const mine = shepherdComments(comments, botLogin).at(-1);
  return mine ? lastChange(mine.comment) : undefined;
}

/** The shepherd's latest comment for one step. */
export function latestStep(
  comments: readonly ShepherdComment[],
  botLogin: string,
  step: ShepherdStepKey,
): { comment: ShepherdComment; marker: FoundMarker } | undefined {
  return shepherdComments(comments, botLogin)
    .filter((c) => c.marker.key === step)
    .at(-1);
}
