import { ExitCode } from '../errors/exit-codes.ts';
import { crashes, nodeRuntime } from '../runtime/node-runtime.ts';
import { runCli } from './run-cli.ts';

const code = await runCli(process.argv.slice(2), nodeRuntime());
// After an internal error the run was stopped and reverted; its exit code must not read as a
// verdict (or as a user's Ctrl-C). A revert that failed (4) or bad input (2) keeps its code.
const keep: number[] = [ExitCode.invalidInput, ExitCode.revertFailed];
process.exit(crashes.length > 0 && !keep.includes(code) ? ExitCode.runError : code);
