import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { experimentJsonSchema, scenarioJsonSchema } from '../../src/experiment/json-schema.ts';
import { cli } from '../helpers/captured-runtime.ts';

describe('the JSON Schema of experiment files', () => {
  it('is committed exactly as the zod schema generates it (run `npm run schema` after changing it)', () => {
    expect(JSON.parse(readFileSync('schema/experiment.schema.json', 'utf8'))).toEqual(experimentJsonSchema());
    expect(JSON.parse(readFileSync('schema/scenario.schema.json', 'utf8'))).toEqual(scenarioJsonSchema());
  });

  it('knows every fault type and the user-facing key names', async () => {
    const { stdout, code } = await cli(['schema']);
    expect(code).toBe(0);
    for (const key of [
      'during-faults',
      'recover-within',
      'abort-when',
      'at-least',
      'latency',
      'reset-peer',
      'disk-fill',
      'max-connections',
      'openslo',
    ]) {
      expect(stdout).toContain(`"${key}"`);
    }
  });
});
