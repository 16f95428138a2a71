export { startAgentCoreEmulator } from './start-agent-core-emulator.js';
export type {
  AgentCoreEmulator,
  AgentCoreEmulatorOptions,
  EcrImageRecord,
  HarnessInvocationRecord,
  RecordedCall,
} from './types.js';
