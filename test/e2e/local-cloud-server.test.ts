import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDrop } from '../../cli/load-drop.js';
import { zipFiles } from '../../core/bundle/index.js';
import { createDeployStore, type DeployStore, type Receipt } from '../../functions/lib/store/index.js';
import { dataDirHolder } from '../../local/cloud/data-dir-lock.js';
import {
  endpointFilePath,
  isProcessAlive,
  type LocalEndpoints,
  listDescendants,
  readEndpointFile,
} from '../../local/endpoints/index.js';
import { RepoRoot, runBin } from '../support/run-cli.js';

/** Polls `read` every 100 ms until it returns a value, for at most `timeoutMs`. */
async function eventually<T>(read: () => Promise<T | null | undefined>, timeoutMs = 30_000): Promise<T> {
  const started = performance.now();
  for (;;) {
    const value = await read();
    if (value !== null && value !== undefined) return value;
    if (performance.now() - started > timeoutMs) throw new Error(`nothing after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('agentdrop local start --detach (one local cloud shared by separate processes)', () => {
  let dataDir = '';
  let cloud: LocalEndpoints;
  let s3: S3Client;
  let sfn: SFNClient;
  let events: EventBridgeClient;
  let dynamodb: DynamoDBClient;
  let store: DeployStore;
  const cli = (argv: string[], env: Record<string, string> = {}, watch?: Parameters<typeof runBin>[2]) =>
    runBin(argv, { AGENTDROP_LOCAL_DIR: dataDir, ...env }, watch);
  const client = () => ({ endpoint: '', region: cloud.region, credentials: cloud.credentials });
  const receiptOf = (project: string, kind: Receipt['trigger']['kind']) =>
    eventually(async () =>
      (await store.receipts.listReceipts(project, { limit: 10 })).find(
        (receipt) => receipt.trigger.kind === kind,
      ),
    );

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'agentdrop-server-'));
  });
  afterAll(async () => {
    for (const each of [s3, sfn, events, dynamodb]) each?.destroy();
    // Whatever a failed test left running is ended here, so nothing outlives the suite.
    // The server's pid from the announced endpoints, or from the directory's lock if it never announced them.
    const pid = cloud?.pid ?? dataDirHolder(dataDir);
    const left = pid ? [pid, ...listDescendants(pid)].filter(isProcessAlive) : [];
    for (const pid of left) process.kill(pid, 'SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  it('starts in the background and returns once its endpoint file names a running process', async () => {
    const started = performance.now();
    // The first harness created stays CREATING for 1.5 s: long enough to interrupt the push that creates it.
    const run = await cli([
      'local',
      'start',
      '--detach',
      '--fault',
      'agentcore:CreateHarness=slow_ready:1:1500',
    ]);
    const readyMs = Math.round(performance.now() - started);
    expect(run.code).toBe(0);
    cloud = JSON.parse(run.stdout) as LocalEndpoints;
    expect(readEndpointFile(dataDir)).toEqual(cloud);
    expect(isProcessAlive(cloud.pid)).toBe(true);
    expect(Object.keys(cloud.endpoints).sort()).toEqual(
      [
        'agentcore',
        'agentcore-control',
        'codebuild',
        'dynamodb',
        'ecr',
        'eventbridge',
        'logs',
        'model',
        'otlp',
        's3',
        'secretsmanager',
        'servicequotas',
        'stepfunctions',
      ].sort(),
    );
    expect(run.stderr).toContain(`Stop it with: agentdrop local stop --data ${dataDir}`);
    expect(cloud.logFile).toBe(join(dataDir, 'local-cloud.log'));
    s3 = new S3Client({
      ...client(),
      endpoint: cloud.endpoints.s3,
      forcePathStyle: true,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    sfn = new SFNClient({ ...client(), endpoint: cloud.endpoints.stepfunctions });
    events = new EventBridgeClient({ ...client(), endpoint: cloud.endpoints.eventbridge });
    dynamodb = new DynamoDBClient({ ...client(), endpoint: cloud.endpoints.dynamodb });
    store = createDeployStore({
      documents: DynamoDBDocumentClient.from(dynamodb),
      tableName: cloud.resources.tableName,
    });
    process.stdout.write(`local start --detach ready in ${readyMs} ms\n`);
  });

  it('refuses a second server on the same data directory with LocalCloudBusy', async () => {
    const run = await cli(['local', 'start']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `LocalCloudBusy: A local cloud already runs in ${dataDir} (pid ${cloud.pid})`,
    );
  });

  it('stops only following when an attached push is interrupted: the run goes on in the local cloud', async () => {
    let interrupted = false;
    const push = await cli(
      ['push', 'examples/single', '--project', 'interrupted'],
      { DOCS_TOKEN: 'canary-server-docs-token' },
      (stdout, child) => {
        if (!interrupted && stdout.includes('Run 1 · upload drops/interrupted.zip')) {
          interrupted = true;
          child.kill('SIGINT');
        }
      },
    );
    expect([push.code, interrupted]).toEqual([130, true]);
    expect(push.stderr).toContain(
      'Seeded local secret agentdrop/DOCS_TOKEN from the environment variable DOCS_TOKEN.',
    );
    expect(push.stderr).toContain(
      `SIGINT: stopped following. Runs started in the local cloud go on there (pid ${cloud.pid})`,
    );
    expect(push.stdout).not.toMatch(/^Succeeded/m);
    const receipt = await receiptOf('interrupted', 'upload');
    expect([receipt.outcome, receipt.durations]).toEqual(['succeeded', expect.any(Object)]);
  });

  it('deploys an attached `agentdrop push examples/single` and shows it to an attached `status`', async () => {
    const push = await cli(['push', 'examples/single'], { DOCS_TOKEN: 'canary-server-docs-token' });
    expect(push.code).toBe(0);
    expect(push.stderr).toContain(`using the running local cloud (${dataDir})`);
    // The interrupted push seeded it already, into the same local cloud.
    expect(push.stderr).not.toContain('Seeded local secret');
    expect(push.stdout).toContain('Run 1 · upload drops/single.zip');
    expect(push.stdout).toMatch(/✓ Create or update harness/);
    expect(push.stdout).toMatch(/^Succeeded {2}/m);

    const started = performance.now();
    const status = await cli(['status', 'single', '--json']);
    process.stdout.write(`attached status in ${Math.round(performance.now() - started)} ms\n`);
    expect(status.code).toBe(0);
    const shown = JSON.parse(status.stdout) as { state: { project: string }; deploys: { outcome: string }[] };
    expect([shown.state.project, shown.deploys[0]?.outcome]).toEqual(['single', 'succeeded']);
  });

  it('starts a run for a Redeploy Requested put by any client: the plain AWS SDK and an attached `redeploy`', async () => {
    const { Entries } = await events.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: cloud.resources.eventBusName,
            Source: 'my.scheduler',
            DetailType: 'Redeploy Requested',
            Detail: JSON.stringify({ project: 'single' }),
          },
        ],
      }),
    );
    const eventId = Entries?.[0]?.EventId;
    const skipped = await eventually(async () =>
      (await store.receipts.listReceipts('single', { limit: 10 })).find(
        (receipt) => receipt.trigger.eventId === eventId,
      ),
    );
    expect([skipped.trigger.kind, skipped.outcome, skipped.skipReason]).toEqual([
      'redeploy',
      'skipped',
      'unchanged',
    ]);

    const forced = await cli(['redeploy', 'single', '--force']);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('Run 1 · redeploy single (forced)');
    expect(forced.stdout).toMatch(/^Succeeded {2}/m);
  });

  it('deploys a drop uploaded with the plain AWS SDK, through the same rule and state machine', async () => {
    const loaded = await loadDrop('examples/single', RepoRoot);
    if (!loaded.bundle.ok) throw new Error('examples/single does not load');
    await s3.send(
      new PutObjectCommand({
        Bucket: cloud.resources.dropBucket,
        Key: 'drops/sdk-single.zip',
        Body: zipFiles(loaded.bundle.tree.files),
      }),
    );
    const receipt = await receiptOf('sdk-single', 'upload');
    expect([receipt.outcome, receipt.trigger.key, receipt.emulated]).toEqual([
      'succeeded',
      'drops/sdk-single.zip',
      true,
    ]);
    const { executions } = await sfn.send(
      new ListExecutionsCommand({ stateMachineArn: cloud.resources.stateMachineArn }),
    );
    expect(executions?.find((execution) => execution.executionArn === receipt.executionArn)?.status).toBe(
      'SUCCEEDED',
    );
  });

  it('tears the agent down when the drop is deleted with the plain AWS SDK', async () => {
    await s3.send(
      new DeleteObjectCommand({ Bucket: cloud.resources.dropBucket, Key: 'drops/sdk-single.zip' }),
    );
    const receipt = await receiptOf('sdk-single', 'delete');
    expect(receipt.outcome).toBe('destroyed');
    const status = JSON.parse((await cli(['status', 'sdk-single', '--json'])).stdout) as { state: unknown };
    expect(status.state).toBeNull();
  });

  it('stops with `agentdrop local stop`, leaving no process and no endpoint file', async () => {
    const processes = [cloud.pid, ...listDescendants(cloud.pid)];
    const stop = await cli(['local', 'stop']);
    expect(stop.code).toBe(0);
    expect(stop.stdout).toContain(`Stopped the local cloud in ${dataDir}`);
    expect(processes.filter(isProcessAlive)).toEqual([]);
    expect(existsSync(endpointFilePath(dataDir))).toBe(false);
    const status = await cli(['local', 'status', '--json']);
    expect(JSON.parse(status.stdout)).toEqual({ running: false, dataDir });
  });
});
