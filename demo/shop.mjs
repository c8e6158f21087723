// The demo "shop": an HTTP service with a known capacity and a TCP dependency (inventory).
//   GET /health          200 "ok" (answers without the dependency)
//   GET /products        asks inventory "GET A1"      → 200 JSON
//   POST /checkout       asks inventory "RESERVE A1"  → 200 JSON
// Capacity is WORKERS / SERVICE_MS: at most WORKERS requests are served at once, each holding a
// worker for SERVICE_MS; the rest wait in a queue. So the breaking point is known in advance.
// Environment: PORT (8080), HOST (127.0.0.1), WORKERS (64), SERVICE_MS (2), INVENTORY (host:port;
// unset = answer locally), DEPENDENCY_TIMEOUT_MS (1000), NAME (shop; echoed in answers),
// EXACT (1 = known-capacity mode: workers are booked on a timeline, so timer jitter never lowers
// the capacity below WORKERS × 1000 / SERVICE_MS req/s), QUEUE_LIMIT (refuse with 503 when more
// requests than this wait; unset = queue without limit).
import http from 'node:http';
import net from 'node:net';
import { performance } from 'node:perf_hooks';

const port = Number(process.env.PORT ?? 8080);
const host = process.env.HOST ?? '127.0.0.1';
const workers = Number(process.env.WORKERS ?? 64);
const serviceMs = Number(process.env.SERVICE_MS ?? 2);
const inventory = process.env.INVENTORY;
const dependencyTimeoutMs = Number(process.env.DEPENDENCY_TIMEOUT_MS ?? 1000);
const name = process.env.NAME ?? 'shop';

const exact = process.env.EXACT === '1';
const queueLimit = process.env.QUEUE_LIMIT === undefined ? Infinity : Number(process.env.QUEUE_LIMIT);

// Known-capacity mode: each worker is free again at a known time; a request takes the worker
// free first, starts when it is free (or now), and finishes SERVICE_MS later on that timeline.
const freeAt = Array.from({ length: workers }, () => 0);
function bookWorker() {
  const now = performance.now();
  let i = 0;
  for (let j = 1; j < workers; j++) if (freeAt[j] < freeAt[i]) i = j;
  const start = Math.max(now, freeAt[i]);
  if ((start - now) / serviceMs > queueLimit / workers) return undefined;
  freeAt[i] = start + serviceMs;
  return freeAt[i] - now;
}

let busy = 0;
const queue = [];
function withWorker(job) {
  if (exact) {
    const delay = bookWorker();
    if (delay === undefined) return Promise.resolve('refused');
    return new Promise((resolve) => setTimeout(() => job().then(resolve, resolve), delay));
  }
  if (busy >= workers && queue.length >= queueLimit) return Promise.resolve('refused');
  return new Promise((resolve) => {
    const run = () => {
      busy++;
      setTimeout(
        () =>
          job()
            .then(resolve, resolve)
            .finally(() => {
              busy--;
              queue.shift()?.();
            }),
        serviceMs,
      );
    };
    if (busy < workers) run();
    else queue.push(run);
  });
}

// A small pool of persistent connections to inventory, one request in flight per connection.
const idle = [];
function askInventory(line) {
  if (!inventory) return Promise.resolve('OK 42');
  const [h, p] = [
    inventory.slice(0, inventory.lastIndexOf(':')),
    Number(inventory.slice(inventory.lastIndexOf(':') + 1)),
  ];
  return new Promise((resolve, reject) => {
    const socket = idle.pop() ?? net.connect(p, h).setNoDelay(true);
    let buffered = '';
    const done = (err, value) => {
      clearTimeout(timer);
      socket.removeListener('data', onData);
      socket.removeListener('error', onError);
      socket.removeListener('close', onClose);
      if (err) {
        socket.destroy();
        reject(err);
      } else {
        idle.push(socket);
        resolve(value);
      }
    };
    const onData = (chunk) => {
      buffered += chunk.toString('latin1');
      const nl = buffered.indexOf('\n');
      if (nl >= 0) done(null, buffered.slice(0, nl));
    };
    const onError = (err) => done(err);
    const onClose = () => done(new Error('inventory closed the connection'));
    const timer = setTimeout(() => done(new Error('inventory timed out')), dependencyTimeoutMs);
    socket.on('data', onData).on('error', onError).on('close', onClose);
    socket.write(`${line}\n`);
  });
}

function send(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

const server = http.createServer((req, res) => {
  if (req.url === '/health') return res.end('ok');
  const route = `${req.method} ${req.url?.split('?')[0]}`;
  const line = route === 'GET /products' ? 'GET A1' : route === 'POST /checkout' ? 'RESERVE A1' : undefined;
  if (!line) return send(res, 404, { error: 'not found', served_by: name });
  req.resume();
  void withWorker(() =>
    askInventory(line).then(
      (reply) =>
        reply.startsWith('OK')
          ? send(res, 200, { sku: 'A1', stock: Number(reply.slice(3)), served_by: name })
          : send(res, 502, { error: reply }),
      (err) => send(res, 503, { error: `inventory: ${err.message}`, served_by: name }),
    ),
  ).then((outcome) => {
    if (outcome === 'refused') send(res, 503, { error: 'overloaded: queue full', served_by: name });
  });
});
server.keepAliveTimeout = 30_000;
server.listen(port, host, () =>
  console.log(
    `${name} listening on ${host}:${port} (capacity ${Math.round((workers * 1000) / serviceMs)} req/s)`,
  ),
);
for (const signal of ['SIGINT', 'SIGTERM'])
  process.on(signal, () => {
    server.close();
    process.exit(0);
  });
