import { request } from 'node:http';
import { connect } from 'node:net';

/**
 * Checks a readiness probe once: `http(s)://…` must answer 2xx/3xx, `tcp://host:port` must
 * accept a connection (with `anyStatus`, any HTTP answer will do). Resolves true/false; never
 * throws; gives up after `timeoutMs`.
 */
export function probeOnce(
  probe: string,
  timeoutMs = 1000,
  options: { anyStatus?: boolean } = {},
): Promise<boolean> {
  const url = new URL(probe);
  return new Promise((resolve) => {
    const finish = (ok: boolean) => {
      clearTimeout(timer);
      resolve(ok);
    };
    const timer = setTimeout(() => {
      cleanup();
      resolve(false);
    }, timeoutMs);
    let cleanup = () => undefined as void;
    if (url.protocol === 'tcp:') {
      const socket = connect(Number(url.port), url.hostname.replace(/^\[|\]$/g, ''));
      cleanup = () => void socket.destroy();
      socket.once('connect', () => (socket.destroy(), finish(true))).once('error', () => finish(false));
      return;
    }
    const req = request(url, { method: 'GET', agent: false }, (res) => {
      res.resume();
      finish(options.anyStatus === true || (res.statusCode ?? 500) < 400);
    });
    cleanup = () => void req.destroy();
    req.once('error', () => finish(false)).end();
  });
}

/** Polls a probe every `everyMs` until it succeeds (→ elapsed ms) or `timeoutMs` passes (→ undefined). */
export async function waitForProbe(
  probe: string,
  timeoutMs: number,
  options: { everyMs?: number; stillAlive?: () => boolean } = {},
): Promise<number | undefined> {
  const started = Date.now();
  const every = options.everyMs ?? 100;
  while (Date.now() - started < timeoutMs) {
    if (options.stillAlive && !options.stillAlive()) return undefined;
    if (await probeOnce(probe, Math.min(1000, timeoutMs))) return Date.now() - started;
    await new Promise((r) => setTimeout(r, every));
  }
  return undefined;
}
