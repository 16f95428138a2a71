import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type LogsEmulator, StreamsPerGroup, startLogsEmulator } from '../../../local/logs/index.js';
import { clientBase, makeDataDir } from './support.js';

describe('startLogsEmulator', () => {
  let data: ReturnType<typeof makeDataDir>;
  let emulator: LogsEmulator;
  let logs: CloudWatchLogsClient;
  const start = async (eventsPerStream?: number): Promise<void> => {
    emulator = await startLogsEmulator({
      dataDir: data.dataDir,
      ...(eventsPerStream !== undefined ? { eventsPerStream } : {}),
    });
    logs = new CloudWatchLogsClient(clientBase(emulator.endpoint));
  };
  const put = (group: string, stream: string, messages: readonly [number, string][]) =>
    logs.send(
      new PutLogEventsCommand({
        logGroupName: group,
        logStreamName: stream,
        logEvents: messages.map(([timestamp, message]) => ({ timestamp, message })),
      }),
    );

  beforeEach(async () => {
    data = makeDataDir();
    await start();
  });
  afterEach(async () => {
    logs.destroy();
    await emulator.stop();
    data.remove();
  });

  it('writes the events waiting for its coalesced save to disk on flush, before the timer', async () => {
    const file = join(data.dataDir, 'logs', 'log-groups.json');
    const onDisk = () => (existsSync(file) ? readFileSync(file, 'utf8') : '');
    emulator.write('/agents/app', 'stream', [{ message: 'canary-flushed-line' }]);
    expect(onDisk()).not.toContain('canary-flushed-line');
    emulator.flush();
    expect(onDisk()).toContain('canary-flushed-line');
  });

  it('answers ResourceNotFoundException for a missing group, and ResourceAlreadyExistsException for a second create', async () => {
    await expect(
      logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/nothing' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'The specified log group does not exist.',
    });
    await logs.send(new CreateLogGroupCommand({ logGroupName: '/app' }));
    await expect(logs.send(new CreateLogGroupCommand({ logGroupName: '/app' }))).rejects.toMatchObject({
      name: 'ResourceAlreadyExistsException',
    });
    await expect(put('/app', 'missing', [[1, 'x']])).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('filters by time, stream prefix and term pattern across streams in time order, with nextToken paging', async () => {
    await logs.send(new CreateLogGroupCommand({ logGroupName: '/app' }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: '/app', logStreamName: 'a/1' }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: '/app', logStreamName: 'b/1' }));
    await put('/app', 'a/1', [
      [1000, 'deploy D1 started'],
      [3000, 'deploy D1 "quoted" ended'],
      [5000, 'deploy D2 started'],
    ]);
    await put('/app', 'b/1', [[2000, 'other D1 line']]);
    const filter = async (input: Record<string, unknown>) =>
      (await logs.send(new FilterLogEventsCommand({ logGroupName: '/app', ...input }))).events?.map(
        (event) => `${event.logStreamName}@${event.timestamp}`,
      );
    expect(await filter({ filterPattern: 'D1' })).toEqual(['a/1@1000', 'b/1@2000', 'a/1@3000']);
    expect(await filter({ filterPattern: 'deploy D1' })).toEqual(['a/1@1000', 'a/1@3000']);
    expect(await filter({ filterPattern: '"D1 started"' })).toEqual(['a/1@1000']);
    expect(await filter({ filterPattern: 'D1 -other' })).toEqual(['a/1@1000', 'a/1@3000']);
    expect(await filter({ filterPattern: '?D2 ?other' })).toEqual(['b/1@2000', 'a/1@5000']);
    expect(await filter({ startTime: 2000, endTime: 3000 })).toEqual(['b/1@2000', 'a/1@3000']);
    expect(await filter({ logStreamNamePrefix: 'b/' })).toEqual(['b/1@2000']);
    const first = await logs.send(new FilterLogEventsCommand({ logGroupName: '/app', limit: 3 }));
    expect(first.events).toHaveLength(3);
    const rest = await logs.send(
      new FilterLogEventsCommand({ logGroupName: '/app', limit: 3, nextToken: first.nextToken }),
    );
    expect([rest.events?.map((event) => event.message), rest.nextToken]).toEqual([
      ['deploy D2 started'],
      undefined,
    ]);
    expect(first.events?.[0]).toEqual({
      logStreamName: 'a/1',
      timestamp: 1000,
      message: 'deploy D1 started',
      ingestionTime: expect.any(Number),
      eventId: expect.any(String),
    });
    await expect(filter({ filterPattern: '{ $.level = "ERROR" }' })).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
  });

  it('keeps a stream two writers append to in time order', async () => {
    emulator.write('/aws/lambda/two-writers', 's', [{ timestamp: 30, message: 'late' }]);
    emulator.write('/aws/lambda/two-writers', 's', [
      { timestamp: 10, message: 'early' },
      { timestamp: 40, message: 'last' },
    ]);
    const read = await logs.send(
      new GetLogEventsCommand({
        logGroupName: '/aws/lambda/two-writers',
        logStreamName: 's',
        startFromHead: true,
      }),
    );
    expect(read.events?.map((event) => event.message)).toEqual(['early', 'late', 'last']);
  });

  it('reads a stream with GetLogEvents from the head or the tail, and describes groups and streams', async () => {
    emulator.write('/aws/lambda/fn', 's1', [
      { timestamp: 10, message: 'one' },
      { timestamp: 20, message: 'two' },
      { timestamp: 30, message: 'three' },
    ]);
    const head = await logs.send(
      new GetLogEventsCommand({
        logGroupName: '/aws/lambda/fn',
        logStreamName: 's1',
        startFromHead: true,
        limit: 2,
      }),
    );
    expect(head.events?.map((event) => event.message)).toEqual(['one', 'two']);
    const next = await logs.send(
      new GetLogEventsCommand({
        logGroupName: '/aws/lambda/fn',
        logStreamName: 's1',
        nextToken: head.nextForwardToken,
      }),
    );
    expect(next.events?.map((event) => event.message)).toEqual(['three']);
    const tail = await logs.send(
      new GetLogEventsCommand({ logGroupIdentifier: '/aws/lambda/fn', logStreamName: 's1', limit: 1 }),
    );
    expect(tail.events?.map((event) => event.message)).toEqual(['three']);
    const groups = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/aws/lambda/' }));
    expect(groups.logGroups).toEqual([
      expect.objectContaining({
        logGroupName: '/aws/lambda/fn',
        arn: 'arn:aws:logs:us-west-2:000000000000:log-group:/aws/lambda/fn:*',
      }),
    ]);
    const streams = await logs.send(new DescribeLogStreamsCommand({ logGroupName: '/aws/lambda/fn' }));
    expect(streams.logStreams).toEqual([
      expect.objectContaining({ logStreamName: 's1', firstEventTimestamp: 10, lastEventTimestamp: 30 }),
    ]);
  });

  it('keeps the newest streams of a group, dropping the one whose last event is oldest', async () => {
    for (let index = 0; index <= StreamsPerGroup; index++) {
      emulator.write('/busy', `s${index}`, [{ message: 'line', timestamp: index === 1 ? 5 : 1000 + index }]);
    }
    const names: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await logs.send(new DescribeLogStreamsCommand({ logGroupName: '/busy', nextToken }));
      names.push(...(page.logStreams ?? []).map((stream) => stream.logStreamName ?? ''));
      nextToken = page.nextToken;
    } while (nextToken);
    expect([names.length, names.includes('s1'), names.includes('s0')]).toEqual([
      StreamsPerGroup,
      false,
      true,
    ]);
  });

  it('keeps the newest events of each stream across a restart', async () => {
    logs.destroy();
    await emulator.stop();
    await start(2);
    emulator.write(
      '/g',
      's',
      ['a', 'b', 'c'].map((message, index) => ({ message, timestamp: index })),
    );
    logs.destroy();
    await emulator.stop();
    await start(2);
    const read = await logs.send(
      new GetLogEventsCommand({ logGroupName: '/g', logStreamName: 's', startFromHead: true }),
    );
    expect(read.events?.map((event) => event.message)).toEqual(['b', 'c']);
  });
});
