import { afterEach, describe, expect, it } from 'vitest';
import { nextWatch, watchFaults, type Watched } from './fault-watch.ts';

describe('nextWatch', () => {
  it('says nothing while a fault holds', () => {
    expect(nextWatch('freeze', 'holds', { changed: undefined })).toEqual({ state: 'holds' });
  });

  it('notes a fault that can no longer be checked once, and again when it can', () => {
    const lost = nextWatch('freeze', 'holds', { error: 'connect ENOENT /var/run/docker.sock' });
    expect(lost.state).toBe('unknown');
    expect(lost.note).toMatch(/fault freeze: cannot check .*connect ENOENT/);
    expect(nextWatch('freeze', 'unknown', { error: 'still away' })).toEqual({ state: 'unknown' });
    const back = nextWatch('freeze', 'unknown', { changed: undefined });
    expect(back).toEqual({
      state: 'holds',
      note: expect.stringMatching(/checked again and is still in place/),
    });
  });

  it('notes a fault that is gone, once, whatever was seen before', () => {
    for (const from of ['holds', 'unknown'] as const) {
      const next = nextWatch('freeze', from, { changed: 'container shop is no longer paused' });
      expect(next.state).toBe('lost');
      expect(next.note).toMatch(/fault freeze is no longer in place: container shop is no longer paused/);
    }
    expect(nextWatch('freeze', 'lost', { error: 'x' })).toEqual({ state: 'lost' });
    expect(nextWatch('freeze', 'lost', { changed: 'y' })).toEqual({ state: 'lost' });
  });
});

describe('watchFaults', () => {
  let stop: () => void = () => undefined;
  afterEach(() => stop());
  const until = async (ok: () => boolean) => {
    for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 5));
  };

  it('journals a dependency going away, coming back, and the fault found gone', async () => {
    const looks: (string | Error | undefined)[] = [
      undefined,
      new Error('engine away'),
      undefined,
      'unpaused',
    ];
    const notes: string[] = [];
    const fault: Watched = {
      name: 'freeze',
      check: async () => {
        const next = looks.length > 1 ? looks.shift() : looks[0];
        if (next instanceof Error) throw next;
        return next;
      },
    };
    stop = watchFaults(
      () => [fault],
      (n) => notes.push(n),
      10,
    );
    await until(() => notes.length >= 3);
    expect(notes).toEqual([
      expect.stringMatching(/cannot check .*engine away/),
      expect.stringMatching(/checked again/),
      expect.stringMatching(/no longer in place: unpaused/),
    ]);
    await new Promise((r) => setTimeout(r, 50));
    expect(notes).toHaveLength(3);
  });

  it('drops what it saw of a fault whose revert began while it looked', async () => {
    const notes: string[] = [];
    let active = true;
    const fault: Watched = {
      name: 'freeze',
      check: async () => {
        active = false;
        return 'unpaused by the revert';
      },
    };
    stop = watchFaults(
      () => (active ? [fault] : []),
      (n) => notes.push(n),
      10,
    );
    await until(() => !active);
    await new Promise((r) => setTimeout(r, 50));
    expect(notes).toEqual([]);
  });

  it('counts a look with no answer as "cannot check"', async () => {
    const notes: string[] = [];
    const fault: Watched = { name: 'slow', check: () => new Promise(() => undefined) };
    stop = watchFaults(
      () => [fault],
      (n) => notes.push(n),
      10,
      30,
    );
    await until(() => notes.length > 0);
    expect(notes[0]).toMatch(/fault slow: cannot check .*no answer within 30 ms/);
  });
});
