/**
 * Parsers for the small value languages of experiment files. Each returns the parsed value or
 * `undefined` when the text does not belong to the language; callers report what was expected.
 *
 * Grammar:
 *   duration   := group+            group := number unit      unit := "ms" | "s" | "m" | "h"
 *                 e.g. `250ms`, `5s`, `2m`, `1h`, `1m30s`; the bare number `0` means zero
 *   percentage := number "%"  (0–100)  |  number in [0, 1]      e.g. `99.5%`, `0.995`
 *   bytes      := integer | number unit   unit := B KB MB GB (powers of 1000) | KiB MiB GiB (1024)
 */

const DURATION_GROUP = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Parses a duration (see grammar) into milliseconds. */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '0') return 0;
  if (trimmed === '') return undefined;
  DURATION_GROUP.lastIndex = 0;
  let total = 0;
  let consumed = 0;
  for (let m = DURATION_GROUP.exec(trimmed); m; m = DURATION_GROUP.exec(trimmed)) {
    total += Number(m[1]) * (UNIT_MS[m[2] ?? ''] ?? Number.NaN);
    consumed = DURATION_GROUP.lastIndex;
  }
  return consumed === trimmed.length && Number.isFinite(total) ? Math.round(total * 1000) / 1000 : undefined;
}

/** Renders milliseconds compactly: 1500 → `1.5s`, 90000 → `1m30s`, 250 → `250ms`. */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${round(ms)}ms`;
  if (ms < 60_000) return `${round(ms / 1000)}s`;
  const minutes = Math.floor(ms / 60_000);
  const rest = ms - minutes * 60_000;
  if (minutes >= 60 && rest === 0 && minutes % 60 === 0) return `${minutes / 60}h`;
  return rest === 0 ? `${minutes}m` : `${minutes}m${formatDuration(rest)}`;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** Parses a percentage (see grammar) into a fraction in [0, 1]. */
export function parsePercentage(value: string | number): number | undefined {
  if (typeof value === 'number') return value >= 0 && value <= 1 ? value : undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(value);
  if (m) {
    const pct = Number(m[1]);
    return pct <= 100 ? pct / 100 : undefined;
  }
  const n = Number(value);
  return value.trim() !== '' && Number.isFinite(n) && n >= 0 && n <= 1 ? n : undefined;
}

/** Renders a fraction as a percentage: 0.995 → `99.5%`. */
export function formatPercentage(fraction: number): string {
  return `${Math.round(fraction * 100_000) / 1000}%`;
}

const BYTE_UNITS: Record<string, number> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
};

/** Parses a byte size (see grammar) into a whole number of bytes. */
export function parseBytes(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(value);
  if (!m) return undefined;
  const unit = (m[2] ?? '').toLowerCase();
  const factor = unit === '' ? 1 : BYTE_UNITS[unit];
  return factor === undefined ? undefined : Math.round(Number(m[1]) * factor);
}
