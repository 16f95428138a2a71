import { type BundleLimits, DefaultBundleLimits } from './types.js';

/** Fills omitted limits with the spec's defaults (spec §2) and rejects limits that are not positive. */
export function resolveLimits(limits: Partial<BundleLimits> = {}): BundleLimits {
  const resolved: BundleLimits = { ...DefaultBundleLimits, ...limits };
  for (const [key, value] of Object.entries(resolved)) {
    if (!(typeof value === 'number' && value > 0)) {
      throw new RangeError(`bundle limit ${key} must be a positive number, got ${String(value)}`);
    }
  }
  return resolved;
}
