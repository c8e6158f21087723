import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from '../helpers/captured-runtime.ts';
import { freePort } from '../helpers/free-port.ts';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

describe('no shell is built from experiment strings, except process.command', () => {
  it('only the process target spawns through a shell; nothing else runs sh -c or exec', () => {
    const shells: string[] = [];
    for (const file of sources('src')) {
      const text = readFileSync(file, 'utf8');
      if (/shell:\s*true/.test(text)) shells.push(file);
      expect(text, file).not.toMatch(/\b(execSync|spawnSync)\(|child_process'\)?;?\s*$.*\bexec\(/ms);
      expect(text, file).not.toMatch(/['"](\/bin\/)?(ba)?sh['"]\s*,\s*['"]-c['"]/);
    }
    expect(shells).toEqual(['src/faults/process/managed-process.ts']);
  });

  it('shell syntax in other fields (names, URLs, headers, env values) is never run', async () => {
    const dir = tempDir();
    const marker = join(dir, 'pwned');
    const port = await freePort();
    const file = join(dir, 'hostile.yaml');
    writeFileSync(
      file,
      `version: 1
name: hostile
targets:
  shop: { process: { command: "true", env: { X: "$(touch ${marker})" }, ready: "http://127.0.0.1:${port}/health" } }
load:
  url: "http://127.0.0.1:${port}"
  requests: [{ path: "/\`touch ${marker}\`", headers: { x-evil: "$(touch ${marker}); \${env:FL_HOSTILE}" } }]
  rate: 10
  duration: 12s
slos: { window: 1s, objectives: [{ name: ok, success: { at-least: 1% } }] }
hypothesis: { baseline: 2s, after: 2s }
`,
    );
    const result = await cli(['run', '--dry-run', file], { env: { FL_HOSTILE: `$(touch ${marker})` } });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(existsSync(marker)).toBe(false);
  });
});

describe('secrets from ${env:…} never reach any output', () => {
  it('a secret in a header and in a failing ready URL stays out of the journal, stdout and stderr', async () => {
    const dir = tempDir();
    const secret = 'tok-3f9a7c1e-s3cr3t';
    const port = await freePort();
    const file = join(dir, 'secret.yaml');
    writeFileSync(
      file,
      `version: 1
name: secretive
targets:
  shop: { process: { command: "node -e \\"setInterval(() => {}, 1000)\\"", env: { TOKEN: "\${env:FL_TOKEN}" }, ready: "http://127.0.0.1:${port}/health?token=\${env:FL_TOKEN}", ready-timeout: 1s } }
load:
  url: "http://127.0.0.1:${port}"
  requests: [{ path: /, headers: { authorization: "Bearer \${env:FL_TOKEN}" } }]
  rate: 10
  duration: 12s
slos: { window: 1s, objectives: [{ name: ok, success: { at-least: 1% } }] }
hypothesis: { baseline: 2s, after: 2s }
`,
    );
    const out = join(dir, 'journal');
    const result = await cli(['run', file, '--out', out], { env: { FL_TOKEN: secret } });
    expect(result.code).toBe(5);
    // The failure names the probe, with the secret replaced by its placeholder.
    expect(result.stderr + result.stdout).toContain('token=${env:FL_TOKEN}');
    const outputs = {
      stdout: result.stdout,
      stderr: result.stderr,
      'journal.json': readFileSync(join(out, 'journal.json'), 'utf8'),
      'journal.ndjson': readFileSync(join(out, 'journal.ndjson'), 'utf8'),
    };
    for (const [where, text] of Object.entries(outputs)) expect(text, where).not.toContain(secret);
  });
});
