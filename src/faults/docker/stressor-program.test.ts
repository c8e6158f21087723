import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { STRESSOR_PROGRAM } from './stressor-program.ts';

const dir = mkdtempSync(join(tmpdir(), 'faultline-stressor-'));
const program = join(dir, 'stressor.mjs');
writeFileSync(program, STRESSOR_PROGRAM);
const started: ReturnType<typeof spawn>[] = [];

function run(...args: string[]): {
  child: ReturnType<typeof spawn>;
  ready: Promise<string>;
  exited: Promise<number | null>;
} {
  const child = spawn(process.execPath, [program, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let out = '';
  const ready = new Promise<string>((resolve) =>
    child.stdout.on(
      'data',
      (c: Buffer) => ((out += c.toString()), out.includes('\n') && resolve(out.trim())),
    ),
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, ready, exited };
}

afterEach(() => {
  for (const child of started.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

describe('the stressor program', () => {
  it('holds a file of the asked size and deletes it on SIGTERM', async () => {
    const file = join(dir, 'fill.bin');
    const s = run('disk', String(3 * 2 ** 20 + 5), file);
    expect(await s.ready).toBe(`ready disk bytes=${3 * 2 ** 20 + 5} file=${file}`);
    expect(statSync(file).size).toBe(3 * 2 ** 20 + 5);
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
    expect(existsSync(file)).toBe(false);
  });

  it('refuses to overwrite an existing file', async () => {
    const file = join(dir, 'keep.txt');
    writeFileSync(file, 'mine');
    const s = run('disk', '1000', file);
    expect(await s.ready).toMatch(/^error EEXIST/);
    expect(await s.exited).toBe(1);
    expect(statSync(file).size).toBe(4);
  });

  it('starts cpu workers and memory, and reports ready', async () => {
    const cpu = run('cpu', '2', '0.5');
    expect(await cpu.ready).toBe('ready cpu workers=2 load=0.5');
    const memory = run('memory', String(40 * 2 ** 20));
    expect(await memory.ready).toBe(`ready memory bytes=${40 * 2 ** 20}`);
  });

  it('rejects an unknown mode', async () => {
    const s = run('gpu');
    expect(await s.ready).toMatch(/^error unknown mode gpu/);
    expect(await s.exited).toBe(1);
  });
});
