import { atMostEvery } from './logger';

describe('atMostEvery', () => {
  afterEach(() => jest.useRealTimers());

  it('allows the first call, then one per interval', () => {
    jest.useFakeTimers({ now: new Date('2026-11-26T10:00:00Z') });
    const due = atMostEvery(10_000);
    expect(due()).toBe(true);
    expect(due()).toBe(false);
    jest.advanceTimersByTime(9_999);
    expect(due()).toBe(false);
    jest.advanceTimersByTime(1);
    expect(due()).toBe(true);
    expect(due()).toBe(false);
  });
});
