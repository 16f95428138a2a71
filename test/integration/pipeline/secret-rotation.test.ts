import { join } from 'node:path';
import { DescribeSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkInvariantsAfterEach } from '../../support/check-invariants-after-each.js';
import { type LocalStack, startLocalStack } from '../../support/local-stack.js';

const single = join(import.meta.dirname, '../../../examples/single');
const plain = new Map([['agent.md', new TextEncoder().encode('You answer questions.\n')]]);

describe('a rotated secret redeploys the projects that bind it', () => {
  let stack: LocalStack;
  let secrets: SecretsManagerClient;
  checkInvariantsAfterEach(() => stack);
  beforeAll(async () => {
    stack = await startLocalStack();
    secrets = new SecretsManagerClient(stack.cloud.clientConfig('secretsmanager'));
    await stack.putSecret('DOCS_TOKEN', 'canary-rotation-v1-5b1f');
    expect((await stack.drop('docs-bot', single)).map((run) => run.status)).toEqual(['SUCCEEDED']);
    expect((await stack.drop('plain-bot', plain)).map((run) => run.status)).toEqual(['SUCCEEDED']);
  });
  afterAll(async () => {
    secrets?.destroy();
    await stack?.stop();
  });

  const currentVersion = async (): Promise<string> => {
    const described = await secrets.send(new DescribeSecretCommand({ SecretId: 'agentdrop/DOCS_TOKEN' }));
    return Object.entries(described.VersionIdsToStages ?? {}).find(([, stages]) =>
      stages.includes('AWSCURRENT'),
    )![0];
  };

  it('indexes each deployed project under the secrets it binds', async () => {
    expect(await stack.store.secretUses.projectsUsing('DOCS_TOKEN')).toEqual(['docs-bot']);
    expect(await stack.store.secretUses.namesOf('plain-bot')).toEqual([]);
  });

  it('updates only the project that binds it, naming the secret and version in the receipt', async () => {
    const runs = await stack.putSecret('DOCS_TOKEN', 'canary-rotation-v2-7c3e');
    expect(runs.map((run) => run.status)).toEqual(['SUCCEEDED']);
    const [receipt] = await stack.store.receipts.listReceipts('docs-bot', { limit: 1 });
    expect([receipt?.trigger.kind, receipt?.outcome, receipt?.decision]).toEqual([
      'redeploy',
      'succeeded',
      'update',
    ]);
    expect(receipt?.trigger.rotatedSecret).toEqual({ name: 'DOCS_TOKEN', versionId: await currentVersion() });
    expect((await stack.store.receipts.listReceipts('plain-bot')).length).toBe(1);
    const recorded = JSON.stringify([receipt, stack.outcomes()]);
    expect(recorded).toContain('DOCS_TOKEN');
    expect(recorded).not.toContain('canary-rotation-v2-7c3e');
  });

  it('ignores another secret of the account without asking Secrets Manager (the function may not describe it)', async () => {
    const mark = stack.cloud.calls.mark();
    for (const secretId of [
      'team-b/API_KEY',
      'arn:aws:secretsmanager:us-west-2:000000000000:secret:team-b/API_KEY-AbCdEf',
    ]) {
      await expect(
        stack.pipeline.secretChanged({
          source: 'aws.secretsmanager',
          detail: { requestParameters: { secretId } },
        }),
      ).resolves.toEqual({ secret: null, versionId: null, projects: [] });
    }
    expect(stack.cloud.calls.calls(mark).filter((call) => call.service === 'secretsmanager')).toEqual([]);
  });

  it('forgets a torn-down project: a later rotation redeploys nothing', async () => {
    expect((await stack.deleteDrop('docs-bot')).map((run) => run.status)).toEqual(['SUCCEEDED']);
    expect(await stack.store.secretUses.projectsUsing('DOCS_TOKEN')).toEqual([]);
    expect(await stack.putSecret('DOCS_TOKEN', 'canary-rotation-v3-9d0a')).toEqual([]);
  });
});

describe('a rotation whose redeploy requests are refused', () => {
  let stack: LocalStack;
  checkInvariantsAfterEach(() => stack);
  beforeAll(async () => {
    stack = await startLocalStack();
    await stack.putSecret('DOCS_TOKEN', 'canary-rotation-refused-1');
    expect((await stack.drop('docs-bot', single)).map((run) => run.status)).toEqual(['SUCCEEDED']);
  });
  afterAll(() => stack?.stop());

  it('fails the invocation, is retried twice as Lambda retries it, and starts no run', async () => {
    stack.cloud.faults('eventbridge').set('PutEvents', { kind: 'access_denied', count: 3 });
    const mark = stack.cloud.calls.mark();
    expect(await stack.putSecret('DOCS_TOKEN', 'canary-rotation-refused-2')).toEqual([]);
    const refused = stack.cloud.calls.calls(mark).filter((call) => call.operation === 'PutEvents');
    expect(refused.map((call) => call.fault)).toEqual(['access_denied', 'access_denied', 'access_denied']);
    // Each attempt fails with PutEvents' own error, so Lambda retries it (and on AWS the DLQ keeps it).
    stack.cloud.faults('eventbridge').set('PutEvents', { kind: 'access_denied', count: 1 });
    await expect(
      stack.pipeline.secretChanged({
        source: 'aws.secretsmanager',
        detail: { requestParameters: { secretId: 'agentdrop/DOCS_TOKEN' } },
      }),
    ).rejects.toMatchObject({ name: 'AccessDeniedException' });
    expect((await stack.store.receipts.listReceipts('docs-bot')).length).toBe(1);
  });
});
