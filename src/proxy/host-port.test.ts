import { describe, expect, it } from 'vitest';
import { formatHostPort, parseHostPort, resolveListen } from './host-port.ts';

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
});
