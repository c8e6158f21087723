import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from '../helpers/captured-runtime.ts';

const fixture = 'test/fixtures/journal/checkout-holds.journal.json';

describe('faultline report <journal.json>', () => {
  it('re-renders the default reports from a saved journal into --out', async () => {
    const out = join(tempDir(), 'reports');
    const { code, stdout } = await cli(['report', fixture, '--out', out]);
    expect(code).toBe(0);
    for (const file of ['report.html', 'junit.xml', 'summary.md', 'postmortem.md'])
      expect(stdout).toContain(join(out, file));
    expect(existsSync(join(out, 'journal.json'))).toBe(false);
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).toBe(
      readFileSync('test/fixtures/journal/golden/summary.md', 'utf8'),
    );
  });

  it('an unknown reporter is a flag error (exit 2) and nothing is written', async () => {
    const out = join(tempDir(), 'reports');
    const { code, stderr } = await cli(['report', fixture, '--reporter', 'html,pdf', '--out', out]);
    expect(code).toBe(2);
    expect(stderr).toContain(
      '--reporter: unknown reporter "pdf"; expected a comma-separated list of: html, junit, markdown, postmortem, json',
    );
    expect(existsSync(out)).toBe(false);
  });

  it('a journal of an unknown major version is refused with both versions named (exit 2)', async () => {
    const dir = tempDir();
    const file = join(dir, 'journal.json');
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(fixture, 'utf8')), format: 7 }));
    const { code, stderr } = await cli(['report', file, '--out', join(dir, 'r')]);
    expect(code).toBe(2);
    expect(stderr).toContain('journal format 7; this faultline reads journal format 1 (any minor version)');
    expect(existsSync(join(dir, 'r'))).toBe(false);
  });

  it('run with an unknown reporter stops before anything runs or is written (exit 2)', async () => {
    const out = join(tempDir(), 'run');
    const { code, stderr } = await cli([
      'run',
      'experiments/quickstart.yaml',
      '--reporter',
      'html,',
      '--out',
      out,
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain('--reporter: unknown reporter an empty name; expected');
    expect(existsSync(out)).toBe(false);
  });
});
