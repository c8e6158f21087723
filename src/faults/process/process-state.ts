import { readFile } from 'node:fs/promises';

/**
 * The kernel's one-letter state of a process (`R` running, `S` sleeping, `T` stopped, `Z`
 * zombie, …) from /proc, or undefined when the process is gone or /proc is not there.
 */
export async function processState(pid: number): Promise<string | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
  } catch {
    return undefined;
  }
}
