import { writeFileSync } from 'node:fs';
import { gamedayJsonSchema } from '../gameday/gameday-json-schema.ts';
import { experimentJsonSchema, scenarioJsonSchema } from './json-schema.ts';

/** `npm run schema`: writes schema/experiment.schema.json, scenario.schema.json and gameday.schema.json. */
const target = process.argv[2] ?? 'schema/experiment.schema.json';
writeFileSync(target, `${JSON.stringify(experimentJsonSchema(), null, 2)}\n`);
writeFileSync(
  target.replace('experiment.schema', 'scenario.schema'),
  `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`,
);
writeFileSync(
  target.replace('experiment.schema', 'gameday.schema'),
  `${JSON.stringify(gamedayJsonSchema(), null, 2)}\n`,
);
