import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FollowOverlapMs, newReadCursors, readNewestLogEvents } from '../../../cli/logs/read-log-events.js';
import { type LogsEmulator, startLogsEmulator } from '../../../local/logs/index.js';
import { clientBase, makeDataDir } from '../local/support.js';

/** `agentdrop logs`/`traces` reads against the CloudWatch Logs emulator through the real SDK client. */
describe('readNewestLogEvents', () => {
  let data: ReturnType<typeof makeDataDir>;
  let emulator: LogsEmulator;
  let logs: CloudWatchLogsClient;
  const write = (stream: string, times: readonly number[], label = 'line') =>
    emulator.write(
      '/app',
      stream,
      times.map((timestamp) => ({ timestamp, message: `${label} ${timestamp}` })),
    );
  const messages = (events: readonly { message?: string }[]) => events.map((event) => event.message);

  beforeEach(async () => {
    data = makeDataDir();
    emulator = await startLogsEmulator({ dataDir: data.dataDir });
    logs = new CloudWatchLogsClient(clientBase(emulator.endpoint));
  });
  afterEach(async () => {
    logs.destroy();
    await emulator.stop();
    data.remove();
  });

  it('keeps the newest events when the window holds more than the cap, and says where the cut is', async () => {
    const times = Array.from({ length: 40 }, (_, i) => 1_000 + i * 100);
    write(
      'a',
      times.filter((_, i) => i % 2 === 0),
    );
    write(
      'b',
      times.filter((_, i) => i % 2 === 1),
    );
    const read = await readNewestLogEvents(logs, '/app', { startTime: 0, endTime: 10_000 }, { maxEvents: 7 });
    expect(messages(read.events)).toEqual(times.slice(-7).map((t) => `line ${t}`));
    expect(read.cutBefore).toBe(times.at(-7));
  });

  it('keeps exactly the newest events however they are spread: bursts, gaps, shared milliseconds', async () => {
    let seed = 7;
    const random = (): number => {
      seed = (seed * 48_271) % 2_147_483_647;
      return seed / 2_147_483_647;
    };
    const spreads: Record<string, (i: number) => number> = {
      'burst at the end': (i) => (i < 60 ? i * 1_000 : 70_000 + (i % 7)),
      'burst at the start': (i) => (i < 60 ? 500 + (i % 5) : 100_000 + i * 997),
      random: () => Math.floor(random() * 200_000),
    };
    for (const [name, at] of Object.entries(spreads)) {
      emulator.write(
        name,
        's',
        Array.from({ length: 80 }, (_, i) => ({ timestamp: 1 + at(i), message: `${name} ${i}` })),
      );
      const all = await readNewestLogEvents(
        logs,
        name,
        { startTime: 0, endTime: 300_000 },
        { maxEvents: 1_000 },
      );
      for (const max of [1, 9, 25, 79, 80]) {
        const read = await readNewestLogEvents(
          logs,
          name,
          { startTime: 0, endTime: 300_000 },
          { maxEvents: max },
        );
        expect([name, max, read.events]).toEqual([name, max, all.events.slice(-max)]);
        expect([name, max, read.cutBefore]).toEqual([
          name,
          max,
          max < 80 ? all.events.at(-max)!.timestamp : null,
        ]);
      }
    }
  });

  it('reports no cut when the window holds exactly the cap, or fewer', async () => {
    write('a', [1_000, 2_000, 3_000]);
    const exact = await readNewestLogEvents(logs, '/app', { startTime: 0, endTime: 9_000 }, { maxEvents: 3 });
    expect([messages(exact.events), exact.cutBefore]).toEqual([
      ['line 1000', 'line 2000', 'line 3000'],
      null,
    ]);
    const fewer = await readNewestLogEvents(
      logs,
      '/app',
      { startTime: 0, endTime: 9_000 },
      { maxEvents: 10 },
    );
    expect(fewer.cutBefore).toBeNull();
    expect(fewer.events).toHaveLength(3);
  });

  it('keeps the newest events of one crowded millisecond', async () => {
    write('a', [500, 900, 900, 900, 900]);
    const read = await readNewestLogEvents(logs, '/app', { startTime: 0, endTime: 1_000 }, { maxEvents: 2 });
    expect(read.events).toHaveLength(2);
    expect(read.events.every((event) => event.timestamp === 900)).toBe(true);
    expect(read.cutBefore).toBe(900);
  });

  it('reads a group that does not exist as empty', async () => {
    const read = await readNewestLogEvents(
      logs,
      '/nothing',
      { startTime: 0, endTime: 1_000 },
      { maxEvents: 5 },
    );
    expect(read).toEqual({ events: [], cutBefore: null });
  });

  it('follows from the last timestamp seen: each event once, events sharing that timestamp included', async () => {
    const cursors = newReadCursors();
    const poll = (endTime: number) =>
      readNewestLogEvents(logs, '/app', { startTime: 0, endTime }, { maxEvents: 100, cursors, key: 'app' });
    write('a', [1_000, 2_000]);
    expect(messages((await poll(5_000)).events)).toEqual(['line 1000', 'line 2000']);
    // A second event at the cursor's millisecond, one later, and one a little older arriving late.
    write('b', [2_000], 'same-ms');
    write('a', [3_000]);
    write('b', [1_500], 'late');
    expect(messages((await poll(5_000)).events)).toEqual(['late 1500', 'same-ms 2000', 'line 3000']);
    expect((await poll(5_000)).events).toEqual([]);
  });

  it('a follow poll asks FilterLogEvents only from its cursor less the overlap, not for the whole window', async () => {
    const cursors = newReadCursors();
    const starts: number[] = [];
    const send = logs.send.bind(logs);
    logs.send = ((command: { input: { startTime?: number } }) => {
      starts.push(command.input.startTime ?? -1);
      return send(command as never);
    }) as typeof logs.send;
    const poll = () =>
      readNewestLogEvents(
        logs,
        '/app',
        { startTime: 0, endTime: 500_000 },
        { maxEvents: 100, cursors, key: 'app' },
      );
    write('a', [100_000, 200_000]);
    expect(messages((await poll()).events)).toEqual(['line 100000', 'line 200000']);
    expect(starts).toEqual([0]);
    write('a', [300_000]);
    expect(messages((await poll()).events)).toEqual(['line 300000']);
    expect(starts).toEqual([0, 200_000 - FollowOverlapMs]);
  });

  it('a follow poll that finds more new events than the cap keeps the newest and names the cut', async () => {
    const cursors = newReadCursors();
    const poll = () =>
      readNewestLogEvents(
        logs,
        '/app',
        { startTime: 0, endTime: 100_000 },
        { maxEvents: 3, cursors, key: 'app' },
      );
    write('a', [1_000]);
    expect(messages((await poll()).events)).toEqual(['line 1000']);
    write('a', [11_000, 12_000, 13_000, 14_000, 15_000]);
    const burst = await poll();
    expect(messages(burst.events)).toEqual(['line 13000', 'line 14000', 'line 15000']);
    expect(burst.cutBefore).toBe(13_000);
    expect((await poll()).events).toEqual([]);
  });
});
