// The least a Node TCP proxy can do, for benchmarks: each argument is an upstream port on 127.0.0.1;
// for each one a listener on 127.0.0.1 joins every client to the upstream with two pipe() calls (no
// API, no toxics, no counters). Prints the listen ports, space-separated, on one line.
import { connect, createServer } from 'node:net';

const ignore = () => undefined;
const ports = [];
for (const upstream of process.argv.slice(2).map(Number)) {
  const server = createServer({ allowHalfOpen: true, noDelay: true }, (client) => {
    const socket = connect({ host: '127.0.0.1', port: upstream, allowHalfOpen: true, noDelay: true });
    client.on('error', ignore).on('close', () => socket.destroy());
    socket.on('error', ignore).on('close', () => client.destroy());
    client.pipe(socket);
    socket.pipe(client);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  ports.push(server.address().port);
}
process.stdout.write(`${ports.join(' ')}\n`);
process.on('SIGTERM', () => process.exit(0));
