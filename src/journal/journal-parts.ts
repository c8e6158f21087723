import type { z } from 'zod';
import type { Experiment, FaultSpec } from '../experiment/model.ts';
import type {
  environmentSchema,
  hypothesisJournalSchema,
  loadJournalSchema,
  slosJournalSchema,
} from './journal-schema.ts';

/**
 * The experiment as the run resolved it: the file's data after defaults, scenario expansion and
 * `${env:…}` values (durations in ms, percentages as fractions). Secret values are redacted when
 * the journal is written to disk.
 */
export type ResolvedExperiment = Omit<Experiment, 'secrets' | 'faults' | 'file'> & {
  readonly faults: readonly (FaultSpec & { readonly scenario?: string })[];
};

/** The SLO window (ms) and every objective with its threshold, as data. */
export type JournalSlos = z.output<typeof slosJournalSchema>;
/** The hypothesis with every duration in ms. */
export type JournalHypothesis = z.output<typeof hypothesisJournalSchema>;
/** The load settings as data (not a display string) plus a one-line description. */
export type JournalLoad = z.output<typeof loadJournalSchema>;
/** Where the run ran: versions and host. */
export type JournalEnvironment = z.output<typeof environmentSchema>;
