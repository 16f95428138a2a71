import { assertValid } from './assert-valid.js';
import type { EmulatorContext } from './emulator-context.js';
import { isInFlight, type RuntimeRecord, type RuntimeVersionRecord } from './emulator-state.js';
import { Patterns, Status } from './runtime-shapes.js';
import { conflict, notFound } from './service-error.js';
import { checkShape, S } from './shape-schema.js';

const runtimeIdShape = S.string({}, Patterns.runtimeId);

/** The runtime with this id, or ResourceNotFoundException (ValidationException for a malformed id). */
export function findRuntime(ctx: EmulatorContext, id: string): RuntimeRecord {
  assertValid(checkShape(runtimeIdShape, id, 'agentRuntimeId'));
  const runtime = ctx.state.runtimes.find((r) => r.id === id);
  if (runtime === undefined) throw notFound(`Agent runtime ${id} was not found.`);
  return runtime;
}

/** The runtime's newest version. */
export function latest(runtime: RuntimeRecord): RuntimeVersionRecord {
  return runtime.versions[runtime.versions.length - 1]!;
}

/** The runtime's status: DELETING while a delete runs, else its newest version's. */
export function runtimeStatus(runtime: RuntimeRecord, version: RuntimeVersionRecord): string {
  return runtime.deleting !== undefined ? Status.Deleting : version.status;
}

/** One version of a runtime, or ResourceNotFoundException. */
export function findVersion(runtime: RuntimeRecord, version: string): RuntimeVersionRecord {
  const found = runtime.versions.find((v) => v.version === version);
  if (found === undefined) throw notFound(`Version ${version} of agent runtime ${runtime.id} was not found.`);
  return found;
}

/** ConflictException while the runtime is being created, updated or deleted. */
export function assertMutable(runtime: RuntimeRecord): void {
  if (runtime.deleting !== undefined) throw conflict(`Agent runtime ${runtime.id} is being deleted.`);
  const current = latest(runtime);
  if (isInFlight(current)) {
    throw conflict(`Agent runtime ${runtime.id} is in status ${current.status}; wait until it settles.`);
  }
}
