import { sandboxBench } from './sandbox';

/** The sandbox benchmark runs both sides and reports a median per side (no timing is asserted). */
test('sandboxBench: node -e 0 inside and outside the sandbox, interleaved', async () => {
  const r = await sandboxBench(3);
  expect(r.runs).toBe(3);
  expect(Number.isFinite(r.outsideMs)).toBe(true);
  expect(Number.isFinite(r.insideMs)).toBe(true);
  expect(Number.isFinite(r.sandboxExecMs)).toBe(true);
});
