import { describe, expect, it } from 'vitest';
import { formatHostPort, goListenError, parseHostPort, resolveListen } from './host-port.ts';

describe('host:port', () => {
  it('parses like Go net.SplitHostPort', () => {
    expect(parseHostPort('127.0.0.1:8474')).toEqual({ host: '127.0.0.1', port: 8474 });
    expect(parseHostPort('[::1]:0')).toEqual({ host: '::1', port: 0 });
    expect(parseHostPort(':80')).toEqual({ host: '', port: 80 });
    expect(parseHostPort('')).toEqual({ host: '', port: 0 });
    expect(parseHostPort('db.internal:5432')).toEqual({ host: 'db.internal', port: 5432 });
    for (const bad of ['localhost', '::1:80', '[nope]:1', 'a:65536', 'a:b', 'a:'])
      expect(parseHostPort(bad)).toBeUndefined();
  });

  it('formats IPv6 in brackets and resolves listen names IPv4 first', async () => {
    expect(formatHostPort('::', 80)).toBe('[::]:80');
    expect(formatHostPort('127.0.0.1', 1)).toBe('127.0.0.1:1');
    expect(await resolveListen('localhost:0')).toEqual({ host: '127.0.0.1', port: 0 });
    await expect(resolveListen('nonsense')).rejects.toMatchObject({
      status: 500,
      message: 'listen tcp: address nonsense: missing port in address',
    });
  });

  it("words a malformed listen address as Go's net.Listen does", async () => {
    const reason = async (listen: string) => (await resolveListen(listen).catch((e: Error) => e)) as Error;
    expect((await reason('127.0.0.1:99999')).message).toBe('listen tcp: address 99999: invalid port');
    expect((await reason('::1:80')).message).toBe('listen tcp: address ::1:80: too many colons in address');
    expect((await reason('127.0.0.1:http-alt')).message).toBe(
      'listen tcp: lookup tcp/http-alt: unknown port',
    );
  });

  it("words a failed bind as Go's net.Listen does", () => {
    const failure = (code: string) => Object.assign(new Error(`listen ${code}`), { code });
    expect(goListenError(failure('EADDRINUSE'), { host: '127.0.0.1', port: 3310 })).toBe(
      'listen tcp 127.0.0.1:3310: bind: address already in use',
    );
    expect(goListenError(failure('EADDRNOTAVAIL'), { host: '10.9.9.9', port: 1 })).toBe(
      'listen tcp 10.9.9.9:1: bind: cannot assign requested address',
    );
    expect(goListenError(failure('EACCES'), { host: '', port: 80 })).toBe(
      'listen tcp :80: bind: permission denied',
    );
  });
});
