import { CloudWatchLogsClient, DescribeDeliveriesCommand } from '@aws-sdk/client-cloudwatch-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../../functions/lib/config.js';
import { deliverAgentLogs, removeAgentLogs } from '../../../functions/lib/log-delivery/index.js';
import { createPipelineDeps, type PipelineDeps } from '../../../functions/lib/pipeline-deps.js';
import { deliveryArn, type LogsEmulator, startLogsEmulator } from '../../../local/logs/index.js';
import { clientBase, makeDataDir } from '../local/support.js';

const resource = {
  name: 'agentdrop_team',
  id: 'agentdrop_team-AbCdEf1234',
  arn: 'arn:aws:bedrock-agentcore:us-west-2:000000000000:runtime/agentdrop_team-AbCdEf1234',
  version: '1',
};

describe('deliverAgentLogs (CloudWatch Logs emulator)', () => {
  let data: ReturnType<typeof makeDataDir>;
  let emulator: LogsEmulator;
  let deps: PipelineDeps;
  let logs: CloudWatchLogsClient;
  const warnings: unknown[] = [];
  const logger = { warn: (...args: unknown[]) => void warnings.push(args) };

  beforeAll(async () => {
    data = makeDataDir();
    emulator = await startLogsEmulator({ dataDir: data.dataDir });
    for (const kind of ['app', 'usage'])
      emulator.ensureDeliveryDestination(`stack-agent-${kind}`, `/agents/${kind}`);
    const destination = (kind: string) =>
      deliveryArn(
        { region: 'us-west-2', accountId: '000000000000' },
        'delivery-destination',
        `stack-agent-${kind}`,
      );
    deps = createPipelineDeps(
      readConfig({
        TABLE_NAME: 't',
        DROP_BUCKET: 'd',
        ARTIFACTS_BUCKET: 'a',
        EVENT_BUS_NAME: 'b',
        SECRET_PREFIX: 'agentdrop/',
        STACK_NAME: 'stack',
        HARNESS_ROLE_ARN: 'arn:aws:iam::000000000000:role/h',
        RUNTIME_ROLE_ARN: 'arn:aws:iam::000000000000:role/r',
        AGENTDROP_ENDPOINT_LOGS: emulator.endpoint,
        AGENT_APPLICATION_LOG_GROUP: '/agents/app',
        AGENT_APPLICATION_LOG_DESTINATION: destination('app'),
        AGENT_USAGE_LOG_GROUP: '/agents/usage',
        AGENT_USAGE_LOG_DESTINATION: destination('usage'),
      }),
      undefined,
      () => ({ maxAttempts: 1 }),
    );
    logs = new CloudWatchLogsClient(clientBase(emulator.endpoint));
  });
  afterAll(async () => {
    logs.destroy();
    await emulator.stop();
    data.remove();
  });
  const deliveryCount = async () => (await logs.send(new DescribeDeliveriesCommand({}))).deliveries?.length;

  it('gives up a permanent failure with a logs.delivery_failed warning, leaving the deploy to succeed', async () => {
    emulator.faults.set('PutDeliverySource', { kind: 'access_denied' });
    const info = await deliverAgentLogs(deps, resource, 'us-west-2', logger);
    expect(info?.logGroups).toBeNull();
    expect(info?.warning).toMatchObject({ code: 'logs.delivery_failed', level: 'warning' });
    expect(warnings).toHaveLength(1);
  });

  it('throws a transient failure, so the task retry runs the deploy again', async () => {
    emulator.faults.set('CreateDelivery', { kind: 'throttle' });
    await expect(deliverAgentLogs(deps, resource, 'us-west-2', logger)).rejects.toMatchObject({
      name: 'ThrottlingException',
    });
  });

  it('finishes on the retry after part of it landed, and again without a change', async () => {
    for (let attempt = 0; attempt < 2; attempt++) {
      const info = await deliverAgentLogs(deps, resource, 'us-west-2', logger);
      expect(info).toEqual({
        logGroups: { application: '/agents/app', usage: '/agents/usage' },
        warning: null,
      });
      expect(await deliveryCount()).toBe(2);
    }
  });

  it('does nothing for an agent in another region than the stack’s destinations', async () => {
    expect(await deliverAgentLogs(deps, resource, 'eu-central-1', logger)).toBeUndefined();
  });

  it('gives up removing on a permanent failure with a warning (the agent is gone; the teardown goes on)', async () => {
    warnings.length = 0;
    emulator.faults.set('DeleteDelivery', { kind: 'access_denied' });
    await removeAgentLogs(deps, resource.id, logger);
    expect(warnings).toEqual([
      ['log delivery removal failed', { resource: resource.id, code: 'AccessDeniedException' }],
    ]);
    expect(await deliveryCount()).toBe(2);
  });

  it('throws a transient failure while removing, for the task retry', async () => {
    emulator.faults.set('DescribeDeliveries', { kind: 'throttle' });
    await expect(removeAgentLogs(deps, resource.id, logger)).rejects.toMatchObject({
      name: 'ThrottlingException',
    });
  });

  it('removes the deliveries and sources, twice without an error', async () => {
    await removeAgentLogs(deps, resource.id, logger);
    await removeAgentLogs(deps, resource.id, logger);
    expect(await deliveryCount()).toBe(0);
  });
});
