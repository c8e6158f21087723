import type { z } from 'zod';
import type { Journal } from './journal.ts';
import type { journalSchema } from './journal-schema.ts';

/** `T` with every readonly modifier removed, all the way down (zod's output types are mutable). */
type Writable<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends readonly (infer U)[]
    ? Writable<U>[]
    : T extends object
      ? { -readonly [K in keyof T]: Writable<T[K]> }
      : T;

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

type SchemaJournal = Omit<z.output<typeof journalSchema>, 'experiment'> & {
  experiment: Omit<z.output<typeof journalSchema>['experiment'], 'resolved'>;
};
type TypedJournal = Writable<
  Omit<Journal, 'experiment'> & { experiment: Omit<Journal['experiment'], 'resolved'> }
>;

/**
 * Compile-time proof that the zod journal schema and the `Journal` type describe the same shape
 * (the resolved experiment aside, which has its own schema/experiment.schema.json). When a field
 * is added to Journal or to WindowSummary, `npm run typecheck` fails here until the schema has it.
 */
export const journalSchemaMatchesType: Same<SchemaJournal, TypedJournal> = true;
