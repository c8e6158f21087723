// Test target: a tiny HTTP server. GET /health → 200 "ok"; anything else → 200 with the name.
// Environment: PORT (8080), HOST (0.0.0.0), NAME (target), BURN_WORKERS (0: threads that spin
// the CPU at 100% from the start, to measure CPU limits).
import http from 'node:http';
import process from 'node:process';
import { Worker } from 'node:worker_threads';

const port = Number(process.env.PORT ?? 8080);
const host = process.env.HOST ?? '0.0.0.0';
const name = process.env.NAME ?? 'target';
for (let i = 0; i < Number(process.env.BURN_WORKERS ?? 0); i++) {
  new Worker('for (;;) {}', { eval: true });
}
const server = http.createServer((req, res) => res.end(req.url === '/health' ? 'ok' : `${name}\n`));
server.listen(port, host, () => console.log(`${name} listening on ${host}:${port}`));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0));
