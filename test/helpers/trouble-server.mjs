// A scripted-trouble HTTP service for end-to-end verdict tests: it misbehaves on a script.
//   GET /health, /   200 "ok", always (the ready and preflight probes; they do not start the clock)
//   anything else 200 "ok", except inside a scripted stretch
// Environment: PORT (required), TROUBLE: comma-separated stretches, offsets in ms from the first
// request that is not to /health or / (the runner's preflight probe): ≈ the start of load.
//   503@1600-2300      answer 503 from 1.6 s to 2.3 s
//   slow400@4000-4600  answer 200 after 400 ms from 4.0 s to 4.6 s
import http from 'node:http';

const port = Number(process.env.PORT);
const stretches = (process.env.TROUBLE ?? '')
  .split(',')
  .filter(Boolean)
  .map((item) => {
    const match = /^(?:(\d{3})|slow(\d+))@(\d+)-(\d+)$/.exec(item.trim());
    if (!match)
      throw new Error(
        `TROUBLE: cannot read ${JSON.stringify(item)}; expected 503@1000-2000 or slow400@1000-2000`,
      );
    const [, status, slowMs, from, to] = match;
    return {
      status: status ? Number(status) : undefined,
      delayMs: Number(slowMs ?? 0),
      from: Number(from),
      to: Number(to),
    };
  });

let startedAt;
const server = http.createServer((req, res) => {
  if (req.url === '/health' || req.url === '/') return res.end('ok');
  startedAt ??= Date.now();
  const at = Date.now() - startedAt;
  const trouble = stretches.find((s) => at >= s.from && at < s.to);
  if (trouble?.status) {
    res.statusCode = trouble.status;
    return res.end('scripted trouble');
  }
  setTimeout(() => res.end('ok'), trouble?.delayMs ?? 0);
});
// Idle connections are kept longer than any run here, so the client pool's keep-alive race (a
// separate matter, tested on its own) cannot add misses the script did not ask for.
server.keepAliveTimeout = 60_000;
server.listen(port, '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
