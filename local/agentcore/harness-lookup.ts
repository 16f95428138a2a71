import { assertValid } from './assert-valid.js';
import type { EmulatorContext } from './emulator-context.js';
import type { HarnessRecord, HarnessVersionRecord } from './emulator-state.js';
import { Patterns, Status } from './runtime-shapes.js';
import { notFound } from './service-error.js';
import { checkShape, S } from './shape-schema.js';

const harnessIdShape = S.string({}, Patterns.harnessId);

/** The harness with this id, or ResourceNotFoundException (ValidationException for a malformed id). */
export function findHarness(ctx: EmulatorContext, id: string): HarnessRecord {
  assertValid(checkShape(harnessIdShape, id, 'harnessId'));
  const harness = ctx.state.harnesses.find((h) => h.id === id);
  if (harness === undefined) throw notFound(`Harness ${id} was not found.`);
  return harness;
}

/** The harness's newest version. */
export function latestHarnessVersion(harness: HarnessRecord): HarnessVersionRecord {
  return harness.versions[harness.versions.length - 1]!;
}

/** One version of a harness, or ResourceNotFoundException. */
export function findHarnessVersion(harness: HarnessRecord, version: string): HarnessVersionRecord {
  const found = harness.versions.find((v) => v.version === version);
  if (found === undefined) throw notFound(`Version ${version} of harness ${harness.id} was not found.`);
  return found;
}

/** The harness's status: DELETING while a delete runs, else the version's. */
export function harnessStatus(harness: HarnessRecord, version = latestHarnessVersion(harness)): string {
  return harness.deleting !== undefined ? Status.Deleting : version.status;
}
