import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The data path before this round of work (the commit whose bulk figures were 492 MB/s embedded and
 * 513 MB/s standalone), run beside the current one so that "before" and "now" are measured in the
 * same run, on the same loaded machine.
 */
export const BASELINE_COMMIT = 'e8231ce28c0c39512cb3ed8cc30e112ae881d4e5';

/**
 * Extracts `src/` of BASELINE_COMMIT (git archive) into a temporary folder; resolves the path of
 * its proxy-server module and a cleanup, or undefined when git or that commit is not available.
 */
export function extractBaseline(): { module: string; remove: () => void } | undefined {
  const repo = fileURLToPath(new URL('..', import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), 'faultline-proxy-baseline-'));
  try {
    const archive = execFileSync('git', ['-C', repo, 'archive', BASELINE_COMMIT, 'src'], {
      maxBuffer: 256 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    execFileSync('tar', ['-x', '-C', dir], { input: archive });
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
  return {
    module: join(dir, 'src/proxy/proxy-server.ts'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
