// A round-robin HTTP balancer in front of shop replicas, with a per-try timeout and one retry on
// another replica, so that one paused or dead replica costs latency but not availability.
// Environment: PORT (8080), HOST (127.0.0.1), UPSTREAMS (comma list of host:port), TRY_TIMEOUT_MS (250).
import http from 'node:http';

const port = Number(process.env.PORT ?? 8080);
const host = process.env.HOST ?? '127.0.0.1';
const upstreams = (process.env.UPSTREAMS ?? '127.0.0.1:8081,127.0.0.1:8082').split(',').map((u) => u.trim());
const tryTimeoutMs = Number(process.env.TRY_TIMEOUT_MS ?? 250);
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
let next = 0;

function attempt(target, req, body) {
  const [h, p] = [
    target.slice(0, target.lastIndexOf(':')),
    Number(target.slice(target.lastIndexOf(':') + 1)),
  ];
  return new Promise((resolve, reject) => {
    const out = http.request(
      {
        host: h,
        port: p,
        method: req.method,
        path: req.url,
        headers: req.headers,
        agent,
        timeout: tryTimeoutMs,
      },
      (res) => {
        const chunks = [];
        res
          .on('data', (c) => chunks.push(c))
          .on('end', () =>
            resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }),
          )
          .on('error', reject);
      },
    );
    out.on('timeout', () => out.destroy(new Error('try timed out'))).on('error', reject);
    out.end(body);
  });
}

const server = http.createServer((req, res) => {
  if (req.url === '/health') return res.end('ok');
  const chunks = [];
  req
    .on('data', (c) => chunks.push(c))
    .on('end', async () => {
      const body = Buffer.concat(chunks);
      const first = next++ % upstreams.length;
      for (let i = 0; i < Math.min(2, upstreams.length); i++) {
        try {
          const answer = await attempt(upstreams[(first + i) % upstreams.length], req, body);
          if (answer.status >= 500 && i === 0) continue;
          res.writeHead(answer.status, {
            'content-type': answer.headers['content-type'] ?? 'text/plain',
            'content-length': answer.body.length,
          });
          return res.end(answer.body);
        } catch {
          /* try the next replica */
        }
      }
      res.writeHead(503).end('no replica answered');
    });
});
server.listen(port, host, () => console.log(`balancer on ${host}:${port} → ${upstreams.join(', ')}`));
for (const signal of ['SIGINT', 'SIGTERM'])
  process.on(signal, () => {
    server.close();
    process.exit(0);
  });
