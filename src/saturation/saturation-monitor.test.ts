import { describe, expect, it } from 'vitest';
import type { ResolvedTarget } from '../faults/fault-provider.ts';
import { openSaturationMonitor } from './saturation-monitor.ts';
import type { MemberReading, SaturationSource } from './saturation-source.ts';

const target = (name: string, kind: ResolvedTarget['kind'], ids: string[]): ResolvedTarget => ({
  name,
  kind,
  spec: { container: name },
  members: ids.map((id) => ({ id, label: `${name}-${id}` })),
});

/** A source whose members each report `share` at once, except `missing` ones, which cannot start. */
function fakeSource(kind: ResolvedTarget['kind'], share: number, missing: string[] = []) {
  const closed: string[] = [];
  const source: SaturationSource = {
    targetKind: kind,
    watch(id, emit, now) {
      if (missing.includes(id)) return Promise.reject(new Error(`no such member ${id}`));
      const reading: MemberReading = {
        fromMs: now() - 1000,
        toMs: now(),
        cpuShare: share,
        memoryBytes: 10,
        memoryLimitBytes: 100,
      };
      setTimeout(() => emit(reading), 20); // the first CPU figure comes a little later
      return Promise.resolve({ close: () => (closed.push(id), Promise.resolve()) });
    },
  };
  return { source, closed };
}

describe('openSaturationMonitor', () => {
  it('watches every member of the kinds it has sources for, waits for their first CPU reading, and closes them all', async () => {
    const containers = fakeSource('container', 0.25);
    const notes: string[] = [];
    const monitor = await openSaturationMonitor(
      [target('api', 'container', ['a', 'b']), target('db', 'proxy', ['p'])],
      [containers.source],
      () => 10_000,
      (n) => notes.push(n),
    );
    // Resolved only once both readings are in: the window right after has them.
    expect(monitor.window(9_500, 10_000)).toEqual([
      { target: 'api', member: 'api-a', cpuShare: 0.25, memoryBytes: 10, memoryShare: 0.1 },
      { target: 'api', member: 'api-b', cpuShare: 0.25, memoryBytes: 10, memoryShare: 0.1 },
    ]);
    expect(notes).toEqual([]);
    await monitor.close();
    await monitor.close();
    expect(containers.closed.sort()).toEqual(['a', 'b']);
  });

  it('a member whose reader cannot start is noted, and has no readings', async () => {
    const containers = fakeSource('container', 0.5, ['b']);
    const notes: string[] = [];
    const monitor = await openSaturationMonitor(
      [target('api', 'container', ['a', 'b'])],
      [containers.source],
      () => 0,
      (n) => notes.push(n),
    );
    expect(notes).toEqual([
      'saturation: cannot read api (api-b): no such member b; its saturation objectives will miss',
    ]);
    expect(monitor.window(-1000, 0).map((s) => s.cpuShare)).toEqual([0.5, null]);
    await monitor.close();
    expect(containers.closed).toEqual(['a']);
  });

  it('a reader that does not start in time is noted, and closed when it starts late', async () => {
    let closed = false;
    const slow: SaturationSource = {
      targetKind: 'container',
      watch: () =>
        new Promise((resolve) =>
          setTimeout(() => resolve({ close: () => ((closed = true), Promise.resolve()) }), 100),
        ),
    };
    const notes: string[] = [];
    const monitor = await openSaturationMonitor(
      [target('api', 'container', ['a'])],
      [slow],
      () => 0,
      (n) => notes.push(n),
      20,
    );
    expect(notes).toEqual([
      'saturation: cannot read api (api-a): the reader did not start within 20 ms; its saturation objectives will miss',
    ]);
    await new Promise((r) => setTimeout(r, 150));
    expect(closed).toBe(true);
    await monitor.close();
  });
});
