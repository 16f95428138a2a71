import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListHarnessVersionsCommand } from '@aws-sdk/client-bedrock-agentcore-control';
import {
  CloudWatchLogsClient,
  DescribeDeliveriesCommand,
  DescribeDeliverySourcesCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zipFiles } from '../../../core/bundle/index.js';
import { agentCoreControl } from '../../../functions/lib/clients/agentcore-control.js';
import { createDeployStore, type DeployStore } from '../../../functions/lib/store/index.js';
import { type LocalCloud, startLocalCloud } from '../../../local/cloud/index.js';
import {
  attachTriggers,
  createLocalPipeline,
  type LocalHandler,
  type LocalTriggers,
} from '../../../local/pipeline/index.js';
import { dropFiles, runsStartedBy } from '../../support/local-stack.js';

const single = join(import.meta.dirname, '../../../examples/single');
const team = join(import.meta.dirname, '../../../examples/team');

/** Fields that say when, not what: a retry may differ in them and nothing else. */
const Volatile = new Set([
  'queuedAt',
  'occurredAt',
  'durations',
  'durationMs',
  'now',
  'leaseExpiresAt',
  'expiresAt',
  'delaySeconds',
]);
function steady(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(steady);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !Volatile.has(key))
      .map(([key, item]) => [key, steady(item)]),
  );
}

/** Where a resource's status may have moved on between two reads: a retry sees the change further along. */
const Settles: Readonly<Record<string, string>> = { CREATING: 'READY', UPDATING: 'READY', DELETING: 'GONE' };

/**
 * What must not change when a task runs again: its whole result but the volatile fields. Two allowances: a
 * resource's status may have moved on to where it was heading (a delete that landed reads GONE, a create READY);
 * a smoke test asks the agent again, and a model's tool calls may go otherwise on a loaded machine, so its
 * verdict is compared (the agent cell, which cells exist), not each tool call.
 */
function sameResult(handler: string, first: unknown, second: unknown): boolean {
  if (handler === 'invoke') return JSON.stringify(verdict(first)) === JSON.stringify(verdict(second));
  const status = (result: unknown) => (result as { status?: string } | null)?.status;
  const firstStatus = status(first);
  const secondStatus = status(second);
  const progressed = firstStatus !== undefined && Settles[firstStatus] === secondStatus;
  const withStatus = (result: unknown, value: string | undefined) =>
    JSON.stringify(steady(value === undefined ? result : { ...(result as object), status: value }));
  return withStatus(first, firstStatus) === withStatus(second, progressed ? firstStatus : secondStatus);
}

function verdict(result: unknown): unknown {
  const cells = (result as { cells: { cell: string; state: string }[] }).cells;
  return { agent: cells.find((cell) => cell.cell === 'agent')?.state, cells: cells.map((cell) => cell.cell) };
}

/** Every task runs twice in a row, as a Step Functions retry after its side effects landed would run it. */
interface Twice {
  readonly calls: { readonly handler: string; readonly action: string }[];
  readonly mismatches: string[];
}

function invokeTwice(twice: Twice) {
  return (name: string, handler: LocalHandler): LocalHandler =>
    async (event: unknown) => {
      const action = String((event as { action?: unknown }).action ?? 'invoke');
      twice.calls.push({ handler: name, action });
      const first = await handler(event);
      const second = await handler(event);
      if (!sameResult(name, first, second))
        twice.mismatches.push(
          `${name}:${action}: ${JSON.stringify(steady(first))} ≠ ${JSON.stringify(steady(second))}`,
        );
      return second;
    };
}

