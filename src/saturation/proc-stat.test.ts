import { describe, expect, it } from 'vitest';
import { parseProcStat, parseVmRss } from './proc-stat.ts';

describe('parseProcStat', () => {
  it('reads pid, process group and utime + stime, whatever the command name holds', () => {
    const line =
      '4242 (node ) (x) S 4200 4240 4240 0 -1 4194560 2931 0 0 0 157 43 0 0 20 0 11 0 123456 1000000 9000 18446744073709551615';
    expect(parseProcStat(line)).toEqual({ pid: 4242, pgrp: 4240, cpuTicks: 200 });
  });

  it('rejects text that is not a stat line', () => {
    expect(parseProcStat('')).toBeUndefined();
    expect(parseProcStat('12 (x) S 1')).toBeUndefined();
  });
});

describe('parseVmRss', () => {
  it('reads VmRSS in kB as bytes; a kernel thread has none', () => {
    expect(parseVmRss('Name:\tnode\nVmRSS:\t   51200 kB\nThreads:\t11\n')).toBe(51200 * 1024);
    expect(parseVmRss('Name:\tkthreadd\nThreads:\t1\n')).toBeUndefined();
  });
});
