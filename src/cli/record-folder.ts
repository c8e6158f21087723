import { mkdirSync } from 'node:fs';
import { describeErrno, errnoCode, errnoPhrase } from '../errors/errno-phrase.ts';
import { InvalidInputError } from '../errors/faultline-error.ts';

/**
 * Makes the folder a command keeps its record in (`what`: `--out`, or `the record folder`), or
 * throws an InvalidInputError (exit 2, before anything runs) saying why it cannot.
 */
export function recordFolder(dir: string, what: string): string {
  try {
    mkdirSync(dir, { recursive: true });
    return dir;
  } catch (error) {
    throw new InvalidInputError(
      [{ message: `${what}: cannot keep the record in ${dir}: ${folderProblem(error)}` }],
      { code: 'E_RECORD_DIR' },
    );
  }
}

/** Why a folder could not be made, for a person: a file in the way says what was expected. */
export function folderProblem(error: unknown): string {
  const code = errnoCode(error);
  return code === 'EEXIST' || code === 'ENOTDIR'
    ? `${errnoPhrase(error)} (expected a folder, or a path that does not exist yet)`
    : describeErrno(error);
}