describe('every Lambda task, run again after its side effects landed, succeeds with the same result', () => {
  let dataDir: string;
  let cloud: LocalCloud;
  let triggers: LocalTriggers;
  let store: DeployStore;
  let s3: S3Client;
  let pipeline: ReturnType<typeof createLocalPipeline>;
  const twice: Twice = { calls: [], mismatches: [] };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'agentdrop-twice-'));
    cloud = await startLocalCloud({ dataDir });
    pipeline = createLocalPipeline(cloud, invokeTwice(twice));
    triggers = attachTriggers(cloud, pipeline, () => ({ waitMs: 10 }));
    store = createDeployStore({
      documents: pipeline.deps.documents,
      tableName: cloud.resources.tableName,
    });
    s3 = new S3Client(cloud.clientConfig('s3'));
    const secrets = new SecretsManagerClient(cloud.clientConfig('secretsmanager'));
    await secrets.send(
      new CreateSecretCommand({ Name: 'agentdrop/DOCS_TOKEN', SecretString: 'canary-twice-docs' }),
    );
    await secrets.send(
      new CreateSecretCommand({ Name: 'agentdrop/MCP_TOKEN', SecretString: 'canary-twice-mcp' }),
    );
    secrets.destroy();
  });
  afterAll(async () => {
    triggers.detach();
    await triggers.idle();
    s3.destroy();
    await cloud.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const settle = (action: () => Promise<unknown>) => runsStartedBy(triggers, action);
  const put = (project: string, files: Map<string, Uint8Array>) =>
    settle(() =>
      s3.send(
        new PutObjectCommand({
          Bucket: cloud.resources.dropBucket,
          Key: `drops/${project}.zip`,
          Body: zipFiles(files),
        }),
      ),
    );
  /** Each delivery source as `<resource ARN> <log type> <number of deliveries>`. */
  const deliverySources = async (): Promise<string[]> => {
    const logs = new CloudWatchLogsClient(cloud.clientConfig('logs'));
    const { deliverySources: sources = [] } = await logs.send(new DescribeDeliverySourcesCommand({}));
    const { deliveries = [] } = await logs.send(new DescribeDeliveriesCommand({}));
    logs.destroy();
    return sources
      .map((source) => {
        const count = deliveries.filter((each) => each.deliverySourceName === source.name).length;
        return `${source.resourceArns?.[0]} ${source.logType} ${count}`;
      })
      .sort();
  };
  const outcomes = (runs: { events: readonly { detailType: string }[] }[]) =>
    runs
      .flatMap((run) => run.events.map((event) => event.detailType))
      .filter((type) => type !== 'Deploy Started');

  it('creates, updates and tears down a harness: one version per change, STATE one rev per deploy', async () => {
    const files = await dropFiles(single);
    expect(outcomes(await put('twice', files))).toEqual(['Deploy Succeeded']);
    files.set(
      'agent.md',
      new TextEncoder().encode(`${new TextDecoder().decode(files.get('agent.md'))}\nBe brief.\n`),
    );
    expect(outcomes(await put('twice', files))).toEqual(['Deploy Succeeded']);

    const state = (await store.state.getState('twice'))!;
    expect(state.rev).toBe(2);
    const control = agentCoreControl(pipeline.deps, state.region);
    const { harnessVersions } = await control.send(
      new ListHarnessVersionsCommand({ harnessId: state.resource.id! }),
    );
    expect(harnessVersions?.length).toBe(2);
    // Four deploy calls (two runs, each twice) set up the harness's two log deliveries and its trace delivery once.
    expect(await deliverySources()).toEqual([
      `${state.resource.arn} APPLICATION_LOGS 1`,
      `${state.resource.arn} TRACES 1`,
      `${state.resource.arn} USAGE_LOGS 1`,
    ]);

    const torn = await settle(() =>
      s3.send(new DeleteObjectCommand({ Bucket: cloud.resources.dropBucket, Key: 'drops/twice.zip' })),
    );
    expect(outcomes(torn)).toEqual(['Agent Destroyed']);
    expect(await store.state.getState('twice')).toBeNull();
    expect(await deliverySources()).toEqual([]);
  });

  it('builds and deploys a runtime team', async () => {
    expect(outcomes(await put('twiceteam', await dropFiles(team)))).toEqual(['Deploy Succeeded']);
    expect((await store.state.getState('twiceteam'))?.rev).toBe(1);
  });

  it('ran every kind of task twice with equal results', () => {
    const kinds = new Set(twice.calls.map((call) => `${call.handler}:${call.action}`));
    expect([...kinds].sort()).toEqual(
      [
        'harness:delete',
        'harness:deploy',
        'harness:promote',
        'harness:status',
        'invoke:invoke',
        'plan:plan',
        'plan:record',
        'runtime:deploy',
        'runtime:promote',
        'runtime:status',
      ].sort(),
    );
    expect(twice.mismatches, twice.mismatches.join('\n')).toEqual([]);
  });
});
