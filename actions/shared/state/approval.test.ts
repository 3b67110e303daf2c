import { approvalStanding } from './approval';

describe('approvalStanding', () => {
  const approved = { label: 'factory:approved', at: '2026-05-01T10:00:00Z', by: 'maria' };

  it('stands when the author has not changed the issue since the latest approval', () => {
    expect(approvalStanding({ renames: [], labeled: [approved] }, 'mallory')).toEqual({ ok: true, approvedAt: approved.at, by: 'maria' });
    // Edits before the approval, or by someone else (who can edit only with triage access), do not matter.
    const before = {
      bodyEdit: { at: '2026-05-01T09:59:59Z', by: 'mallory' },
      renames: [{ at: '2026-05-01T11:00:00Z', by: 'maria' }],
      labeled: [approved],
    };
    expect(approvalStanding(before, 'mallory').ok).toBe(true);
  });

  it("falls when the author changed the body or the title at or after the approval's second", () => {
    const body = approvalStanding({ bodyEdit: { at: approved.at, by: 'mallory' }, renames: [], labeled: [approved] }, 'mallory');
    expect(body).toEqual({
      ok: false,
      reason: expect.stringMatching(/^mallory changed the body after maria added factory:approved \(2026-05-01T10:00:00Z\)/),
    });
    const both = approvalStanding(
      {
        bodyEdit: { at: '2026-05-02T00:00:00Z', by: 'mallory' },
        renames: [{ at: '2026-05-03T00:00:00Z', by: 'mallory' }],
        labeled: [approved],
      },
      'mallory',
    );
    expect(both.ok ? '' : both.reason).toMatch(/changed the body and title/);
  });

  it('counts the latest approval only, and needs one on the timeline', () => {
    const again = { label: 'factory:approved', at: '2026-05-04T00:00:00Z', by: 'maria' };
    expect(
      approvalStanding(
        {
          bodyEdit: { at: '2026-05-02T00:00:00Z', by: 'mallory' },
          renames: [],
          labeled: [approved, { label: 'type:bug', at: '2026-05-05T00:00:00Z', by: 'x' }, again],
        },
        'mallory',
      ).ok,
    ).toBe(true);
    expect(approvalStanding({ renames: [], labeled: [{ label: 'type:bug', at: approved.at, by: 'maria' }] }, 'mallory')).toEqual({
      ok: false,
      reason: "no factory:approved label event was found on the issue's timeline",
    });
  });
});
