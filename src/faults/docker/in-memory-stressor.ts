import type { FakeContainer } from './in-memory-container.ts';

/** The engine side a simulated stressor needs: its target, by id. */
interface Engine {
  find(ref: string): FakeContainer;
}

const effects = new WeakMap<FakeContainer, () => void>();

/**
 * Plays the stressor program (stressor-program.ts) inside the in-memory engine: on start a helper
 * labelled `faultline.role=stressor` raises its target's CPU (workers × load, capped by the
 * target's quota) or memory (OOM-killed past the target's limit), writes or removes a file through
 * `/proc/1/root`, and prints its `ready …` or `error …` line; on stop it takes all of that back.
 */
export function simulateStressor(engine: Engine, helper: FakeContainer, event: 'start' | 'stop'): void {
  if (helper.labels['faultline.role'] !== 'stressor') return;
  if (event === 'stop') {
    effects.get(helper)?.();
    effects.delete(helper);
    return;
  }
  const target = engine.find(helper.labels['faultline.target'] ?? '');
  const [mode, a = '', b = ''] = helper.cmd;
  const say = (line: string) => (helper.logs += `${line}\n`);
  const end = (code: number, oom = false) =>
    Object.assign(helper, { running: false, exitCode: code, oomKilled: oom });
  if (mode === 'cpu') {
    const h = target.host;
    const quota =
      (h.NanoCpus ?? 0) > 0
        ? (h.NanoCpus ?? 0) / 1e7
        : (h.CpuQuota ?? 0) > 0
          ? (100 * (h.CpuQuota ?? 0)) / ((h.CpuPeriod ?? 0) || 100_000)
          : 400;
    const added = Math.max(0, Math.min(Number(a) * Number(b) * 100, quota - target.cpuPercent));
    target.cpuPercent += added;
    effects.set(helper, () => (target.cpuPercent -= added));
    say(`ready cpu workers=${a} load=${b}`);
  } else if (mode === 'memory') {
    const bytes = Number(a);
    const limit = target.host.Memory ?? 0;
    if (limit > 0 && target.memoryBytes + bytes > limit) return void end(137, true);
    target.memoryBytes += bytes;
    effects.set(helper, () => (target.memoryBytes -= bytes));
    say(`ready memory bytes=${bytes}`);
  } else if (mode === 'disk') {
    const path = b.replace(/^\/proc\/1\/root/, '');
    if (target.files.has(path)) {
      say('error EEXIST: file already exists');
      return void end(1);
    }
    target.files.set(path, { size: Number(a), isDirectory: false });
    effects.set(helper, () => target.files.delete(path));
    say(`ready disk bytes=${a} file=${b}`);
  } else if (mode === 'remove') {
    target.files.delete(a.replace(/^\/proc\/1\/root/, ''));
    say(`ready removed ${a}`);
    end(0);
  } else {
    say(`error unknown mode ${mode}`);
    end(1);
  }
}
