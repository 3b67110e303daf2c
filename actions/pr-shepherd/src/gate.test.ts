import { defaultConfig } from '../../shared/config/parse';
import { parseEvent } from '../../shared/events';
import { gateEvent } from './gate';

const REPO = { name: 'shop', full_name: 'acme/shop', owner: { login: 'acme', type: 'Organization' }, default_branch: 'main' };
const sender = { login: 'alice', type: 'User' };
const config = defaultConfig();

const labeled = (label: string) =>
  parseEvent('pull_request', {
    action: 'labeled',
    number: 4,
    label: { name: label },
    pull_request: { number: 4, draft: false, labels: [{ name: label }], user: sender, head: { ref: 'factory/4' }, base: { ref: 'main' } },
    repository: REPO,
    sender,
  });

describe('gateEvent', () => {
  it('sweeps everything on the schedule and on a dispatch without a number', () => {
    const schedule = parseEvent('schedule', { schedule: '17 * * * *' }, { repository: 'acme/shop' });
    expect(gateEvent(schedule, undefined, config)).toEqual({
      ok: true,
      value: { name: 'schedule', sweepClaims: true, ciFixerStarted: false },
    });
  });

  it('a dispatch naming a pull request (`@factory retry`) triages that one only', () => {
    const dispatch = parseEvent('workflow_dispatch', { inputs: { 'issue-number': '9' }, ref: 'refs/heads/main', repository: REPO, sender });
    expect(gateEvent(dispatch, 9, config)).toMatchObject({ ok: true, value: { focus: [9], sweepClaims: false } });
  });

  it('factory:needs-human starts a second look at that pull request; another label is a neutral skip', () => {
    expect(gateEvent(labeled('factory:needs-human'), undefined, config)).toMatchObject({ ok: true, value: { focus: [4] } });
    expect(gateEvent(labeled('type:bug'), undefined, config)).toEqual({
      ok: false,
      reason: 'pr-shepherd skips pull_request.labeled: the label added is not "factory:needs-human"',
    });
  });

  it('the kill switch and automations.pr-shepherd.enabled: false skip before anything', () => {
    const schedule = parseEvent('schedule', { schedule: '17 * * * *' }, { repository: 'acme/shop' });
    expect(gateEvent(schedule, undefined, { ...config, killSwitch: true })).toMatchObject({ ok: false });
    const off = { ...config, automations: { ...config.automations, 'pr-shepherd': { enabled: false } } };
    expect(gateEvent(schedule, undefined, off)).toEqual({ ok: false, reason: 'pr-shepherd is disabled (automations.pr-shepherd.enabled)' });
  });
});
