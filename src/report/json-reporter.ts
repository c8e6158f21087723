import type { Journal } from '../journal/journal.ts';
import type { Reporter } from './reporter.ts';

/** `journal.json`: the journal itself, the contract (schema/journal.schema.json). */
export const jsonReporter: Reporter = {
  name: 'json',
  file: 'journal.json',
  description: 'journal.json: the complete journal (the input of `faultline report`)',
  render: (journal: Journal) => `${JSON.stringify(journal, null, 2)}\n`,
};
