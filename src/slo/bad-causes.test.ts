import { describe, expect, it } from 'vitest';
import { BadCauses, causeOfError } from './bad-causes.ts';

describe('causeOfError', () => {
  it('names connection errors by their OS code, and a close in mid-request by what happened', () => {
    expect(causeOfError('ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9')).toBe('refused');
    expect(causeOfError('ECONNRESET: read ECONNRESET')).toBe('reset');
    expect(causeOfError('EPIPE: write EPIPE')).toBe('reset');
    expect(causeOfError('connection closed mid-request')).toBe('closed mid-request');
    expect(causeOfError('EHOSTDOWN: connect EHOSTDOWN')).toBe('ehostdown');
    expect(causeOfError('socket hang up')).toBe('error');
  });
});

describe('BadCauses', () => {
  it('keeps the first message of each cause and lists the most frequent first', () => {
    const causes = new BadCauses();
    causes.add('timeout', 'first timeout');
    causes.add('http 503', 'HTTP 503', 3);
    causes.add('timeout', 'second timeout');
    expect(causes.list()).toEqual([
      { cause: 'http 503', count: 3, firstMessage: 'HTTP 503' },
      { cause: 'timeout', count: 2, firstMessage: 'first timeout' },
    ]);
    causes.clear();
    expect(causes.list()).toEqual([]);
  });
});
