/** The fields of `/proc/<pid>/stat` that saturation needs. */
export interface ProcStat {
  readonly pid: number;
  readonly pgrp: number;
  /** utime + stime, in clock ticks (USER_HZ). */
  readonly cpuTicks: number;
}

/**
 * Parses `/proc/<pid>/stat` (proc(5)): `pid (comm) state ppid pgrp … utime(14) stime(15) …`.
 * The command name may hold spaces and parentheses, so fields are counted after the LAST `)`.
 * Returns undefined for text that is not such a line.
 */
export function parseProcStat(text: string): ProcStat | undefined {
  const close = text.lastIndexOf(')');
  if (close < 0) return undefined;
  const pid = Number.parseInt(text, 10);
  // After ") ": state(3) ppid(4) pgrp(5) … utime(14) stime(15): index = field − 3.
  const rest = text.slice(close + 2).split(' ');
  const pgrp = Number(rest[2]);
  const utime = Number(rest[11]);
  const stime = Number(rest[12]);
  if (![pid, pgrp, utime, stime].every(Number.isFinite)) return undefined;
  return { pid, pgrp, cpuTicks: utime + stime };
}

/** The resident set size from `/proc/<pid>/status` (`VmRSS: 1234 kB`), bytes; undefined if absent. */
export function parseVmRss(status: string): number | undefined {
  const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  return m ? Number(m[1]) * 1024 : undefined;
}
