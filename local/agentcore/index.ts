export type { AgentCoreAuthorization, AgentCoreAuthorize, AgentCoreIamRequest } from './iam-requests.js';
export { type AgentCoreQuotaLimits, createQuotaLimits } from './service-quotas.js';
export { startAgentCoreEmulator } from './start-agent-core-emulator.js';
export type {
  AgentCoreEmulator,
  AgentCoreEmulatorOptions,
  EcrImageRecord,
  HarnessInvocationRecord,
  RecordedCall,
} from './types.js';
