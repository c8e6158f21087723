import { InvalidInputError } from '../errors/faultline-error.ts';
import { JOURNAL_FORMAT, type Journal } from './journal.ts';
import { journalSchema } from './journal-schema.ts';

/**
 * Parses the text of a journal.json (`source` names it in messages). Accepts every minor version
 * of the major it knows (unknown fields of a newer minor are kept); refuses another major, text
 * that is not JSON, and a journal that does not match its schema — each with an
 * InvalidInputError (exit 2) that says what was found and what was expected.
 */
export function readJournal(text: string, source: string): Journal {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw problem(
      `${source}: not JSON (${error instanceof Error ? error.message : String(error)}); expected a journal.json written by faultline run`,
    );
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw problem(
      `${source}: expected a JSON object (a faultline journal); found ${Array.isArray(data) ? 'an array' : typeof data}`,
    );
  const format = (data as { format?: unknown }).format;
  if (format !== JOURNAL_FORMAT) {
    const found = format === undefined ? 'no `format` field' : `format ${JSON.stringify(format)}`;
    throw problem(
      `${source}: journal ${found}; this faultline reads journal format ${JOURNAL_FORMAT} (any minor version)`,
      typeof format === 'number' && format > JOURNAL_FORMAT
        ? 'the journal was written by a newer faultline: upgrade faultline to read it'
        : undefined,
    );
  }
  const parsed = journalSchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 10).map((issue) => ({
      message: `${source}: at ${issue.path.length ? issue.path.join('.') : '(top)'}: ${issue.message}`,
    }));
    throw new InvalidInputError(problems, { code: 'E_JOURNAL_INVALID' });
  }
  // Keep the fields a newer minor version added: the schema only checks what this version knows.
  return data as Journal;
}

function problem(message: string, hint?: string): InvalidInputError {
  return new InvalidInputError([{ message }], { code: 'E_JOURNAL_INVALID', ...(hint ? { hint } : {}) });
}
