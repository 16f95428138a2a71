export type {
  ServiceQuotasEmulator,
  ServiceQuotasEmulatorOptions,
} from './start-service-quotas-emulator.js';
export { startServiceQuotasEmulator } from './start-service-quotas-emulator.js';
