// The load-shedding detector: a sustained backlog sheds, a single stall does not.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchEventLoop } from '../src/http/overload.js';

describe('watchEventLoop', () => {
  let clock = 0;
  const now = () => clock;
  /** One tick of the 100 ms timer that ran `lateBy` ms behind its time. */
  const tick = (lateBy = 0) => {
    clock += 100 + lateBy;
    vi.advanceTimersByTime(100);
  };

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    clock = 0;
  });
  afterEach(() => vi.useRealTimers());

  /** The detector on the fake clock, with the state it flips. */
  const watch = (maxLagMs?: number) => {
    const state = { overloaded: false };
    return { state, stop: watchEventLoop(state, { now, maxLagMs }) };
  };

  it('does not shed after one late tick: the stall is over by the time anyone would be told to go away', () => {
    const { state, stop } = watch();
    tick();
    tick(400);
    expect(state.overloaded).toBe(false);
    tick();
    expect(state.overloaded).toBe(false);
    stop();
  });

  it('sheds while ticks keep coming late, and stops with the first tick on time', () => {
    const { state, stop } = watch();
    tick(300);
    tick(300);
    expect(state.overloaded).toBe(true);
    tick(600);
    expect(state.overloaded).toBe(true);
    tick();
    expect(state.overloaded).toBe(false);
    stop();
  });

  it('counts lag up to the threshold as on time', () => {
    const { state, stop } = watch(250);
    for (let i = 0; i < 5; i++) tick(250);
    expect(state.overloaded).toBe(false);
    stop();
  });
});
