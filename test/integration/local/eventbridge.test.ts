import {
  DescribeRuleCommand,
  EventBridgeClient,
  ListEventBusesCommand,
  ListRulesCommand,
  PutEventsCommand,
} from '@aws-sdk/client-eventbridge';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventBridgeEmulator, EventBridgeEvent } from '../../../local/eventbridge/index.js';
import { startEventBridgeEmulator } from '../../../local/eventbridge/index.js';
import { clientBase, isListening, makeDataDir } from './support.js';

describe('startEventBridgeEmulator', () => {
  let data: ReturnType<typeof makeDataDir>;
  let emulator: EventBridgeEmulator;
  let events: EventBridgeClient;

  const start = async (): Promise<void> => {
    emulator = await startEventBridgeEmulator({ dataDir: data.dataDir });
    events = new EventBridgeClient(clientBase(emulator.endpoint));
  };

  beforeEach(async () => {
    data = makeDataDir();
    await start();
  });

  afterEach(async () => {
    events.destroy();
    await emulator.stop();
    data.remove();
  });

  describe('when a client looks at the buses and rules', () => {
    it('lists the buses and the named rules with their patterns, and refuses an unknown rule', async () => {
      const remove = emulator.addRule({
        bus: 'agentdrop',
        name: 'agentdrop-redeploy-requested',
        description: 'Redeploy Requested starts a run.',
        pattern: { 'detail-type': ['Redeploy Requested'] },
        target: () => undefined,
      });
      emulator.addRule({ pattern: { source: ['unnamed'] }, target: () => undefined });

      const buses = await events.send(new ListEventBusesCommand({}));
      expect(buses.EventBuses?.map((bus) => [bus.Name, bus.Arn])).toEqual([
        ['agentdrop', 'arn:aws:events:us-west-2:000000000000:event-bus/agentdrop'],
        ['default', 'arn:aws:events:us-west-2:000000000000:event-bus/default'],
      ]);
      const rules = await events.send(new ListRulesCommand({ EventBusName: 'agentdrop' }));
      expect(
        rules.Rules?.map((rule) => [rule.Name, rule.State, JSON.parse(rule.EventPattern ?? '{}')]),
      ).toEqual([['agentdrop-redeploy-requested', 'ENABLED', { 'detail-type': ['Redeploy Requested'] }]]);
      expect((await events.send(new ListRulesCommand({}))).Rules).toEqual([]);
      const described = await events.send(
        new DescribeRuleCommand({ Name: 'agentdrop-redeploy-requested', EventBusName: 'agentdrop' }),
      );
      expect(described).toMatchObject({
        Arn: 'arn:aws:events:us-west-2:000000000000:rule/agentdrop/agentdrop-redeploy-requested',
        Description: 'Redeploy Requested starts a run.',
      });
      remove();
      await expect(
        events.send(
          new DescribeRuleCommand({ Name: 'agentdrop-redeploy-requested', EventBusName: 'agentdrop' }),
        ),
      ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    });
  });

  describe('when valid entries are put', () => {
    it('returns event ids and stores the events in order per bus', async () => {
      const out = await events.send(
        new PutEventsCommand({
          Entries: [
            {
              EventBusName: 'agentdrop',
              Source: 'agentdrop',
              DetailType: 'Deploy Started',
              Detail: '{"n":1}',
            },
            {
              EventBusName: 'arn:aws:events:us-west-2:000000000000:event-bus/agentdrop',
              Source: 'agentdrop',
              DetailType: 'Deploy Succeeded',
              Detail: '{"n":2}',
              Resources: ['arn:x'],
            },
          ],
        }),
      );
      expect(out.FailedEntryCount).toBe(0);
      const stored = emulator.events('agentdrop');
      expect(out.Entries).toEqual(stored.map((e) => ({ EventId: e.id })));
      expect(stored[1]).toEqual({
        version: '0',
        id: expect.any(String),
        'detail-type': 'Deploy Succeeded',
        source: 'agentdrop',
        account: '000000000000',
        time: expect.stringMatching(/Z$/),
        region: 'us-west-2',
        resources: ['arn:x'],
        detail: { n: 2 },
      });
      expect(emulator.events('default')).toEqual([]);
    });
  });

  describe('when entries are invalid', () => {
    it('returns a per-entry error for each and stores only the valid one', async () => {
      const out = await events.send(
        new PutEventsCommand({
          Entries: [
            { Source: 'agentdrop', DetailType: 'X', Detail: 'not json' },
            { Source: 'agentdrop', DetailType: 'X' },
            { Source: 'aws.s3', DetailType: 'Object Created', Detail: '{}' },
            { EventBusName: 'nope', Source: 'agentdrop', DetailType: 'X', Detail: '{}' },
            { Source: 'agentdrop', DetailType: 'X', Detail: '{}' },
          ],
        }),
      );
      expect(out.FailedEntryCount).toBe(4);
      expect(out.Entries?.map((e) => e.ErrorCode ?? 'ok')).toEqual([
        'MalformedDetail',
        'InvalidArgument',
        'NotAuthorizedForSourceException',
        'ResourceNotFoundException',
        'ok',
      ]);
      expect(emulator.events().length).toBe(1);
    });

    it('rejects more than 10 entries with ValidationException', async () => {
      const entry = { Source: 'agentdrop', DetailType: 'X', Detail: '{}' };
      await expect(
        events.send(new PutEventsCommand({ Entries: Array.from({ length: 11 }, () => entry) })),
      ).rejects.toMatchObject({ name: 'ValidationException', $metadata: { httpStatusCode: 400 } });
    });
  });

  describe('when a rule matches', () => {
    it('hands matching events to the target after PutEvents answers', async () => {
      const received: EventBridgeEvent[] = [];
      const seen: string[] = [];
      emulator.onEvent((event, bus) => seen.push(`${bus}:${event['detail-type']}`));
      emulator.addRule({
        bus: 'agentdrop',
        pattern: { 'detail-type': ['Redeploy Requested'], detail: { project: [{ prefix: 'te' }] } },
        target: (event) => {
          received.push(event);
        },
      });
      await events.send(
        new PutEventsCommand({
          Entries: [
            {
              EventBusName: 'agentdrop',
              Source: 'cli',
              DetailType: 'Redeploy Requested',
              Detail: '{"project":"team"}',
            },
            {
              EventBusName: 'agentdrop',
              Source: 'cli',
              DetailType: 'Redeploy Requested',
              Detail: '{"project":"x"}',
            },
            { Source: 'cli', DetailType: 'Redeploy Requested', Detail: '{"project":"team"}' },
          ],
        }),
      );
      await emulator.drain();
      expect(received.map((e) => e.detail)).toEqual([{ project: 'team' }]);
      expect(seen).toEqual([
        'agentdrop:Redeploy Requested',
        'agentdrop:Redeploy Requested',
        'default:Redeploy Requested',
      ]);
    });
  });

  describe('when PutEvents is throttled once', () => {
    it('returns success after the SDK retries', async () => {
      emulator.faults.set('PutEvents', { kind: 'throttle' });
      const out = await events.send(
        new PutEventsCommand({ Entries: [{ Source: 'agentdrop', DetailType: 'X', Detail: '{}' }] }),
      );
      expect({ attempts: out.$metadata.attempts, failed: out.FailedEntryCount }).toEqual({
        attempts: 2,
        failed: 0,
      });
    });

    it('rejects with ThrottlingException when retries are exhausted', async () => {
      emulator.faults.set('PutEvents', { kind: 'throttle', count: 5 });
      const client = new EventBridgeClient({ ...clientBase(emulator.endpoint), maxAttempts: 1 });
      await expect(
        client.send(
          new PutEventsCommand({ Entries: [{ Source: 'agentdrop', DetailType: 'X', Detail: '{}' }] }),
        ),
      ).rejects.toMatchObject({ name: 'ThrottlingException', message: 'Rate exceeded' });
      client.destroy();
    });
  });

  describe('when restarted on the same data dir', () => {
    it('returns the events stored before the stop', async () => {
      await events.send(
        new PutEventsCommand({
          Entries: [
            { Source: 'agentdrop', DetailType: 'Kept 1', Detail: '{}' },
            { EventBusName: 'agentdrop', Source: 'agentdrop', DetailType: 'Kept 2', Detail: '{}' },
            { Source: 'agentdrop', DetailType: 'Kept 3', Detail: '{}' },
          ],
        }),
      );
      const before = emulator.events();
      events.destroy();
      const endpoint = emulator.endpoint;
      await emulator.stop();
      expect(await isListening(endpoint)).toBe(false);
      await start();
      expect(emulator.events()).toEqual(before);
      expect(before.map((e) => e['detail-type'])).toEqual(['Kept 1', 'Kept 2', 'Kept 3']);
    });
  });
});
