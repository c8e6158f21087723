import { experimentJsonSchema } from '../../experiment/json-schema.ts';
import type { Runtime } from '../../runtime/runtime.ts';

/** `faultline schema`: the JSON Schema of experiment files, for editors and other tools. */
export function schemaCommand(runtime: Runtime): number {
  runtime.stdout.write(`${JSON.stringify(experimentJsonSchema(), null, 2)}\n`);
  return 0;
}
