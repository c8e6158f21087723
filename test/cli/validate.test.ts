import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from '../helpers/captured-runtime.ts';

const dir = 'test/fixtures/invalid';
const fixtures = readdirSync(dir).filter((f) => f.endsWith('.yaml'));

describe('faultline validate', () => {
  it('prints five located errors for a file with five different mistakes', async () => {
    const { code, stderr } = await cli(['validate', `${dir}/five-mistakes.yaml`]);
    expect(code).toBe(2);
    const located = stderr
      .split('\n')
      .filter((l) => /^test\/fixtures\/invalid\/five-mistakes\.yaml:\d+:\d+: /.test(l));
    expect(located).toHaveLength(5);
    expect(new Set(located.map((l) => l.split(':')[1])).size).toBe(5); // five different lines
  });

  it.each(fixtures)('%s: reports exactly the expected problems and exits 2', async (fixture) => {
    const expected = readFileSync(`${dir}/${fixture.replace(/\.yaml$/, '.expected')}`, 'utf8');
    const { code, stdout, stderr } = await cli(['validate', `${dir}/${fixture}`]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(expected);
  });

  it('accepts the valid fixtures and the shipped experiments', async () => {
    const files = [
      ...readdirSync('test/fixtures/valid')
        .filter((f) => f.endsWith('.yaml'))
        .map((f) => `test/fixtures/valid/${f}`),
      ...readdirSync('experiments').map((f) => `experiments/${f}`),
    ];
    const { code, stdout, stderr } = await cli(['validate', ...files]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.split('\n').filter((l) => l.endsWith(')'))).toHaveLength(files.length);
  });

  it('changes nothing and runs nothing when an experiment is invalid', async () => {
    const out = join(tempDir(), 'journal');
    const { code, stderr } = await cli(['run', `${dir}/five-mistakes.yaml`, '--out', out]);
    expect(code).toBe(2);
    expect(stderr).toContain('5 problems found; nothing was run or changed.');
    expect(existsSync(out)).toBe(false);
  });

  it('names the flag or command when the command line is wrong', async () => {
    const unknown = await cli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown argument: frobnicate/);
    const flag = await cli(['run', 'experiments/quickstart.yaml', '--jsn']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/jsn/);
  });

  it('a folder given as the experiment file is named as such, exit 2', async () => {
    const { code, stderr } = await cli(['validate', 'experiments', 'experiments/quickstart.yaml']);
    expect(code).toBe(2);
    expect(stderr).toContain(`${join(process.cwd(), 'experiments')}: it is a folder; expected a file`);
    const run = await cli(['run', 'experiments']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('it is a folder; expected a file');
  });

  it.each([
    ['run', /^run: expected an experiment YAML file \(faultline run <file>\); found none/],
    ['plan', /^plan: expected an experiment YAML file \(faultline plan <file>\); found none/],
    ['validate', /^validate: expected one or more experiment YAML files/],
  ])('`faultline %s` without its file says what it expected, exits 2', async (command, message) => {
    const result = await cli([command]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });
});
