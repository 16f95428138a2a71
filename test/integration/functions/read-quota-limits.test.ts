import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../../functions/lib/config.js';
import { createPipelineDeps, type PipelineDeps } from '../../../functions/lib/pipeline-deps.js';
import { readQuotaLimits } from '../../../functions/plan/read-quota-limits.js';
import { createQuotaLimits } from '../../../local/agentcore/index.js';
import {
  type ServiceQuotasEmulator,
  startServiceQuotasEmulator,
} from '../../../local/servicequotas/start-service-quotas-emulator.js';
import { HandlerImportEnvironment } from '../../support/handler-import-environment.js';

describe('readQuotaLimits (Service Quotas emulator)', () => {
  let emulator: ServiceQuotasEmulator;
  let deps: PipelineDeps;

  beforeAll(async () => {
    emulator = await startServiceQuotasEmulator({ quotas: createQuotaLimits({ harnessesPerAccount: 7 }) });
    deps = createPipelineDeps(
      readConfig({
        ...HandlerImportEnvironment,
        STACK_NAME: 'stack',
        AGENTDROP_ENDPOINT_SERVICEQUOTAS: emulator.endpoint,
      }),
      undefined,
      () => ({ maxAttempts: 1 }),
    );
  });
  afterAll(() => emulator.stop());

  it('reads the limits Service Quotas lists', async () => {
    const { limits, from } = await readQuotaLimits(deps, 'us-west-2');
    expect([limits.harnessesPerAccount, from.harnessesPerAccount]).toEqual([7, 'service-quotas']);
  });

  it('throws its throttling (TooManyRequestsException, a 400) as the retried AgentCoreThrottled', async () => {
    emulator.faults.set('ListServiceQuotas', { kind: 'throttle' });
    await expect(readQuotaLimits(deps, 'us-west-2')).rejects.toMatchObject({ name: 'AgentCoreThrottled' });
  });
});
