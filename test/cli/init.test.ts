import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from '../helpers/captured-runtime.ts';

describe('faultline init <url>', () => {
  it('writes a commented experiment for the URL that validates as written', async () => {
    const dir = tempDir();
    const { code, stdout } = await cli(
      ['init', 'http://127.0.0.1:9090/api/items?page=1', '--out', 'shop.yaml'],
      {
        cwd: dir,
      },
    );
    expect(code).toBe(0);
    expect(stdout).toBe('shop.yaml: written; next: faultline validate shop.yaml\n');
    const text = readFileSync(join(dir, 'shop.yaml'), 'utf8');
    expect(text).toContain('  url: http://127.0.0.1:9090\n');
    expect(text).toContain('- { method: GET, path: "/api/items?page=1" }');
    expect(text).toMatch(/^# {3}- \{ name: freeze-api, target: api, type: pause/m);
    const validated = await cli(['validate', 'shop.yaml'], { cwd: dir });
    expect(validated).toMatchObject({ code: 0, stdout: 'shop.yaml: valid (0 faults)\n' });
  });

  it('a URL that is not http(s) is a located flag error; nothing is written', async () => {
    const dir = tempDir();
    const { code, stderr } = await cli(['init', 'ftp://example.com'], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toContain(
      '<url>: expected an http:// or https:// URL such as http://127.0.0.1:8080/; found "ftp://example.com"',
    );
    expect(existsSync(join(dir, 'experiment.yaml'))).toBe(false);
  });

  it('never overwrites an existing file', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'experiment.yaml'), 'mine\n');
    const { code, stderr } = await cli(['init', 'http://127.0.0.1:9090'], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toContain(
      '--out: experiment.yaml already exists; expected a new file (nothing was changed)',
    );
    expect(readFileSync(join(dir, 'experiment.yaml'), 'utf8')).toBe('mine\n');
  });
});
