import { experimentJsonSchema, scenarioJsonSchema } from '../../experiment/json-schema.ts';
import { gamedayJsonSchema } from '../../gameday/gameday-json-schema.ts';
import type { Runtime } from '../../runtime/runtime.ts';

/** The files `faultline schema` describes. */
export const SCHEMA_KINDS = ['experiment', 'scenario', 'gameday'] as const;
export type SchemaKind = (typeof SCHEMA_KINDS)[number];

const SCHEMAS: Record<SchemaKind, () => Record<string, unknown>> = {
  experiment: experimentJsonSchema,
  scenario: scenarioJsonSchema,
  gameday: gamedayJsonSchema,
};

/** `faultline schema [kind]`: the JSON Schema of experiment (default), scenario or game day files. */
export function schemaCommand(runtime: Runtime, kind: SchemaKind = 'experiment'): number {
  runtime.stdout.write(`${JSON.stringify(SCHEMAS[kind](), null, 2)}\n`);
  return 0;
}
