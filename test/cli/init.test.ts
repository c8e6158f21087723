import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from '../helpers/captured-runtime.ts';

describe('faultline init', () => {
  it('writes a commented experiment for the URL that validates, with a $schema line that resolves', async () => {
    const dir = tempDir();
    const { code, stdout } = await cli(['init', 'http://127.0.0.1:9090/api/health?deep=1'], { cwd: dir });
    expect(code).toBe(0);
    expect(stdout).toContain('wrote experiment.yaml');
    const file = join(dir, 'experiment.yaml');
    const text = readFileSync(file, 'utf8');
    const schema = /^# yaml-language-server: \$schema=(\S+)\n/.exec(text)?.[1];
    expect(schema).toBeDefined();
    expect(existsSync(resolve(dirname(file), schema ?? ''))).toBe(true);
    expect(text).toContain('url: http://127.0.0.1:9090\n');
    expect(text).toContain('path: "/api/health?deep=1"');
    expect(text).toMatch(/^ {2}# - \{ name: pause-api/m);
    const valid = await cli(['validate', file]);
    expect(valid.stderr).toBe('');
    expect(valid.code).toBe(0);
  });

  it('its commented target and fault validate once uncommented', async () => {
    const dir = tempDir();
    await cli(['init', 'http://127.0.0.1:9090/', '--out', 'x.yaml'], { cwd: dir });
    const file = join(dir, 'x.yaml');
    const text = readFileSync(file, 'utf8')
      .replace('targets: {}\n  # api:', 'targets:\n  api:')
      .replace('faults: []\n  # - { name: pause-api', 'faults:\n  - { name: pause-api');
    writeFileSync(file, text);
    const valid = await cli(['validate', file]);
    expect(valid.stderr).toBe('');
    expect(valid.stdout).toContain('valid (1 fault)');
  });

  it('refuses to overwrite a file without --force (exit 2, names it, changes nothing)', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'mine.yaml'), 'keep me\n');
    const refused = await cli(['init', 'http://127.0.0.1:9090/', '--out', 'mine.yaml'], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('init: mine.yaml already exists; nothing was written (pass --force');
    expect(readFileSync(join(dir, 'mine.yaml'), 'utf8')).toBe('keep me\n');
    const forced = await cli(['init', 'http://127.0.0.1:9090/', '--out', 'mine.yaml', '--force'], {
      cwd: dir,
    });
    expect(forced.code).toBe(0);
    expect(readFileSync(join(dir, 'mine.yaml'), 'utf8')).toContain('version: 1');
  });

  it.each(['ftp://127.0.0.1/', 'localhost:8080', 'http://'])(
    'a bad URL (%s) is a flag error, nothing written',
    async (url) => {
      const dir = tempDir();
      const { code, stderr } = await cli(['init', url], { cwd: dir });
      expect(code).toBe(2);
      expect(stderr).toContain(
        `init <url>: expected an http:// or https:// URL such as http://127.0.0.1:8080/health, found "${url}"`,
      );
      expect(existsSync(join(dir, 'experiment.yaml'))).toBe(false);
    },
  );
});
