import { describe, expect, it } from 'vitest';
import { faultTimings } from './fault-timings.ts';
import { windowFixture } from './window-fixture.ts';

const P = { name: 'p', injectedAtMs: 2000, revertedAtMs: 5000 };
const w = (start: number, phase: 'faults' | 'recovery' | 'after', met: boolean) =>
  windowFixture(start, phase, met, phase === 'faults' ? { activeFaults: ['p'] } : {});

describe('faultTimings', () => {
  const windows = [
    w(2000, 'faults', true),
    w(3000, 'faults', false),
    w(4000, 'faults', false),
    w(5000, 'recovery', false),
    w(6000, 'recovery', true),
    w(7000, 'recovery', true),
    w(8000, 'after', true),
  ];

  it('measures impact from inject and recovery to the first of three good windows', () => {
    expect(faultTimings(P, windows)).toEqual({
      fault: 'p',
      timeToImpactMs: 1000,
      timeToRecoverMs: 1000,
      recoveredAtMs: 6000,
    });
    // Near the end, fewer than three windows remain: all of them must be good.
    expect(faultTimings(P, windows.slice(0, 5))).toMatchObject({ timeToRecoverMs: 1000 });
  });

  it('a fault with no impact has no time-to-recover (not "recovered after 999ms")', () => {
    const calm = [w(2000, 'faults', true), w(3000, 'faults', true), w(6000, 'recovery', true)];
    expect(faultTimings({ name: 'p', injectedAtMs: 2001, revertedAtMs: 3001 }, calm)).toEqual({
      fault: 'p',
      timeToImpactMs: null,
      timeToRecoverMs: null,
      recoveredAtMs: null,
    });
  });

  it('counts from the window the revert falls in: good already there means 0', () => {
    const quick = [w(2000, 'faults', false), w(3000, 'faults', true), w(4000, 'recovery', true)];
    expect(faultTimings({ name: 'p', injectedAtMs: 2000, revertedAtMs: 3500 }, quick)).toMatchObject({
      timeToImpactMs: 0,
      timeToRecoverMs: 0,
    });
  });

  it('a bad window after the revert and before recovery is the fault impact too', () => {
    const late = [w(2000, 'faults', true), w(5000, 'recovery', false), w(6000, 'recovery', true)];
    expect(faultTimings(P, late)).toMatchObject({ timeToImpactMs: 3000, timeToRecoverMs: 1000 });
  });

  it('not recovered, or never reverted: null, with the impact kept', () => {
    const stuck = windows.map((x) => ({ ...x, met: x.startMs < 3000 }));
    expect(faultTimings(P, stuck)).toMatchObject({ timeToImpactMs: 1000, timeToRecoverMs: null });
    expect(faultTimings({ name: 'p', injectedAtMs: 2000 }, windows)).toMatchObject({
      timeToImpactMs: 1000,
      timeToRecoverMs: null,
    });
  });

  it('with suspect windows counted good, the runner-lag windows do not delay recovery', () => {
    const lagged = windows.map((x) => (x.startMs === 5000 ? { ...x, suspect: true } : x));
    expect(faultTimings(P, lagged, (x) => x.met || x.suspect)).toMatchObject({ timeToRecoverMs: 0 });
  });
});
