import type { StatsReading } from './docker-port.ts';

type Fields = Readonly<Record<string, unknown>>;

/**
 * The engine's streaming stats (one JSON document a line, split anywhere across chunks) as
 * checked readings. A piece of a line left when the chunks end is dropped (the stream was cut).
 * Throws a SyntaxError at a line that is not JSON, and what parseStatsMessage throws.
 */
export async function* statsMessages(
  chunks: AsyncIterable<Uint8Array | string>,
): AsyncGenerator<StatsReading> {
  const utf8 = new TextDecoder();
  let buffered = '';
  for await (const chunk of chunks) {
    buffered += typeof chunk === 'string' ? chunk : utf8.decode(chunk, { stream: true });
    for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
      const line = buffered.slice(0, nl).trim();
      buffered = buffered.slice(nl + 1);
      if (line !== '') yield parseStatsMessage(parseJson(line));
    }
  }
}

function parseJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    throw new SyntaxError(`the engine's stats stream sent a line that is not JSON: ${line.slice(0, 80)}`);
  }
}

/**
 * Checks one message of the engine's stats endpoint (parsed JSON, not yet trusted) and keeps the
 * fields faultline reads. Absent and null optional fields are left out. Throws a TypeError naming
 * the first field that is not what the Engine API documents (an object, a counter: a finite
 * number ≥ 0, a timestamp string).
 */
export function parseStatsMessage(message: unknown): StatsReading {
  const m = { fields: object(message, 'the message'), path: '' };
  const cpu = child(m, 'cpu_stats');
  const usage = child(cpu, 'cpu_usage');
  const pre = child(m, 'precpu_stats');
  const preUsage = present(pre.fields.cpu_usage) ? child(pre, 'cpu_usage') : undefined;
  const perCpu = counterList(usage, 'percpu_usage');
  const memory = child(m, 'memory_stats');
  const memoryCounters = present(memory.fields.stats) ? child(memory, 'stats') : undefined;
  return {
    ...texts(m, ['read', 'preread']),
    cpu_stats: {
      cpu_usage: {
        total_usage: counter(usage.fields.total_usage, pathOf(usage, 'total_usage')),
        ...(perCpu ? { percpu_usage: perCpu } : {}),
      },
      ...counters(cpu, ['system_cpu_usage', 'online_cpus']),
    },
    precpu_stats: {
      ...(preUsage ? { cpu_usage: counters(preUsage, ['total_usage']) } : {}),
      ...counters(pre, ['system_cpu_usage']),
    },
    memory_stats: {
      ...counters(memory, ['usage', 'limit']),
      ...(memoryCounters ? { stats: counterMap(memoryCounters) } : {}),
    },
  };
}

/** An object of the message and where it stands in it (`cpu_stats.cpu_usage`). */
interface Node {
  readonly fields: Fields;
  readonly path: string;
}

const present = (value: unknown): boolean => value !== undefined && value !== null;
const pathOf = (node: Node, key: string) => (node.path === '' ? key : `${node.path}.${key}`);

function child(node: Node, key: string): Node {
  return { fields: object(node.fields[key], pathOf(node, key)), path: pathOf(node, key) };
}

function object(value: unknown, path: string): Fields {
  if (!present(value)) missing(path);
  if (typeof value === 'object' && !Array.isArray(value)) return value as Fields;
  throw wrong(path, value, 'an object');
}

/** The named counters the node has (absent and null ones left out). */
function counters<K extends string>(node: Node, keys: readonly K[]): { readonly [P in K]?: number } {
  const found = keys.flatMap((key) => {
    const value = node.fields[key];
    return present(value) ? [[key, counter(value, pathOf(node, key))] as const] : [];
  });
  return Object.fromEntries(found) as { readonly [P in K]?: number };
}

function counterList(node: Node, key: string): readonly number[] | undefined {
  const value = node.fields[key];
  if (!present(value)) return undefined;
  if (!Array.isArray(value)) throw wrong(pathOf(node, key), value, 'a list');
  return value.map((v: unknown, i) => counter(v, `${pathOf(node, key)}[${i}]`));
}

function counterMap(node: Node): Record<string, number> {
  return Object.fromEntries(Object.entries(node.fields).map(([k, v]) => [k, counter(v, pathOf(node, k))]));
}

/** A required counter: a finite number ≥ 0. */
function counter(value: unknown, path: string): number {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  if (!present(value)) missing(path);
  throw wrong(path, value, 'a counter');
}

function texts<K extends string>(node: Node, keys: readonly K[]): { readonly [P in K]?: string } {
  const found = keys.flatMap((key) => {
    const value = node.fields[key];
    if (!present(value)) return [];
    if (typeof value !== 'string') throw wrong(pathOf(node, key), value, 'a timestamp');
    return [[key, value] as const];
  });
  return Object.fromEntries(found) as { readonly [P in K]?: string };
}

function missing(path: string): never {
  throw new TypeError(`the engine's stats message has no ${path}`);
}

function wrong(path: string, value: unknown, what: string): TypeError {
  return new TypeError(
    `the engine's stats message has ${path} ${JSON.stringify(value).slice(0, 40)}, not ${what}`,
  );
}
