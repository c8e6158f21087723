import { writeFileSync } from 'node:fs';
import { journalJsonSchema } from '../journal/journal-schema.ts';

/** `npm run schema`: writes schema/journal.schema.json from the journal's zod schema. */
writeFileSync(
  process.argv[2] ?? 'schema/journal.schema.json',
  `${JSON.stringify(journalJsonSchema(), null, 2)}\n`,
);
