import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PlanInput } from '../../../functions/lib/contract.js';
import { type LocalCloud, startLocalCloud } from '../../../local/cloud/index.js';
import { LocalStack } from '../../../local/pipeline/index.js';
import { deliberatelyInvalid } from '../../support/deliberately-invalid.js';

const context = {
  functionName: 'agentdrop-plan',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-west-2:000000000000:function:agentdrop-plan',
  memoryLimitInMB: '512',
  awsRequestId: 'req-1',
  logGroupName: '/aws/lambda/agentdrop-plan',
  logStreamName: 'stream',
  callbackWaitsForEmptyEventLoop: false,
  getRemainingTimeInMillis: () => 60_000,
};

describe('the Plan Lambda entry (middy + Powertools)', () => {
  let cloud: LocalCloud;
  let dataDir = '';
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'agentdrop-entry-'));
    cloud = await startLocalCloud({ dataDir });
    const env: Record<string, string> = {
      TABLE_NAME: cloud.resources.tableName,
      DROP_BUCKET: cloud.resources.dropBucket,
      ARTIFACTS_BUCKET: cloud.resources.artifactsBucket,
      EVENT_BUS_NAME: LocalStack.eventBusName,
      SECRET_PREFIX: LocalStack.secretPrefix,
      STACK_NAME: LocalStack.stackName,
      HARNESS_ROLE_ARN: LocalStack.harnessRoleArn,
      RUNTIME_ROLE_ARN: LocalStack.runtimeRoleArn,
      AGENTDROP_ENDPOINT_DYNAMODB: cloud.endpoints.dynamodb,
      AGENTDROP_ENDPOINT_S3: cloud.endpoints.s3,
      POWERTOOLS_METRICS_NAMESPACE: 'agentdrop',
    };
    for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value);
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await cloud.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers through the middleware chain and logs the error of an unknown action by name', async () => {
    const writes: string[] = [];
    const capture = (chunk: unknown) => {
      writes.push(String(chunk));
      return true;
    };
    const spies = [
      vi.spyOn(process.stdout, 'write').mockImplementation(capture),
      vi.spyOn(process.stderr, 'write').mockImplementation(capture),
    ];
    const { handler } = await import('../../../functions/plan/handler.js');
    const decision = (await handler(
      {
        action: 'plan',
        event: { 'detail-type': 'Object Created', detail: { object: { key: 'elsewhere/x.zip' } } },
        executionArn: 'arn:exec',
        executionStartTime: '2026-11-25T00:00:00Z',
        replans: 0,
      },
      context,
    )) as { action: string; diagnostics: { errors: { code: string }[] } };
    await expect(
      handler(deliberatelyInvalid<PlanInput>({ action: 'explode' }), context),
    ).rejects.toMatchObject({
      name: 'InvalidInput',
    });
    for (const spy of spies) spy.mockRestore();
    expect([decision.action, decision.diagnostics.errors[0]?.code]).toEqual([
      'invalid',
      'project.invalid_name',
    ]);
    const logged = writes.join('');
    expect(logged).toContain('"message":"handler failed"');
    expect(logged).toContain('"code":"InvalidInput"');
    expect(logged).toContain('"function_request_id":"req-1"');
  });
});
