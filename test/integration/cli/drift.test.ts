import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BedrockAgentCoreControlClient,
  DeleteHarnessCommand,
  UpdateHarnessCommand,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeployStore } from '../../../functions/lib/store/index.js';
import { type LocalServer, startLocalServer } from '../../../local/server/index.js';
import { runCli } from '../../support/run-cli.js';

const Token = 'canary-drift-token';

describe('agentdrop drift on the local cloud', () => {
  let scratch = '';
  let server: LocalServer | undefined;
  let control: BedrockAgentCoreControlClient;
  const cli = (argv: string[], env: Record<string, string> = {}) =>
    runCli(argv, scratch, { AGENTDROP_LOCAL_DIR: join(scratch, '.local-cloud'), ...env });
  const harnessId = async (): Promise<string> =>
    JSON.parse((await cli(['status', 'demo', '--json'])).stdout).state.resource.id;

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'agentdrop-drift-'));
    // A running local cloud the commands attach to, so the test can change the harness behind their back.
    server = await startLocalServer({ cloud: { dataDir: join(scratch, '.local-cloud') } });
    const { endpoints, region, credentials } = server.endpoints;
    control = new BedrockAgentCoreControlClient({ endpoint: endpoints.agentcore, region, credentials });
    expect((await cli(['init', 'demo'])).code).toBe(0);
    expect((await cli(['push', 'demo'], { DOCS_TOKEN: Token })).code).toBe(0);
  });
  afterAll(async () => {
    control?.destroy();
    await server?.stop();
    await rm(scratch, { recursive: true, force: true });
  });

  it('exits 0 with no drift right after a push', async () => {
    const run = await cli(['drift', 'demo']);
    expect([run.code, run.stdout]).toEqual([0, expect.stringMatching(/^demo: no drift {2}harness /)]);
  });

  it('names the field changed behind its back, exits 1 and never prints a secret value', async () => {
    await control.send(
      new UpdateHarnessCommand({ harnessId: await harnessId(), systemPrompt: [{ text: 'Be terse.' }] }),
    );
    const run = await cli(['drift', 'demo', '--json']);
    const { reports } = JSON.parse(run.stdout);
    expect([run.code, reports.length, reports[0].deleted, reports[0].planCompared]).toEqual([
      1,
      1,
      false,
      true,
    ]);
    expect(reports[0].fields).toEqual([
      { field: 'systemPrompt', expected: [expect.any(String)], actual: ['Be terse.'] },
    ]);
    const text = await cli(['drift']);
    expect([text.code, text.stdout]).toEqual([
      1,
      expect.stringMatching(/^demo: drift {2}harness .*\n {2}~ systemPrompt {2}\[".*→ \["Be terse\."\]$/m),
    ]);
    expect(`${run.stdout}${text.stdout}${text.stderr}`).not.toContain(Token);
  });

  it('shows the last scheduled check of the current deploy in status, and ignores an older one', async () => {
    const { endpoints, region, credentials, resources } = server!.endpoints;
    const dynamodb = new DynamoDBClient({ endpoint: endpoints.dynamodb, region, credentials });
    const store = createDeployStore({
      documents: DynamoDBDocumentClient.from(dynamodb),
      tableName: resources.tableName,
    });
    try {
      const { lastDeployId } = (await store.state.getState('demo'))!;
      const record = {
        project: 'demo',
        lastDeployId,
        checkedAt: '2026-12-04T12:00:00.000Z',
        drifted: true,
        deleted: false,
        fields: ['systemPrompt'],
      };
      await store.drift.putDrift(record);
      const status = JSON.parse((await cli(['status', 'demo', '--json'])).stdout);
      expect(status.drift).toEqual(record);
      expect((await cli(['status', 'demo'])).stdout).toMatch(
        /^ {2}drift {8}systemPrompt \(checked 2026-12-04T12:00:00\.000Z\)$/m,
      );
      expect((await cli(['status'])).stdout).toMatch(/^demo .* systemPrompt$/m);
      await store.drift.putDrift({ ...record, lastDeployId: 'an-earlier-deploy' });
      expect(JSON.parse((await cli(['status', 'demo', '--json'])).stdout).drift).toBeNull();
    } finally {
      dynamodb.destroy();
    }
  });

  it('reports a harness deleted behind its back as deleted', async () => {
    await control.send(new DeleteHarnessCommand({ harnessId: await harnessId() }));
    const run = await cli(['drift', 'demo', '--json']);
    const { reports } = JSON.parse(run.stdout);
    expect([run.code, reports[0].deleted, reports[0].fields]).toEqual([1, true, []]);
  });

  it('refuses a project the target has never seen', async () => {
    const run = await cli(['drift', 'nothing-here']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/nothing-here/);
  });
});
