import { z } from 'zod';
import { findMarkers, marker } from '../github/markers';
import type { MarkerRef } from '../github/types';
import { AUTOMATIONS, type Automation } from './automations';
import { BUILDING } from './labels';

/**
 * A claim: a state label (usually `factory:building`) plus a comment on the same issue or PR
 * carrying the hidden marker `<!-- factory:claim:<number> {...} -->` with the run that holds it
 * and when its lease ends. The shepherd releases expired claims. Only comments written by the
 * factory's own bot may be read as claims (callers check the author before parseClaim).
 */
export const CLAIM_KIND = 'claim';

export interface Claim {
  subject: number;
  runId: string;
  owner: Automation;
  /** ISO time at which the lease ends. */
  leaseExpiresAt: string;
  label: string;
  /** Set when the claim was released (the comment is kept and edited, not deleted). */
  releasedAt?: string;
}

const ClaimData = z.object({
  runId: z.union([z.string().min(1), z.number()]).transform(String),
  owner: z.enum(AUTOMATIONS),
  leaseExpiresAt: z.iso.datetime({ offset: true }),
  label: z.string().min(1).default(BUILDING),
  releasedAt: z.iso.datetime({ offset: true }).optional(),
});

export function claimMarker(subject: number): MarkerRef {
  return { kind: CLAIM_KIND, key: String(subject) };
}

export interface ClaimInput {
  subject: number;
  runId: string | number;
  owner: Automation;
  now: Date;
  leaseMinutes: number;
  label?: string;
}

export function makeClaim(input: ClaimInput): Claim {
  return {
    subject: input.subject,
    runId: String(input.runId),
    owner: input.owner,
    leaseExpiresAt: new Date(input.now.getTime() + input.leaseMinutes * 60_000).toISOString(),
    label: input.label ?? BUILDING,
  };
}

/** The claim comment: marker (with the claim as JSON) and a line for people. */
export function makeClaimBody(input: ClaimInput | Claim): string {
  const claim = 'now' in input ? makeClaim(input) : input;
  const { subject, ...data } = claim;
  const text = claim.releasedAt
    ? `Released: ${claim.owner} (run ${claim.runId}) no longer works on this (released ${claim.releasedAt}).`
    : `Claimed by ${claim.owner} (run ${claim.runId}) until ${claim.leaseExpiresAt}. Other runs leave this alone until then.`;
  return `${marker(claimMarker(subject), data)}\n${text}\n`;
}

/** The body that marks a claim released (edit the claim comment in place with it). */
export function makeReleasedBody(claim: Claim, now: Date): string {
  return makeClaimBody({ ...claim, releasedAt: now.toISOString() });
}

/** The claim in a comment body, or undefined when there is none or it is malformed. */
export function parseClaim(commentBody: string | null | undefined): Claim | undefined {
  const m = findMarkers(commentBody).find((f) => f.kind === CLAIM_KIND && /^\d+$/.test(f.key));
  const parsed = ClaimData.safeParse(m?.data);
  if (!m || !parsed.success) return undefined;
  const { releasedAt, ...rest } = parsed.data;
  return { subject: Number(m.key), ...rest, ...(releasedAt ? { releasedAt } : {}) };
}

export function isClaimExpired(claim: Claim, now: Date): boolean {
  return now.getTime() >= Date.parse(claim.leaseExpiresAt);
}

export type ClaimDecision = { ok: true; reason: string } | { ok: false; reason: string };

/**
 * May run `runId` claim a subject whose current claim is `existing`? Yes when there is none,
 * it was released, it expired, or it is this run's own claim (re-claiming is idempotent).
 */
export function canClaim(existing: Claim | undefined, now: Date, runId: string | number): ClaimDecision {
  if (!existing) return { ok: true, reason: 'not claimed' };
  if (existing.runId === String(runId)) return { ok: true, reason: 'already claimed by this run' };
  if (existing.releasedAt) return { ok: true, reason: `previous claim released at ${existing.releasedAt}` };
  if (isClaimExpired(existing, now)) {
    return { ok: true, reason: `previous claim by ${existing.owner} (run ${existing.runId}) expired at ${existing.leaseExpiresAt}` };
  }
  return { ok: false, reason: `claimed by ${existing.owner} (run ${existing.runId}) until ${existing.leaseExpiresAt}` };
}
