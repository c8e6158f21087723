// The demo shop's dependency: a tiny TCP service speaking one line per request.
//   request:  "<verb> <sku>\n"   (verb: GET | RESERVE)
//   answer:   "OK <count>\n" or "ERR <reason>\n"
// Environment: PORT (default 7070), HOST (default 127.0.0.1), DELAY_MS (added service time, default 0).
import net from 'node:net';

const port = Number(process.env.PORT ?? 7070);
const host = process.env.HOST ?? '127.0.0.1';
const delayMs = Number(process.env.DELAY_MS ?? 0);
const stock = new Map([
  ['A1', 1_000_000],
  ['B2', 1_000_000],
]);

function answer(line) {
  const [verb, sku] = line.trim().split(/\s+/);
  if (!stock.has(sku)) return `ERR unknown sku\n`;
  if (verb === 'GET') return `OK ${stock.get(sku)}\n`;
  if (verb === 'RESERVE') {
    stock.set(sku, Math.max(0, stock.get(sku) - 1));
    return `OK ${stock.get(sku)}\n`;
  }
  return `ERR unknown verb\n`;
}

const server = net.createServer((socket) => {
  socket.setNoDelay(true);
  let buffered = '';
  socket.on('data', (chunk) => {
    buffered += chunk.toString('latin1');
    let nl;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const reply = answer(buffered.slice(0, nl));
      buffered = buffered.slice(nl + 1);
      if (delayMs > 0) setTimeout(() => socket.writable && socket.write(reply), delayMs);
      else socket.write(reply);
    }
  });
  socket.on('error', () => socket.destroy());
});

server.listen(port, host, () => console.log(`inventory listening on ${host}:${port}`));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
