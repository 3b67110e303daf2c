import { findMarkers } from '../github/markers';
import { canClaim, isClaimExpired, makeClaimBody, makeReleasedBody, parseClaim, type Claim } from './claims';

const NOW = new Date('2025-06-01T12:00:00.000Z');
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);

describe('claims', () => {
  const body = makeClaimBody({ subject: 42, runId: 1234, owner: 'feature-builder', now: NOW, leaseMinutes: 60 });

  it('writes a hidden claim marker keyed by the subject number, with the lease', () => {
    expect(findMarkers(body)).toEqual([
      {
        kind: 'claim',
        key: '42',
        data: { runId: '1234', owner: 'feature-builder', leaseExpiresAt: '2025-06-01T13:00:00.000Z', label: 'factory:building' },
      },
    ]);
    expect(body).toContain('Claimed by feature-builder (run 1234) until 2025-06-01T13:00:00.000Z');
  });

  it('parses back what it wrote', () => {
    expect(parseClaim(body)).toEqual<Claim>({
      subject: 42,
      runId: '1234',
      owner: 'feature-builder',
      leaseExpiresAt: '2025-06-01T13:00:00.000Z',
      label: 'factory:building',
    });
  });

  it('ignores bodies without a claim, and malformed claims', () => {
    expect(parseClaim('just a comment')).toBeUndefined();
    expect(parseClaim(null)).toBeUndefined();
    expect(
      parseClaim('<!-- factory:claim:42 {"runId":"1","owner":"someone-else","leaseExpiresAt":"2025-06-01T13:00:00Z"} -->'),
    ).toBeUndefined();
    expect(parseClaim('<!-- factory:claim:42 {"runId":"1","owner":"feature-builder","leaseExpiresAt":"tomorrow"} -->')).toBeUndefined();
    expect(parseClaim('<!-- factory:claim:42 -->')).toBeUndefined();
  });

  it('expires exactly at the end of the lease', () => {
    const claim = parseClaim(body)!;
    expect(isClaimExpired(claim, minutes(59))).toBe(false);
    expect(isClaimExpired(claim, minutes(60))).toBe(true);
  });

  it('decides who may claim', () => {
    const claim = parseClaim(body)!;
    expect(canClaim(undefined, NOW, '99')).toEqual({ ok: true, reason: 'not claimed' });
    expect(canClaim(claim, minutes(10), '1234')).toEqual({ ok: true, reason: 'already claimed by this run' });
    expect(canClaim(claim, minutes(10), 99)).toEqual({
      ok: false,
      reason: 'claimed by feature-builder (run 1234) until 2025-06-01T13:00:00.000Z',
    });
    expect(canClaim(claim, minutes(61), 99)).toEqual({
      ok: true,
      reason: 'previous claim by feature-builder (run 1234) expired at 2025-06-01T13:00:00.000Z',
    });
  });

  it('frees a released claim before its lease ends', () => {
    const released = parseClaim(makeReleasedBody(parseClaim(body)!, minutes(5)))!;
    expect(released.releasedAt).toBe('2025-06-01T12:05:00.000Z');
    expect(canClaim(released, minutes(6), 99)).toEqual({ ok: true, reason: 'previous claim released at 2025-06-01T12:05:00.000Z' });
  });
});
