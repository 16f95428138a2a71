import { deployIdInName, ulid } from './execution-name.js';

/**
 * The deploy id of a run: the one its name carries (`<project>-<deploy id>`, the starter's names), else derived
 * from its start and ARN (ULID layout: 10 characters of the start in milliseconds, 16 of a hash of the ARN), so
 * receipts sort by time under `DEPLOY#` (DESIGN §4.1). Derived, not drawn: every step of a run — Plan and its
 * retries, the record step of a Plan that failed, the finalizer of a run that died — names the same deploy, so a
 * retry never mints a second receipt.
 */
export function deployIdOf(executionArn: string, executionStartTime: string | Date): string {
  return deployIdInName(executionArn) ?? ulid(new Date(executionStartTime).getTime(), executionArn);
}
