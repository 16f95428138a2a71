import { canonicalJson } from '../../../core/plan/index.js';
import type { DeploymentFields } from './expected-fields.js';

/** A field whose live value differs from what the last deploy set. */
export interface DriftedField {
  readonly field: string;
  readonly expected: unknown;
  /** Null when the live resource has no such value. */
  readonly actual: unknown;
}

/** The fields of `expected` whose value in `actual` differs (canonical JSON), in `expected`'s order. */
export function compareFields(expected: DeploymentFields, actual: DeploymentFields): DriftedField[] {
  return Object.entries(expected).flatMap(([field, value]) => {
    const found = actual[field] ?? null;
    return canonicalJson(value) === canonicalJson(found) ? [] : [{ field, expected: value, actual: found }];
  });
}
