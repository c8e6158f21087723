import { writeFileSync } from 'node:fs';
import { experimentJsonSchema, scenarioJsonSchema } from './json-schema.ts';

/** `npm run schema`: writes schema/experiment.schema.json and schema/scenario.schema.json. */
const target = process.argv[2] ?? 'schema/experiment.schema.json';
writeFileSync(target, `${JSON.stringify(experimentJsonSchema(), null, 2)}\n`);
writeFileSync(
  target.replace('experiment.schema', 'scenario.schema'),
  `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`,
);
