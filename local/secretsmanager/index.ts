export type { SecretValue, SecretVersion, StoredSecret } from './secret-store.js';
export { SecretStore } from './secret-store.js';
export type {
  SecretsManagerEmulator,
  SecretsManagerEmulatorOptions,
} from './start-secrets-manager-emulator.js';
export { startSecretsManagerEmulator } from './start-secrets-manager-emulator.js';
