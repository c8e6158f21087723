// Docker HEALTHCHECK for images without a shell: exits 0 when HEALTH answers, else 1.
// HEALTH: http://host:port/path (2xx/3xx) or tcp://host:port (accepts); default
// http://127.0.0.1:$PORT/health (PORT defaults to 8080).
import http from 'node:http';
import net from 'node:net';
import process from 'node:process';

const url = new URL(process.env.HEALTH ?? `http://127.0.0.1:${process.env.PORT ?? 8080}/health`);
const done = (ok) => process.exit(ok ? 0 : 1);
setTimeout(() => done(false), 2000).unref();
if (url.protocol === 'tcp:') {
  net
    .connect(Number(url.port), url.hostname)
    .once('connect', () => done(true))
    .once('error', () => done(false));
} else {
  http.get(url, (res) => done((res.statusCode ?? 500) < 400)).once('error', () => done(false));
}
