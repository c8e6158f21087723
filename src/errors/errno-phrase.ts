/** Words for the operating-system errors users meet at faultline's edges (files, ports, hosts). */
const PHRASES: Readonly<Partial<Record<string, string>>> = {
  EADDRINUSE: 'the port is already in use',
  EADDRNOTAVAIL: 'the address is not one of this machine',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the host name does not resolve',
  EISDIR: 'it is a folder',
  EEXIST: 'a file is in the way',
  ENOTDIR: 'a file is in the way',
};

/** The error's Node code (`EADDRINUSE`…), when it has one. */
export function errnoCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Plain words for the error's code, or undefined when it is not one of the common ones. */
export function errnoPhrase(error: unknown): string | undefined {
  const code = errnoCode(error);
  return code === undefined ? undefined : PHRASES[code];
}

/** `<words> (<code>)` for a common code (the code kept for searching), else the error's message. */
export function describeErrno(error: unknown): string {
  const phrase = errnoPhrase(error);
  if (phrase !== undefined) return `${phrase} (${errnoCode(error)})`;
  return error instanceof Error ? error.message : String(error);
}
