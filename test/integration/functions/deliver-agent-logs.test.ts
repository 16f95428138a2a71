import {
  CloudWatchLogsClient,
  DescribeDeliveriesCommand,
  DescribeDeliverySourcesCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logsClient } from '../../../functions/lib/clients/logs.js';
import { readConfig } from '../../../functions/lib/config.js';
import { deliverySourceName } from '../../../functions/lib/log-delivery/agent-log-delivery.js';
import {
  deliverAgentLogs,
  removeAgentLogs,
  removeRecreatedAgentLogs,
} from '../../../functions/lib/log-delivery/index.js';
import { createPipelineDeps, type PipelineDeps } from '../../../functions/lib/pipeline-deps.js';
import { deliveryArn, type LogsEmulator, startLogsEmulator } from '../../../local/logs/index.js';
import { HandlerImportEnvironment } from '../../support/handler-import-environment.js';
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
    emulator.ensureTraceDestination('stack-agent-traces');
    const destination = (kind: string) =>
      deliveryArn(
        { region: 'us-west-2', accountId: '000000000000' },
        'delivery-destination',
        `stack-agent-${kind}`,
      );
    deps = createPipelineDeps(
      readConfig({
        ...HandlerImportEnvironment,
        STACK_NAME: 'stack',
        AGENTDROP_ENDPOINT_LOGS: emulator.endpoint,
        AGENT_APPLICATION_LOG_GROUP: '/agents/app',
        AGENT_APPLICATION_LOG_DESTINATION: destination('app'),
        AGENT_USAGE_LOG_GROUP: '/agents/usage',
        AGENT_USAGE_LOG_DESTINATION: destination('usage'),
        AGENT_TRACE_DESTINATION: destination('traces'),
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
  const sourcesOf = async (resourceId: string) => {
    const names = (['app', 'usage', 'trace'] as const).map((suffix) =>
      deliverySourceName('stack', resourceId, suffix),
    );
    const { deliverySources = [] } = await logs.send(new DescribeDeliverySourcesCommand({}));
    return deliverySources.filter((each) => names.includes(each.name!)).map((each) => each.logType);
  };

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
        tracesToXRay: true,
        warning: null,
      });
      expect(await deliveryCount()).toBe(3);
    }
    expect((await sourcesOf(resource.id)).sort()).toEqual(['APPLICATION_LOGS', 'TRACES', 'USAGE_LOGS']);
  });

  it('finishes the TRACES delivery on a retry after its source landed and its delivery was refused', async () => {
    await removeAgentLogs(deps, resource.id, logger);
    // The third CreateDelivery (TRACES → X-Ray) fails transiently after its PutDeliverySource landed.
    emulator.faults.set('CreateDelivery', { kind: 'throttle', after: 2 });
    await expect(deliverAgentLogs(deps, resource, 'us-west-2', logger)).rejects.toMatchObject({
      name: 'ThrottlingException',
    });
    expect(await deliveryCount()).toBe(2);
    expect(await sourcesOf(resource.id)).toContain('TRACES');
    expect(await deliverAgentLogs(deps, resource, 'us-west-2', logger)).toMatchObject({ tracesToXRay: true });
    expect(await deliveryCount()).toBe(3);
  });

  it('gives up a permanent failure of the trace delivery alone: the logs stay delivered and reported', async () => {
    await removeAgentLogs(deps, resource.id, logger);
    warnings.length = 0;
    emulator.faults.set('CreateDelivery', { kind: 'access_denied', after: 2 });
    const info = await deliverAgentLogs(deps, resource, 'us-west-2', logger);
    expect(info).toMatchObject({
      logGroups: { application: '/agents/app', usage: '/agents/usage' },
      tracesToXRay: false,
      warning: { code: 'logs.delivery_failed' },
    });
    expect(info?.warning?.message).toContain('traces are not delivered to X-Ray (AccessDeniedException');
    expect(warnings).toEqual([
      ['trace delivery failed', { resource: resource.id, code: 'AccessDeniedException' }],
    ]);
    expect(await deliveryCount()).toBe(2);
    expect(await deliverAgentLogs(deps, resource, 'us-west-2', logger)).toMatchObject({ tracesToXRay: true });
    expect(await deliveryCount()).toBe(3);
  });

  it('delivers once per source when two deliveries for the agent race: the loser’s ConflictException is kept', async () => {
    emulator.faults.clear();
    const racer = { ...resource, id: 'agentdrop_team-RaCe001234', arn: `${resource.arn}-race` };
    const answers: string[] = [];
    const client = logsClient(deps);
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName !== 'CreateDeliveryCommand') return next(args);
        try {
          const answer = await next(args);
          answers.push('created');
          return answer;
        } catch (error) {
          answers.push((error as Error).name);
          throw error;
        }
      },
      { step: 'initialize', name: 'recordCreateDelivery' },
    );
    try {
      const both = await Promise.all([
        deliverAgentLogs(deps, racer, 'us-west-2', logger),
        deliverAgentLogs(deps, racer, 'us-west-2', logger),
      ]);
      for (const info of both) expect(info).toMatchObject({ tracesToXRay: true, warning: null });
      const names = (['app', 'usage', 'trace'] as const).map((suffix) =>
        deliverySourceName('stack', racer.id, suffix),
      );
      const { deliveries = [] } = await logs.send(new DescribeDeliveriesCommand({}));
      expect(
        deliveries
          .map((each) => each.deliverySourceName!)
          .filter((name) => names.includes(name))
          .sort(),
      ).toEqual([...names].sort());
      // Both read no delivery before either created one (three conflicts in every run measured; at least one
      // is what proves the catch was reached, whatever the interleaving).
      expect(answers.filter((answer) => answer === 'created')).toHaveLength(3);
      expect(answers.filter((answer) => answer !== 'created')).toContain('ConflictException');
      expect(new Set(answers)).toEqual(new Set(['created', 'ConflictException']));
    } finally {
      client.middlewareStack.remove('recordCreateDelivery');
      await removeAgentLogs(deps, racer.id, logger);
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
    expect(await deliveryCount()).toBe(3);
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
    expect(await sourcesOf(resource.id)).toEqual([]);
  });

  it('on a recreate, removes the deleted agent’s sources that STATE still names, and keeps the new agent’s', async () => {
    const recreated = { ...resource, id: 'agentdrop_team-NeW0001234', arn: `${resource.arn}-new` };
    await deliverAgentLogs(deps, resource, 'us-west-2', logger);
    await deliverAgentLogs(deps, recreated, 'us-west-2', logger);
    // STATE names the agent that was deleted behind agentdrop's back until the recreate succeeds.
    const withState = (id: string | null) =>
      ({
        ...deps,
        store: { state: { getState: async () => ({ resource: { id } }) } },
      }) as unknown as PipelineDeps;
    for (let attempt = 0; attempt < 2; attempt++) {
      await removeRecreatedAgentLogs(withState(resource.id), 'team', recreated.id, logger);
      expect(await sourcesOf(resource.id)).toEqual([]);
      expect(await sourcesOf(recreated.id)).toHaveLength(3);
    }
    await removeRecreatedAgentLogs(withState(recreated.id), 'team', recreated.id, logger);
    expect(await sourcesOf(recreated.id)).toHaveLength(3);
    await removeAgentLogs(deps, recreated.id, logger);
  });
});
