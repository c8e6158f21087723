import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Journal } from '../../src/journal/journal.ts';
import { cli, tempDir } from '../helpers/captured-runtime.ts';
import { writeShopExperiment } from '../helpers/shop-experiment.ts';

const ERASE_LINE = '\u001b[2K';

describe('live progress while a run goes', () => {
  let file = '';
  let dir = '';
  beforeAll(async () => {
    dir = tempDir();
    file = await writeShopExperiment(dir, {
      name: 'progress',
      objectives: '    - { name: availability, success: { at-least: 99% } }',
      duration: '5s',
      rate: 50,
      hypothesis: '  baseline: 3s\n  after: 2s',
    });
  });

  it('not a terminal: one plain line per window, no escape codes', async () => {
    const out = join(dir, 'plain');
    const { stderr } = await cli(['run', file, '--out', out]);
    const journal = JSON.parse(readFileSync(join(out, 'journal.json'), 'utf8')) as Journal;
    const lines = stderr.split('\n').filter((l) => /\] window \d+ \[/.test(l));
    expect(lines).toHaveLength(journal.windows.length);
    expect(lines[0]).toMatch(
      /window 0 \[baseline\] 0s–1s: \d+\/50 req\/s answered\/intended, p99 [\d.]+ ms, errors [\d.]+%; availability ✔/,
    );
    expect(stderr).not.toContain('\u001b[');
  });

  it('--quiet: nothing on stderr, only the verdict on stdout', async () => {
    const { stderr, stdout } = await cli(['run', file, '--out', join(dir, 'quiet'), '--quiet']);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^progress: (PASS|FAIL|NOT-STEADY|ABORTED|ERROR)\n$/);
  });

  it('a terminal (a pseudo-terminal from script(1)): the panel is redrawn in place', () => {
    const command = `${process.execPath} bin/faultline.js run ${file} --out ${join(dir, 'tty')}`;
    let output = '';
    try {
      output = execFileSync('script', ['-qfec', command, '/dev/null'], { encoding: 'utf8', timeout: 60_000 });
    } catch (error) {
      output = (error as { stdout?: string }).stdout ?? ''; // a non-zero verdict still drew the panel
    }
    const panels = output.split('progress  phase ').length - 1;
    expect(panels).toBeGreaterThan(5);
    expect(output).toContain(ERASE_LINE);
    expect(output).toMatch(/progress {2}phase after {2}\[#+-*\] [\d.]+m?s \/ 5s/);
    expect(output).toMatch(/objectives: availability ✔ 100%/);
    expect(output).not.toMatch(/\] window \d+ \[/);
  });
});
