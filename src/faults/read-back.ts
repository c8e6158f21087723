/**
 * The result of a read made to confirm a change that was already made, or the error it failed
 * with. Once a change is in place, a failing read-back is weak evidence, never a failed inject:
 * reporting "inject failed" would drop the revert and leave the change behind.
 */
export async function readBack<T>(read: () => Promise<T>): Promise<T | Error> {
  try {
    return await read();
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}
