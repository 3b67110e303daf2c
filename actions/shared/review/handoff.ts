import { hasMarker } from '../github/markers';
import type { MarkerRef } from '../github/types';

/**
 * The reviewer hands its findings to the resolver through GitHub: its review's body carries this
 * marker. The resolver answers the factory's own reviews only when they carry it (its own replies
 * and any other factory review stay a neutral skip, so nothing loops), and only a review the
 * factory's login wrote counts: a person cannot forge the hand-off.
 */
export const REVIEW_HANDOFF_MARKER: MarkerRef = { kind: 'pr-reviewer', key: 'review' };

export function isReviewerHandoff(body: string | null | undefined): boolean {
  return hasMarker(body, REVIEW_HANDOFF_MARKER);
}
