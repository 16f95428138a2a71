import {
  CloudWatchLogsClient,
  CreateDeliveryCommand,
  CreateLogGroupCommand,
  DeleteDeliveryCommand,
  DeleteDeliveryDestinationCommand,
  DeleteDeliverySourceCommand,
  DescribeDeliveriesCommand,
  FilterLogEventsCommand,
  GetDeliverySourceCommand,
  PutDeliveryDestinationCommand,
  PutDeliverySourceCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RequestIamQuestion } from '../../../local/http/index.js';
import { type LogsEmulator, startLogsEmulator } from '../../../local/logs/index.js';
import { clientBase, makeDataDir } from './support.js';

const runtimeArn = 'arn:aws:bedrock-agentcore:us-west-2:000000000000:runtime/team-AbCdEf1234';
const groupArn = 'arn:aws:logs:us-west-2:000000000000:log-group:/delivered';

describe('the CloudWatch Logs emulator’s vended-log delivery', () => {
  let data: ReturnType<typeof makeDataDir>;
  let emulator: LogsEmulator;
  let logs: CloudWatchLogsClient;
  let asked: RequestIamQuestion[];
  const start = async () => {
    emulator = await startLogsEmulator({
      dataDir: data.dataDir,
      authorize: (call) => {
        asked.push(...call.requests());
        return undefined;
      },
    });
    logs = new CloudWatchLogsClient(clientBase(emulator.endpoint));
  };
  /** A source for the runtime's application logs, a destination for /delivered and the delivery between them. */
  const deliver = async (): Promise<string> => {
    await logs.send(new CreateLogGroupCommand({ logGroupName: '/delivered' }));
    await logs.send(
      new PutDeliverySourceCommand({ name: 'app', resourceArn: runtimeArn, logType: 'APPLICATION_LOGS' }),
    );
    const { deliveryDestination } = await logs.send(
      new PutDeliveryDestinationCommand({
        name: 'dest',
        deliveryDestinationConfiguration: { destinationResourceArn: groupArn },
      }),
    );
    const { delivery } = await logs.send(
      new CreateDeliveryCommand({
        deliverySourceName: 'app',
        deliveryDestinationArn: deliveryDestination!.arn!,
      }),
    );
    return delivery!.id!;
  };

  beforeEach(async () => {
    data = makeDataDir();
    asked = [];
    await start();
  });
  afterEach(async () => {
    logs.destroy();
    await emulator.stop();
    data.remove();
  });

  it('answers AWS shapes, and asks the resource’s service for AllowVendedLogDeliveryForResource on PutDeliverySource', async () => {
    const id = await deliver();
    expect(await logs.send(new GetDeliverySourceCommand({ name: 'app' }))).toMatchObject({
      deliverySource: {
        name: 'app',
        arn: 'arn:aws:logs:us-west-2:000000000000:delivery-source:app',
        resourceArns: [runtimeArn],
        service: 'bedrock-agentcore',
        logType: 'APPLICATION_LOGS',
      },
    });
    expect((await logs.send(new DescribeDeliveriesCommand({}))).deliveries).toEqual([
      {
        id,
        arn: `arn:aws:logs:us-west-2:000000000000:delivery:${id}`,
        deliverySourceName: 'app',
        deliveryDestinationArn: 'arn:aws:logs:us-west-2:000000000000:delivery-destination:dest',
        deliveryDestinationType: 'CWL',
      },
    ]);
    expect(asked).toContainEqual({
      action: 'bedrock-agentcore:AllowVendedLogDeliveryForResource',
      resource: runtimeArn,
    });
    expect(asked).toContainEqual({
      action: 'logs:PutDeliverySource',
      resource: 'arn:aws:logs:us-west-2:000000000000:delivery-source:app',
    });
  });

  it('refuses an unsupported log type, a second delivery of the same pair, and deleting what deliveries use', async () => {
    await expect(
      logs.send(new PutDeliverySourceCommand({ name: 'x', resourceArn: runtimeArn, logType: 'ACCESS_LOGS' })),
    ).rejects.toMatchObject({ name: 'ValidationException' });
    const id = await deliver();
    await expect(
      logs.send(
        new CreateDeliveryCommand({
          deliverySourceName: 'app',
          deliveryDestinationArn: 'arn:aws:logs:us-west-2:000000000000:delivery-destination:dest',
        }),
      ),
    ).rejects.toMatchObject({ name: 'ConflictException' });
    await expect(logs.send(new DeleteDeliverySourceCommand({ name: 'app' }))).rejects.toMatchObject({
      name: 'ConflictException',
    });
    await expect(logs.send(new DeleteDeliveryDestinationCommand({ name: 'dest' }))).rejects.toMatchObject({
      name: 'ConflictException',
    });
    await logs.send(new DeleteDeliveryCommand({ id }));
    await logs.send(new DeleteDeliverySourceCommand({ name: 'app' }));
    await expect(logs.send(new DeleteDeliveryCommand({ id }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    await expect(logs.send(new GetDeliverySourceCommand({ name: 'app' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('answers a limit from 1 to 50 and refuses one outside, as AWS does', async () => {
    const id = await deliver();
    const first = await logs.send(new DescribeDeliveriesCommand({ limit: 1 }));
    expect(first.deliveries?.map((delivery) => delivery.id)).toEqual([id]);
    expect(first.nextToken).toBeUndefined();
    for (const limit of [0, 51]) {
      await expect(logs.send(new DescribeDeliveriesCommand({ limit }))).rejects.toMatchObject({
        name: 'ValidationException',
      });
    }
  });

  it('delivers a resource’s lines of a log type to the destination group only while a delivery exists, across a restart', async () => {
    emulator.deliver(runtimeArn, 'APPLICATION_LOGS', 'team/a', [{ message: 'before', timestamp: 1 }]);
    const id = await deliver();
    logs.destroy();
    await emulator.stop();
    await start();
    emulator.deliver(runtimeArn, 'APPLICATION_LOGS', 'team/a', [{ message: 'during', timestamp: 2 }]);
    emulator.deliver(runtimeArn, 'USAGE_LOGS', 'team/a', [{ message: 'usage', timestamp: 2 }]);
    await logs.send(new DeleteDeliveryCommand({ id }));
    emulator.deliver(runtimeArn, 'APPLICATION_LOGS', 'team/a', [{ message: 'after', timestamp: 3 }]);
    const { events } = await logs.send(new FilterLogEventsCommand({ logGroupName: '/delivered' }));
    expect(events?.map((event) => [event.logStreamName, event.message])).toEqual([['team/a', 'during']]);
  });

  describe('TRACES to X-Ray', () => {
    const harnessArn = 'arn:aws:bedrock-agentcore:us-west-2:000000000000:harness/team-AbCdEf1234';
    const xray = 'arn:aws:logs:us-west-2:000000000000:delivery-destination:traces';
    const putXRay = () =>
      logs.send(new PutDeliveryDestinationCommand({ name: 'traces', deliveryDestinationType: 'XRAY' }));

    it('pairs a runtime’s or harness’s TRACES with an XRAY destination, asking for X-Ray’s resource-policy permissions', async () => {
      const { deliveryDestination } = await putXRay();
      expect(deliveryDestination).toEqual({ name: 'traces', arn: xray, deliveryDestinationType: 'XRAY' });
      for (const [name, resourceArn] of [
        ['rt', runtimeArn],
        ['hr', harnessArn],
      ] as const) {
        await logs.send(new PutDeliverySourceCommand({ name, resourceArn, logType: 'TRACES' }));
        await logs.send(
          new CreateDeliveryCommand({ deliverySourceName: name, deliveryDestinationArn: xray }),
        );
      }
      expect((await logs.send(new DescribeDeliveriesCommand({}))).deliveries).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ deliverySourceName: 'hr', deliveryDestinationType: 'XRAY' }),
        ]),
      );
      expect(asked).toContainEqual({ action: 'xray:PutResourcePolicy', resource: '*' });
      expect(asked).toContainEqual({ action: 'xray:ListResourcePolicies', resource: '*' });
    });

    it('refuses TRACES to a log group, APPLICATION_LOGS to X-Ray, and an XRAY destination with a configuration', async () => {
      await logs.send(new CreateLogGroupCommand({ logGroupName: '/delivered' }));
      await logs.send(
        new PutDeliveryDestinationCommand({
          name: 'group',
          deliveryDestinationConfiguration: { destinationResourceArn: groupArn },
        }),
      );
      await putXRay();
      await logs.send(
        new PutDeliverySourceCommand({ name: 't', resourceArn: harnessArn, logType: 'TRACES' }),
      );
      await logs.send(
        new PutDeliverySourceCommand({ name: 'a', resourceArn: harnessArn, logType: 'APPLICATION_LOGS' }),
      );
      await expect(
        logs.send(
          new CreateDeliveryCommand({
            deliverySourceName: 't',
            deliveryDestinationArn: 'arn:aws:logs:us-west-2:000000000000:delivery-destination:group',
          }),
        ),
      ).rejects.toMatchObject({ name: 'ValidationException', message: expect.stringMatching(/XRAY/) });
      await expect(
        logs.send(new CreateDeliveryCommand({ deliverySourceName: 'a', deliveryDestinationArn: xray })),
      ).rejects.toMatchObject({
        name: 'ValidationException',
        message: expect.stringMatching(/only log type TRACES/),
      });
      await expect(
        logs.send(
          new PutDeliveryDestinationCommand({
            name: 'x2',
            deliveryDestinationType: 'XRAY',
            deliveryDestinationConfiguration: { destinationResourceArn: groupArn },
          }),
        ),
      ).rejects.toMatchObject({ name: 'ValidationException' });
      await expect(
        logs.send(new PutDeliveryDestinationCommand({ name: 's3', deliveryDestinationType: 'S3' })),
      ).rejects.toMatchObject({ name: 'ValidationException' });
      expect((await logs.send(new DescribeDeliveriesCommand({}))).deliveries).toEqual([]);
    });

    it('writes delivered TRACES lines to aws/spans only while the delivery exists', async () => {
      await putXRay();
      await logs.send(
        new PutDeliverySourceCommand({ name: 't', resourceArn: harnessArn, logType: 'TRACES' }),
      );
      emulator.deliver(harnessArn, 'TRACES', 'ignored', [{ message: '{"span":"before"}', timestamp: 1 }]);
      expect(emulator.delivers(harnessArn, 'TRACES')).toBe(false);
      const { delivery } = await logs.send(
        new CreateDeliveryCommand({ deliverySourceName: 't', deliveryDestinationArn: xray }),
      );
      // What AgentCore asks before making its own spans of a call.
      expect(emulator.delivers(harnessArn, 'TRACES')).toBe(true);
      expect(emulator.delivers(runtimeArn, 'TRACES')).toBe(false);
      expect(emulator.delivers(harnessArn, 'APPLICATION_LOGS')).toBe(false);
      emulator.deliver(harnessArn, 'TRACES', 'ignored', [{ message: '{"span":"during"}', timestamp: 2 }]);
      emulator.deliver(runtimeArn, 'TRACES', 'ignored', [{ message: '{"span":"other"}', timestamp: 2 }]);
      await logs.send(new DeleteDeliveryCommand({ id: delivery!.id! }));
      expect(emulator.delivers(harnessArn, 'TRACES')).toBe(false);
      emulator.deliver(harnessArn, 'TRACES', 'ignored', [{ message: '{"span":"after"}', timestamp: 3 }]);
      const { events } = await logs.send(new FilterLogEventsCommand({ logGroupName: 'aws/spans' }));
      expect(events?.map((event) => [event.logStreamName, event.message])).toEqual([
        ['default', '{"span":"during"}'],
      ]);
    });
  });
});
