import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { experimentJsonSchema, scenarioJsonSchema } from '../../src/experiment/json-schema.ts';
import { gamedayJsonSchema } from '../../src/gameday/gameday-json-schema.ts';
import { cli } from '../helpers/captured-runtime.ts';

describe('the JSON Schema of experiment files', () => {
  it('is committed exactly as the zod schema generates it (run `npm run schema` after changing it)', () => {
    expect(JSON.parse(readFileSync('schema/experiment.schema.json', 'utf8'))).toEqual(experimentJsonSchema());
    expect(JSON.parse(readFileSync('schema/scenario.schema.json', 'utf8'))).toEqual(scenarioJsonSchema());
    expect(JSON.parse(readFileSync('schema/gameday.schema.json', 'utf8'))).toEqual(gamedayJsonSchema());
  });

  it('`schema gameday` prints the game day schema; an unknown kind is a flag error (exit 2)', async () => {
    const gameday = await cli(['schema', 'gameday']);
    expect(gameday.code).toBe(0);
    const printed = JSON.parse(gameday.stdout) as { title: string; required: string[] };
    expect(printed.title).toBe('faultline game day');
    expect(printed.required).toEqual(expect.arrayContaining(['version', 'gameday', 'experiments']));
    const bad = await cli(['schema', 'gamedays']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Choices: "experiment", "scenario", "gameday"/);
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
