import { cronProblem } from './cron';

describe('cronProblem', () => {
  it.each(['*/15 * * * *', '0 6 * * 1', '7 * * * *', '0 9-17/2 * * MON-FRI', '0 0 1,15 * *', '30 4 * JAN,jul sun', '59 23 31 12 6'])(
    'accepts %s',
    (expr) => {
      expect(cronProblem(expr)).toBeUndefined();
    },
  );

  it.each([
    ['every hour', 'expected 5 fields (minute hour day-of-month month day-of-week), found 2'],
    ['* * * * * *', 'expected 5 fields (minute hour day-of-month month day-of-week), found 6'],
    ['60 * * * *', 'minute field: "60" is out of range (0-59)'],
    ['0 24 * * *', 'hour field: "24" is out of range (0-23)'],
    ['0 0 0 * *', 'day of month field: "0" is out of range (1-31)'],
    ['0 0 * 13 *', 'month field: "13" is out of range (1-12 or JAN-DEC)'],
    ['0 0 * * 7', 'day of week field: "7" is out of range (0-6 or SUN-SAT)'],
    ['0 0 * * FUNDAY', 'day of week field: "FUNDAY" is out of range (0-6 or SUN-SAT)'],
    ['*/0 * * * *', 'minute field: step 0 must be between 1 and 59'],
    ['5/10 * * * *', 'minute field: a step needs * or a range before it, got "5/10"'],
    ['0 17-9 * * *', 'hour field: range 17-9 runs backwards'],
    ['0 ? * * *', 'hour field: "?" is not *, N, N-M or a step (*/S, N-M/S)'],
  ])('rejects %s', (expr, problem) => {
    expect(cronProblem(expr)).toBe(problem);
  });
});
