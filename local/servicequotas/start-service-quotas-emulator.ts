import { type AgentCoreQuotaName, AgentCoreQuotas, AgentCoreServiceCode } from '../../core/plan/index.js';
import type { AgentCoreQuotaLimits } from '../agentcore/index.js';
import type { FaultInjector } from '../faults/index.js';
import { createFaultInjector } from '../faults/index.js';
import type { AuthorizeRequest } from '../http/index.js';
import { requiredString, ServiceError, startJsonProtocolServer } from '../http/index.js';

/** Options of {@link startServiceQuotasEmulator}. */
export interface ServiceQuotasEmulatorOptions {
  /** The values it reports: the object the AgentCore emulator enforces, read on every call. */
  readonly quotas: AgentCoreQuotaLimits;
  /** @default 'us-west-2' */
  readonly region?: string;
  /** @default '000000000000' */
  readonly accountId?: string;
  /** @default 0 (a free port) */
  readonly port?: number;
  /** @default a new injector */
  readonly faults?: FaultInjector;
  /** The local cloud's IAM, asked before each operation. @default none */
  readonly authorize?: AuthorizeRequest;
}

/** A running Service Quotas emulator. */
export interface ServiceQuotasEmulator {
  readonly endpoint: string;
  readonly faults: FaultInjector;
  stop(): Promise<void>;
}

/**
 * Quota codes of the emulator's AgentCore quotas. AWS does not publish the codes of `bedrock-agentcore`'s
 * quotas, which is why the pipeline finds them by name; these only have to be stable.
 */
const LocalQuotaCodes: Readonly<Record<AgentCoreQuotaName, string>> = {
  runtimesPerAccount: 'L-0CA1A001',
  harnessesPerAccount: 'L-0CA1A002',
  endpointsPerResource: 'L-0CA1A003',
  versionsPerResource: 'L-0CA1A004',
};

/**
 * Starts the Service Quotas emulator (`ServiceQuotasV20190624`, JSON 1.1): ListServiceQuotas of
 * `bedrock-agentcore`, answering the AgentCore emulator's own limits under AgentCore's documented quota names
 * (one page; any other service code is NoSuchResourceException, as for a service Service Quotas does not know).
 */
export async function startServiceQuotasEmulator(
  options: ServiceQuotasEmulatorOptions,
): Promise<ServiceQuotasEmulator> {
  const faults = options.faults ?? createFaultInjector();
  const region = options.region ?? 'us-west-2';
  const accountId = options.accountId ?? '000000000000';
  const server = await startJsonProtocolServer({
    targetPrefix: 'ServiceQuotasV20190624',
    actionPrefix: 'servicequotas',
    faults,
    ...(options.authorize ? { authorize: options.authorize } : {}),
    // ListServiceQuotas has no resource type (Service Authorization Reference): it is granted on `*`.
    resourcesOf: () => ['*'],
    throttlingErrorType: 'TooManyRequestsException',
    serverErrorType: 'ServiceException',
    port: options.port ?? 0,
    operations: {
      ListServiceQuotas: (input) => {
        const serviceCode = requiredString(input, 'ServiceCode', 'ValidationException');
        if (serviceCode !== AgentCoreServiceCode) {
          throw new ServiceError('NoSuchResourceException', `The service ${serviceCode} has no quotas here.`);
        }
        const names = Object.keys(AgentCoreQuotas) as AgentCoreQuotaName[];
        return {
          Quotas: names.map((name) => ({
            ServiceCode: AgentCoreServiceCode,
            ServiceName: 'Amazon Bedrock AgentCore',
            QuotaArn: `arn:aws:servicequotas:${region}:${accountId}:${AgentCoreServiceCode}/${LocalQuotaCodes[name]}`,
            QuotaCode: LocalQuotaCodes[name],
            QuotaName: AgentCoreQuotas[name].quotaName,
            Value: options.quotas[name],
            Unit: 'None',
            Adjustable: true,
            GlobalQuota: false,
          })),
        };
      },
    },
  });
  return { endpoint: server.endpoint, faults, stop: () => server.close() };
}
