// A minimal HTTP server for benchmarks: answers every request with a small body. PORT from env.
import http from 'node:http';
const server = http.createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain', 'content-length': 2 });
  res.end('ok');
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () =>
  process.stdout.write(`${server.address().port}\n`),
);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
