import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describeErrno } from '../../errors/errno-phrase.ts';
import { InvalidInputError } from '../../errors/faultline-error.ts';
import type { Runtime } from '../../runtime/runtime.ts';
import { scaffoldExperiment } from '../scaffold-experiment.ts';

/**
 * `faultline init <url> [--out file]`: writes a commented experiment for `url` (default file
 * `experiment.yaml`). A URL that is not http(s) or a file that already exists is a flag error
 * (exit 2) and nothing is written.
 */
export function initCommand(options: { url: string; out?: string | undefined }, runtime: Runtime): number {
  let url: URL | undefined;
  try {
    url = new URL(options.url);
  } catch {
    url = undefined;
  }
  if (!url || !/^https?:$/.test(url.protocol) || url.hostname === '')
    throw new InvalidInputError(
      [
        {
          message: `<url>: expected an http:// or https:// URL such as http://127.0.0.1:8080/; found "${options.url}"`,
        },
      ],
      { code: 'E_USAGE' },
    );
  const out = options.out ?? 'experiment.yaml';
  const path = resolve(runtime.cwd, out);
  if (existsSync(path))
    throw new InvalidInputError(
      [{ message: `--out: ${out} already exists; expected a new file (nothing was changed)` }],
      {
        code: 'E_USAGE',
      },
    );
  const name = (url.hostname.replace(/[^A-Za-z0-9.-]/g, '-') || 'service').replace(/^[^A-Za-z0-9]+/, '');
  try {
    writeFileSync(path, scaffoldExperiment(url.href, `${name}-resilience`), { flag: 'wx' });
  } catch (error) {
    throw new InvalidInputError([{ message: `--out: cannot write ${out}: ${describeErrno(error)}` }], {
      code: 'E_USAGE',
    });
  }
  runtime.stdout.write(`${out}: written; next: faultline validate ${out}\n`);
  return 0;
}
