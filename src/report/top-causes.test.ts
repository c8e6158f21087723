import { describe, expect, it } from 'vitest';
import type { WindowSummary } from '../slo/window-summary.ts';
import { topCauses } from './top-causes.ts';

const window = (startMs: number, causes: WindowSummary['causes']) => ({ startMs, causes }) as WindowSummary;

describe('topCauses', () => {
  it('shows the breached window’s most frequent causes with their first message', () => {
    const windows = [
      window(0, [{ cause: 'timeout', count: 1, firstMessage: 'no answer within the timeout' }]),
      window(1000, [
        { cause: 'http 503', count: 12, firstMessage: 'HTTP 503' },
        { cause: 'reset', count: 2, firstMessage: 'ECONNRESET: read ECONNRESET' },
        { cause: 'timeout', count: 1, firstMessage: 'no answer within the timeout' },
        { cause: 'refused', count: 1, firstMessage: 'ECONNREFUSED' },
      ]),
    ];
    expect(topCauses(windows, 1000)).toBe(
      'http 503 ×12 "HTTP 503", reset ×2 "ECONNRESET: read ECONNRESET", timeout ×1 "no answer within the timeout", +1 more',
    );
    expect(topCauses(windows, 5000)).toBe('');
  });
});
