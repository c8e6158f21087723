import type { WindowSummary } from '../slo/window-summary.ts';

/**
 * The top `n` causes of bad events in the window starting at `startMs`, as one line
 * (`http 503 ×12 "HTTP 503", timeout ×3 "no answer within the timeout"`); '' when none.
 */
export function topCauses(windows: readonly WindowSummary[], startMs: number, n = 3): string {
  const causes = windows.find((w) => w.startMs === startMs)?.causes ?? [];
  const shown = causes
    .slice(0, n)
    .map((c) => `${c.cause} ×${c.count} ${JSON.stringify(c.firstMessage.slice(0, 80))}`);
  const more = causes.length > n ? `, +${causes.length - n} more` : '';
  return shown.length ? `${shown.join(', ')}${more}` : '';
}
