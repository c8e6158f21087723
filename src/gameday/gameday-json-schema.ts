import { z } from 'zod';
import { gamedaySchema } from './gameday-schema.ts';

/** The JSON Schema of game day files, generated from the zod schema `faultline gameday` loads with. */
export function gamedayJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(gamedaySchema, { io: 'input', unrepresentable: 'any' }),
    $id: 'https://faultline.dev/schema/gameday.schema.json',
    title: 'faultline game day',
  };
}
