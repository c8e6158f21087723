import { nodeRuntime } from '../runtime/node-runtime.ts';
import { runCli } from './run-cli.ts';

const code = await runCli(process.argv.slice(2), nodeRuntime());
process.exit(code);
