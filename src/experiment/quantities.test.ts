import { describe, expect, it } from 'vitest';
import { formatDuration, parseBytes, parseDuration, parsePercentage } from './quantities.ts';

describe('parseDuration', () => {
  it.each([
    ['250ms', 250],
    ['5s', 5000],
    ['2m', 120_000],
    ['1h', 3_600_000],
    ['1m30s', 90_000],
    ['1.5s', 1500],
    ['0', 0],
  ])('%s is %d ms', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['', '5', 'five seconds', '5 sec', '-5s', '5s2', 's'])('rejects %j', (text) =>
    expect(parseDuration(text)).toBeUndefined(),
  );

  it('formats what it parses', () => {
    for (const text of ['250ms', '5s', '2m', '1h', '1m30s', '1.5s']) {
      expect(parseDuration(formatDuration(parseDuration(text) ?? -1))).toBe(parseDuration(text));
    }
  });
});

describe('parsePercentage', () => {
  it('accepts both spellings', () => {
    expect(parsePercentage('99.5%')).toBeCloseTo(0.995);
    expect(parsePercentage(0.995)).toBe(0.995);
    expect(parsePercentage('0.5')).toBe(0.5);
  });
  it.each(['101%', 'lots', 1.5, -0.1, ''])('rejects %j', (v) => expect(parsePercentage(v)).toBeUndefined());
});

describe('parseBytes', () => {
  it('knows decimal and binary units', () => {
    expect(parseBytes('256MB')).toBe(256e6);
    expect(parseBytes('1GiB')).toBe(1024 ** 3);
    expect(parseBytes(4096)).toBe(4096);
    expect(parseBytes('10 kb')).toBe(10_000);
  });
  it.each(['10 parsecs', -1, 1.5, 'MB'])('rejects %j', (v) => expect(parseBytes(v)).toBeUndefined());
});
