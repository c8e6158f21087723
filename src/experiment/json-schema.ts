import { z } from 'zod';
import { experimentSchema, scenarioSchema } from './schema.ts';

/** The JSON Schema of experiment files, generated from the same zod schema the loader uses. */
export function experimentJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(experimentSchema, { io: 'input', unrepresentable: 'any' }),
    $id: 'https://faultline.dev/schema/experiment.schema.json',
    title: 'faultline experiment',
  };
}

/** The JSON Schema of scenario files (`use:`). */
export function scenarioJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' }),
    $id: 'https://faultline.dev/schema/scenario.schema.json',
    title: 'faultline scenario',
  };
}
