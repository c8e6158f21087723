import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/errors/faultline-error.ts';
import { JOURNAL_FORMAT_MINOR } from '../../src/journal/journal.ts';
import { journalJsonSchema } from '../../src/journal/journal-schema.ts';
import { readJournal } from '../../src/journal/read-journal.ts';

const fixturePath = 'test/fixtures/journal/checkout-holds.journal.json';
const fixture = readFileSync(fixturePath, 'utf8');
const withFields = (patch: Record<string, unknown>) => JSON.stringify({ ...JSON.parse(fixture), ...patch });
const refusal = (text: string) => {
  try {
    readJournal(text, 'old/journal.json');
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return { message: (error as InvalidInputError).message, hint: (error as InvalidInputError).hint };
  }
  throw new Error('expected the journal to be refused');
};

describe('the journal as a contract', () => {
  it('schema/journal.schema.json is committed exactly as the zod schema generates it (npm run schema)', () => {
    expect(JSON.parse(readFileSync('schema/journal.schema.json', 'utf8'))).toEqual(journalJsonSchema());
  });

  it('a journal of a real run reads back, self-describing: thresholds, hypothesis, load as data', () => {
    const journal = readJournal(fixture, fixturePath);
    expect(journal.formatMinor).toBe(JOURNAL_FORMAT_MINOR);
    expect(journal.slos.objectives[0]).toEqual({ name: 'fast', latency: { percentile: 99, below: 300 } });
    expect(journal.hypothesis).toMatchObject({
      baseline: 4000,
      'recover-within': 3000,
      'during-faults': 'hold',
    });
    expect(journal.load.model).toMatchObject({ kind: 'open', rate: 100 });
    expect(journal.experiment.resolved).toMatchObject({ name: 'checkout-holds' });
    expect(journal.faults[0]?.evidence.length).toBeGreaterThan(0);
  });

  it('a newer minor version with fields this version does not know is read, the fields kept', () => {
    const journal = readJournal(withFields({ formatMinor: 9, futureField: { x: 1 } }), 'new.json');
    expect((journal as unknown as { futureField: unknown }).futureField).toEqual({ x: 1 });
  });

  it('refuses an unknown major version, saying which it found and which it reads', () => {
    const { message, hint } = refusal(withFields({ format: 2 }));
    expect(message).toBe(
      'old/journal.json: journal format 2; this faultline reads journal format 1 (any minor version)',
    );
    expect(hint).toContain('upgrade faultline');
    expect(refusal(withFields({ format: undefined })).message).toContain('journal no `format` field');
  });

  it('refuses text that is not JSON and a journal that breaks the schema, naming the field', () => {
    expect(refusal('{"format": 1,').message).toMatch(/^old\/journal\.json: not JSON \(/);
    expect(refusal(withFields({ windows: [{ index: 'one' }] })).message).toContain('at windows.0.index:');
  });
});
