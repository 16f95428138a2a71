import {
  BedrockAgentCoreControlClient,
  CreateHarnessCommand,
  CreateHarnessEndpointCommand,
  ServiceQuotaExceededException,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { ListServiceQuotasCommand, ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalCloud, principalCredentials, startLocalCloud } from '../../../local/cloud/index.js';
import { makeDataDir } from './support.js';

describe('the Service Quotas emulator of the local cloud', () => {
  let data: ReturnType<typeof makeDataDir>;
  let cloud: LocalCloud;
  const quotasAs = (principal?: string) =>
    new ServiceQuotasClient({
      ...cloud.clientConfig('servicequotas'),
      ...(principal ? { credentials: principalCredentials(principal) } : {}),
    });
  const listed = async (client: ServiceQuotasClient) => {
    const { Quotas } = await client.send(new ListServiceQuotasCommand({ ServiceCode: 'bedrock-agentcore' }));
    return Object.fromEntries((Quotas ?? []).map((quota) => [quota.QuotaName, quota.Value]));
  };

  beforeAll(async () => {
    data = makeDataDir();
    cloud = await startLocalCloud({ dataDir: data.dataDir, quotas: { harnessesPerAccount: 0 } });
  });
  afterAll(async () => {
    await cloud.stop();
    data.remove();
  });

  it('reports the limits the AgentCore emulator enforces, under AgentCore’s documented quota names', async () => {
    expect(await listed(quotasAs())).toEqual({
      'Total agents per account': 1000,
      'Harnesses per account': 0,
      'Endpoints (aliases) per agent': 10,
      'Versions per agent': 1000,
    });
    const control = new BedrockAgentCoreControlClient(cloud.clientConfig('agentcore-control'));
    const refused = control.send(
      new CreateHarnessCommand({
        harnessName: 'over_quota',
        executionRoleArn: 'arn:aws:iam::000000000000:role/test-harness',
      }),
    );
    await expect(refused).rejects.toBeInstanceOf(ServiceQuotaExceededException);
  });

  it('reports a limit changed while it runs, and the AgentCore emulator enforces the new value', async () => {
    const control = new BedrockAgentCoreControlClient(cloud.clientConfig('agentcore-control'));
    cloud.quotas.harnessesPerAccount = 1;
    cloud.quotas.endpointsPerResource = 0;
    try {
      expect(await listed(quotasAs())).toMatchObject({
        'Harnesses per account': 1,
        'Endpoints (aliases) per agent': 0,
      });
      const { harness } = await control.send(
        new CreateHarnessCommand({
          harnessName: 'within_quota',
          executionRoleArn: 'arn:aws:iam::000000000000:role/test-harness',
        }),
      );
      await expect(
        control.send(
          new CreateHarnessEndpointCommand({ harnessId: harness!.harnessId!, endpointName: 'live' }),
        ),
      ).rejects.toBeInstanceOf(ServiceQuotaExceededException);
    } finally {
      cloud.quotas.harnessesPerAccount = 0;
      cloud.quotas.endpointsPerResource = 10;
    }
  });

  it('answers NoSuchResourceException for a service it has no quotas of', async () => {
    await expect(quotasAs().send(new ListServiceQuotasCommand({ ServiceCode: 'ec2' }))).rejects.toMatchObject(
      { name: 'NoSuchResourceException' },
    );
  });

  it('enforces the stack IAM: the Plan function may list AgentCore quotas, the Harness function may not', async () => {
    expect((await listed(quotasAs('PlanFunction')))['Total agents per account']).toBe(1000);
    await expect(listed(quotasAs('HarnessFunction'))).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: expect.stringContaining('servicequotas:ListServiceQuotas'),
    });
  });
});
