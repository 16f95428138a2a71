export { type CleanupEntry, CleanupStore } from './cleanup-store.js';
export { type ClaimResult, DedupeStore } from './dedupe-store.js';
export { createDeployStore, type DeployStore } from './deploy-store.js';
export { DriftStore } from './drift-store.js';
export { cleanupPrefix, type ItemKey, itemKeys, receiptPrefix } from './keys.js';
export { LockStore } from './lock-store.js';
export { normalizeSequencer } from './normalize-sequencer.js';
export { toPendingAttribute } from './pending-attribute.js';
export { ReceiptStore } from './receipt-store.js';
export { SecretUseStore } from './secret-use-store.js';
export { StateStore } from './state-store.js';
export { isConditionalCheckFailed, type StoreOptions } from './store-options.js';
export type {
  DriftRecord,
  LiveEndpointState,
  PassedVersion,
  PendingDrop,
  ProjectLock,
  ProjectState,
  Receipt,
  ReceiptError,
  ResourceRef,
} from './types.js';
