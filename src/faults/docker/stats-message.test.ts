import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { StatsReading } from './docker-port.ts';
import { stopped, v1 } from './stats-fixture.ts';
import { parseStatsMessage, statsMessages } from './stats-message.ts';

// The engine's messages carry more than faultline reads (these fields as this engine sends them).
const recorded = {
  ...v1,
  pids_stats: { current: 11 },
  num_procs: 0,
  storage_stats: {},
  cpu_stats: {
    ...v1.cpu_stats,
    cpu_usage: { ...v1.cpu_stats.cpu_usage, usage_in_kernelmode: 100000000, usage_in_usermode: 180000000 },
    throttling_data: { periods: 0, throttled_periods: 0, throttled_time: 0 },
  },
  precpu_stats: { ...v1.precpu_stats, online_cpus: 2 },
  memory_stats: { ...v1.memory_stats, max_usage: 96747520 },
  name: '/shop',
  networks: { eth0: { rx_bytes: 1042, rx_packets: 11 } },
};
// A stopped container's message as sent: null where Go has a nil slice, empty objects.
const stoppedSent = {
  ...stopped,
  cpu_stats: { cpu_usage: { total_usage: 0, percpu_usage: null }, throttling_data: {} },
  precpu_stats: { cpu_usage: { total_usage: 0 }, system_cpu_usage: null, throttling_data: {} },
};

const collect = async (chunks: readonly string[]) => {
  const readings: StatsReading[] = [];
  for await (const r of statsMessages(Readable.from(chunks.map((c) => Buffer.from(c))))) readings.push(r);
  return readings;
};

describe('parseStatsMessage', () => {
  it('keeps the fields faultline reads and drops the rest', () => {
    expect(parseStatsMessage(recorded)).toEqual(v1);
  });

  it('leaves out null fields (a stopped container)', () => {
    expect(parseStatsMessage(stoppedSent)).toEqual(stopped);
  });

  it('names the first field that is not what the Engine API documents', () => {
    const cpu = recorded.cpu_stats;
    const bad = (patch: object) => () => parseStatsMessage({ ...recorded, ...patch });
    expect(bad({ cpu_stats: { ...cpu, cpu_usage: { total_usage: '12' } } })).toThrow(
      'the engine\'s stats message has cpu_stats.cpu_usage.total_usage "12", not a counter',
    );
    expect(bad({ cpu_stats: { ...cpu, cpu_usage: {} } })).toThrow(
      "the engine's stats message has no cpu_stats.cpu_usage.total_usage",
    );
    expect(bad({ memory_stats: undefined })).toThrow("the engine's stats message has no memory_stats");
    expect(bad({ precpu_stats: [] })).toThrow('has precpu_stats [], not an object');
    expect(bad({ memory_stats: { usage: -1 } })).toThrow('has memory_stats.usage -1, not a counter');
    expect(bad({ memory_stats: { stats: { rss: 'x' } } })).toThrow('memory_stats.stats.rss "x"');
    expect(bad({ cpu_stats: { ...cpu, cpu_usage: { total_usage: 1, percpu_usage: [1, null] } } })).toThrow(
      'has no cpu_stats.cpu_usage.percpu_usage[1]',
    );
    expect(bad({ read: 17 })).toThrow('has read 17, not a timestamp');
    expect(() => parseStatsMessage('ok')).toThrow('has the message "ok", not an object');
  });
});

describe('statsMessages', () => {
  it('reads one message a line, split anywhere across chunks, skipping blank lines', async () => {
    const text = `${JSON.stringify(recorded)}\n\n${JSON.stringify(stoppedSent)}\n`;
    const readings = await collect([text.slice(0, 37), text.slice(37, text.length - 20), text.slice(-20)]);
    expect(readings).toEqual([v1, stopped]);
  });

  it('drops a piece of a line left when the stream is cut', async () => {
    const text = `${JSON.stringify(recorded)}\n${JSON.stringify(recorded).slice(0, 50)}`;
    expect(await collect([text])).toEqual([v1]);
  });

  it('throws at a line that is not JSON, after the messages before it', async () => {
    const readings: StatsReading[] = [];
    const read = async () => {
      const chunks = Readable.from([`${JSON.stringify(recorded)}\n`, 'Bad Gateway\n']);
      for await (const r of statsMessages(chunks)) readings.push(r);
    };
    await expect(read()).rejects.toThrow(
      "the engine's stats stream sent a line that is not JSON: Bad Gateway",
    );
    expect(readings).toHaveLength(1);
  });
});
