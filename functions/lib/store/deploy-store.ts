import { CleanupStore } from './cleanup-store.js';
import { DedupeStore } from './dedupe-store.js';
import { DriftStore } from './drift-store.js';
import { LockStore } from './lock-store.js';
import { ReceiptStore } from './receipt-store.js';
import { SecretUseStore } from './secret-use-store.js';
import { StateStore } from './state-store.js';
import type { StoreOptions } from './store-options.js';

/** Every adapter of the single table, sharing one client. */
export interface DeployStore {
  readonly state: StateStore;
  readonly locks: LockStore;
  readonly receipts: ReceiptStore;
  readonly dedupe: DedupeStore;
  readonly cleanup: CleanupStore;
  readonly secretUses: SecretUseStore;
  readonly drift: DriftStore;
}

/** Creates the DynamoDB store of DESIGN §4.2 over an injected document client. */
export function createDeployStore(options: StoreOptions): DeployStore {
  return {
    state: new StateStore(options),
    locks: new LockStore(options),
    receipts: new ReceiptStore(options),
    dedupe: new DedupeStore(options),
    cleanup: new CleanupStore(options),
    secretUses: new SecretUseStore(options),
    drift: new DriftStore(options),
  };
}
