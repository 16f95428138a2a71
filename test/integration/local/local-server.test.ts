import { existsSync } from 'node:fs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  DescribeExecutionCommand,
  ListExecutionsCommand,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { zipFiles } from '../../../core/bundle/index.js';
import { createDeployStore } from '../../../functions/lib/store/index.js';
import { startLocalCloud } from '../../../local/cloud/index.js';
import { endpointFilePath, readEndpointFile } from '../../../local/endpoints/index.js';
import { type LocalServer, startLocalServer } from '../../../local/server/index.js';
import { isListening, makeDataDir } from './support.js';

/** A server whose harnesses stay CREATING for 10 s: its runs are still waiting for them while a test acts. */
function startSlowHarnessServer(dataDir: string): Promise<LocalServer> {
  return startLocalServer({
    cloud: {
      dataDir,
      faults: [
        { service: 'agentcore', operation: 'CreateHarness', fault: { kind: 'slow_ready', delayMs: 10_000 } },
      ],
    },
  });
}

/** S3 and Step Functions clients of a server, as any client builds them from its endpoint file. */
function clientsOf(server: LocalServer): { s3: S3Client; sfn: SFNClient } {
  const { endpoints, region, credentials } = server.endpoints;
  return {
    s3: new S3Client({
      endpoint: endpoints.s3,
      region,
      credentials,
      forcePathStyle: true,
      requestChecksumCalculation: 'WHEN_REQUIRED',
    }),
    sfn: new SFNClient({ endpoint: endpoints.stepfunctions, region, credentials }),
  };
}

describe('startLocalServer', () => {
  let data: ReturnType<typeof makeDataDir>;
  let server: LocalServer | undefined;

  beforeEach(() => {
    data = makeDataDir();
  });
  afterEach(async () => {
    await server?.stop();
    data.remove();
  });

  describe('when it stops while a run is in progress', () => {
    it('ends the run ABORTED through the finalizer, removes its endpoint file and closes every port', async () => {
      server = await startSlowHarnessServer(data.dataDir);
      const { endpoints, resources } = server.endpoints;
      expect(readEndpointFile(data.dataDir)).toEqual(server.endpoints);
      const { s3, sfn } = clientsOf(server);
      try {
        await s3.send(
          new PutObjectCommand({
            Bucket: resources.dropBucket,
            Key: 'drops/mini.zip',
            Body: zipFiles(new Map([['agent.md', new TextEncoder().encode('Hi\n')]])),
          }),
        );
        for (let running = false; !running; ) {
          await new Promise((resolve) => setTimeout(resolve, 50));
          const { executions } = await sfn.send(
            new ListExecutionsCommand({ stateMachineArn: resources.stateMachineArn }),
          );
          running = executions?.[0]?.status === 'RUNNING';
        }
      } finally {
        s3.destroy();
        sfn.destroy();
      }
      await server.stop();
      const [execution] = server.stepfunctions.executions();
      expect(execution?.status).toBe('ABORTED');
      expect(existsSync(endpointFilePath(data.dataDir))).toBe(false);
      for (const endpoint of Object.values(endpoints)) expect(await isListening(endpoint)).toBe(false);

      const cloud = await startLocalCloud({ dataDir: data.dataDir });
      try {
        const store = createDeployStore({
          documents: DynamoDBDocumentClient.from(new DynamoDBClient(cloud.clientConfig('dynamodb'))),
          tableName: cloud.resources.tableName,
        });
        const [receipt] = await store.receipts.listReceipts('mini', { limit: 1 });
        expect([receipt?.executionArn, receipt?.outcome, receipt?.error?.code]).toEqual([
          execution?.executionArn,
          'failed',
          'ExecutionAborted',
        ]);
        expect(await store.locks.getLock('mini')).toBeNull();
      } finally {
        await cloud.stop();
      }
    });
  });

  describe('StartExecution and StopExecution from any client', () => {
    it('runs the event a client starts an execution with, refuses its name twice, and stops one run of several', async () => {
      server = await startSlowHarnessServer(data.dataDir);
      const { region, resources } = server.endpoints;
      const { s3, sfn } = clientsOf(server);
      const store = createDeployStore({
        documents: DynamoDBDocumentClient.from(new DynamoDBClient(server.cloud.clientConfig('dynamodb'))),
        tableName: resources.tableName,
      });
      const redeploy = {
        version: '0',
        id: 'redeploy-ghost',
        'detail-type': 'Redeploy Requested',
        source: 'agentdrop.cli',
        account: server.endpoints.accountId,
        time: '2026-12-04T00:00:00Z',
        region,
        resources: [],
        detail: { project: 'ghost' },
      };
      const describe = async (executionArn: string) => {
        for (;;) {
          const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
          if (execution.status !== 'RUNNING') return execution;
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
      };
      try {
        const started = await sfn.send(
          new StartExecutionCommand({
            stateMachineArn: resources.stateMachineArn,
            name: 'by-hand',
            input: JSON.stringify(redeploy),
          }),
        );
        expect(started.executionArn).toBe(
          `${resources.stateMachineArn.replace(':stateMachine:', ':execution:')}:by-hand`,
        );
        const ended = await describe(started.executionArn ?? '');
        expect([ended.status, ended.error]).toEqual(['FAILED', 'drop.missing']);
        await expect(
          sfn.send(
            new StartExecutionCommand({
              stateMachineArn: resources.stateMachineArn,
              name: 'by-hand',
              input: JSON.stringify({ ...redeploy, id: 'other' }),
            }),
          ),
        ).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });

        // Two drops wait for their harnesses; stopping one leaves the other running.
        for (const project of ['stop-me', 'keep-me']) {
          await s3.send(
            new PutObjectCommand({
              Bucket: resources.dropBucket,
              Key: `drops/${project}.zip`,
              Body: zipFiles(new Map([['agent.md', new TextEncoder().encode('Hi\n')]])),
            }),
          );
        }
        const runningArns = async () => {
          const { executions = [] } = await sfn.send(
            new ListExecutionsCommand({
              stateMachineArn: resources.stateMachineArn,
              statusFilter: 'RUNNING',
            }),
          );
          return executions.map((execution) => execution.executionArn ?? '');
        };
        let running: string[] = [];
        while (running.length < 2) running = await runningArns();
        const inputs = await Promise.all(
          running.map(async (executionArn) => ({
            executionArn,
            key: (
              JSON.parse((await sfn.send(new DescribeExecutionCommand({ executionArn }))).input ?? '{}') as {
                detail: { object: { key: string } };
              }
            ).detail.object.key,
          })),
        );
        const stopped = inputs.find((execution) => execution.key === 'drops/stop-me.zip')?.executionArn ?? '';
        await sfn.send(new StopExecutionCommand({ executionArn: stopped }));
        expect((await describe(stopped)).status).toBe('ABORTED');
        expect(await runningArns()).toEqual(running.filter((arn) => arn !== stopped));
        const [receipt] = await store.receipts.listReceipts('stop-me', { limit: 1 });
        expect([receipt?.outcome, receipt?.error?.code]).toEqual(['failed', 'ExecutionAborted']);
        expect(await store.locks.getLock('stop-me')).toBeNull();
      } finally {
        s3.destroy();
        sfn.destroy();
      }
    });
  });
});
