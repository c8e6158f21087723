import type { BreakResult } from './break-search.ts';
import type { Level } from './capacity-level.ts';
import type { SearchResult, SearchStop } from './capacity-search.ts';

/** One search's answer (healthy, or under a held fault). Rates in requests per second. */
export interface SearchReport {
  /** The fault held active throughout each level, or null for the healthy search. */
  readonly under: string | null;
  readonly maxSustainableRate: number | null;
  readonly firstFailingRate: number | null;
  readonly brokenBy: string | null;
  readonly confirmed: boolean;
  readonly stop: SearchStop;
  /** The answer less the headroom: where to run in production. */
  readonly recommendedRate: number | null;
  readonly levelCount: number;
  /** Every level in the order run: the offered-vs-answered and latency-vs-rate curves. */
  readonly levels: readonly Level[];
}

/** The record of `faultline capacity` (capacity.json, and `--json` on stdout). */
export interface CapacityReport extends SearchReport {
  readonly kind: 'capacity';
  readonly format: 1;
  readonly runId: string;
  readonly experiment: { readonly name: string; readonly file: string };
  readonly startedAt: string;
  readonly endedAt: string;
  readonly settings: {
    readonly from: number;
    readonly to: number;
    readonly precision: number;
    readonly headroom: number;
    readonly warmupMs: number;
    readonly holdMs: number;
  };
  /** With `--under`: the search with that fault held, and its ratio to the healthy answer. */
  readonly underFailure: (SearchReport & { readonly ratioToHealthy: number | null }) | null;
  /** With `--break`: how the system failed past the first failing level, and if it came back. */
  readonly breakingPoint: BreakResult | null;
  readonly notes: readonly string[];
  /** What failed when the search could not be carried out, else null. */
  readonly error: string | null;
  readonly aborted: boolean;
  readonly exitCode: number;
}

/** A search's result as reported, with the recommended operating point. */
export function searchReport(result: SearchResult, under: string | null, headroom: number): SearchReport {
  const max = result.maxSustainableRate;
  return {
    under,
    maxSustainableRate: max,
    firstFailingRate: result.firstFailingRate,
    brokenBy: result.brokenBy,
    confirmed: result.confirmed,
    stop: result.stop,
    recommendedRate: max === null ? null : Math.floor(max * (1 - headroom) * 10) / 10,
    levelCount: result.levels.length,
    levels: result.levels,
  };
}
