import { writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeErrno, errnoCode } from '../../errors/errno-phrase.ts';
import { ExitCode } from '../../errors/exit-codes.ts';
import { InvalidInputError } from '../../errors/faultline-error.ts';
import { scaffoldExperiment } from '../../experiment/scaffold-experiment.ts';
import type { Runtime } from '../../runtime/runtime.ts';

/** Options of `faultline init <url> [--out file] [--force]`. */
export interface InitOptions {
  readonly url: string;
  /** The file to write (default `experiment.yaml`), relative to the working directory. */
  readonly out: string;
  readonly force: boolean;
}

/** The JSON Schema shipped with faultline, wherever it is installed. */
const SCHEMA_FILE = fileURLToPath(new URL('../../../schema/experiment.schema.json', import.meta.url));

/**
 * `faultline init`: writes a commented starter experiment for `url`. A URL that is not http(s)
 * is a flag error; an existing file is left alone unless `force` (both exit 2, nothing written).
 */
export function initCommand(options: InitOptions, runtime: Runtime): number {
  const url = parseUrl(options.url);
  const file = resolve(runtime.cwd, options.out);
  const schemaPath = relative(dirname(file), SCHEMA_FILE).split('\\').join('/');
  const text = scaffoldExperiment({ url, schemaPath });
  try {
    writeFileSync(file, text, { flag: options.force ? 'w' : 'wx' });
  } catch (error) {
    const problem =
      errnoCode(error) === 'EEXIST'
        ? `init: ${options.out} already exists; nothing was written (pass --force to overwrite it)`
        : `init: cannot write ${options.out}: ${describeErrno(error)}`;
    throw new InvalidInputError([{ message: problem }], { code: 'E_USAGE' });
  }
  runtime.stdout.write(
    `wrote ${options.out}: check it with \`faultline validate ${options.out}\`, then \`faultline run ${options.out}\`\n`,
  );
  return ExitCode.pass;
}

function parseUrl(text: string): URL {
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '')
    throw new InvalidInputError(
      [
        {
          message: `init <url>: expected an http:// or https:// URL such as http://127.0.0.1:8080/health, found ${JSON.stringify(text)}`,
        },
      ],
      { code: 'E_USAGE' },
    );
  return url;
}
