/** One experiment of a game day run, linked to its journal. */
export interface GamedayItem {
  readonly experiment: string;
  readonly file: string;
  /** Which batch it ran in (experiments of one batch ran at the same time). */
  readonly batch: number;
  readonly runId: string;
  readonly verdict: string;
  readonly exitCode: number;
  /** Its journal.json. */
  readonly journal: string;
  readonly notes: string | null;
}

/** The combined record of one game day run (gameday.json). */
export interface GamedayReport {
  readonly kind: 'gameday';
  readonly format: 1;
  readonly gameday: string;
  readonly title: string | null;
  readonly runId: string;
  readonly file: string;
  readonly startedAt: string;
  readonly endedAt: string;
  /** The cron time this run was started for (with `--schedule`), else null. */
  readonly scheduledFor: string | null;
  /** Scheduled times skipped because the previous run was still going (no overlap). */
  readonly missed: readonly string[];
  readonly roles: Readonly<Record<string, string>>;
  readonly notes: string | null;
  readonly items: readonly GamedayItem[];
  /** `pass` when every experiment passed, else the verdict of the first that did not. */
  readonly verdict: string;
  /** The highest-priority exit code of its experiments (4, then 3, then 5, then 1, then 0). */
  readonly exitCode: number;
}

const PRIORITY = [4, 3, 5, 2, 1, 0];

/** The exit code that speaks for several: a fault left in place first, then interruption, error, failure. */
export function combinedExitCode(codes: readonly number[]): number {
  return PRIORITY.find((c) => codes.includes(c)) ?? 0;
}

/** The game day's summary for the terminal: one line per experiment with its journal. */
export function gamedayText(report: GamedayReport, file: string): string {
  const lines = [
    `game day ${report.gameday} (run ${report.runId})${report.scheduledFor ? ` scheduled for ${report.scheduledFor}` : ''}: ${report.verdict}`,
    ...Object.entries(report.roles).map(([role, who]) => `  ${role}: ${who}`),
    ...report.items.map(
      (i) =>
        `  [batch ${i.batch}] ${i.experiment.padEnd(28)} ${i.verdict.padEnd(11)} exit ${i.exitCode}  ${i.journal}`,
    ),
    ...report.missed.map((m) => `  missed: the run scheduled for ${m} (the previous run was still going)`),
    `record: ${file}`,
  ];
  return `${lines.join('\n')}\n`;
}
