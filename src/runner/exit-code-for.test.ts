import { describe, expect, it } from 'vitest';
import { exitCodeFor } from './exit-code-for.ts';

describe('exitCodeFor', () => {
  it('gives each verdict its own code; inconclusive is 6, and a failed revert outranks all', () => {
    expect(
      (['pass', 'fail', 'not-steady', 'aborted', 'error', 'inconclusive'] as const).map((v) =>
        exitCodeFor(v, false),
      ),
    ).toEqual([0, 1, 1, 3, 5, 6]);
    expect(exitCodeFor('inconclusive', true)).toBe(4);
  });
});
