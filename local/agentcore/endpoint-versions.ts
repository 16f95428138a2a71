import { assertValid } from './assert-valid.js';
import { Patterns, Status } from './runtime-shapes.js';
import { notFound } from './service-error.js';
import { checkShape, S } from './shape-schema.js';

/** The endpoint every runtime and harness has, following the newest READY version (agentcore-api §2). */
export const DefaultEndpoint = 'DEFAULT';
const endpointNameShape = S.string({}, Patterns.endpointName);

/** What runtimes and harnesses share for endpoint resolution. */
interface Versioned<E extends NamedEndpoint> {
  readonly id: string;
  readonly versions: readonly { readonly version: string; readonly status: string }[];
  readonly endpoints: readonly E[];
}
interface NamedEndpoint {
  readonly name: string;
  readonly status: string;
  readonly targetVersion?: string | undefined;
  readonly liveVersion?: string | undefined;
}

/**
 * The version a qualifier serves now: `DEFAULT` the newest READY version; a named endpoint its target once
 * READY, else the version it served before. ResourceNotFoundException for an unknown endpoint.
 */
export function servedVersion<E extends NamedEndpoint>(
  record: Versioned<E>,
  qualifier: string,
  kind: string,
): string | undefined {
  if (qualifier === DefaultEndpoint) {
    return [...record.versions].reverse().find((v) => v.status === Status.Ready)?.version;
  }
  const endpoint = findNamedEndpoint(record, qualifier, kind);
  return endpoint.status === Status.Ready ? endpoint.targetVersion : endpoint.liveVersion;
}

/** Finds a named endpoint after validating the name; ResourceNotFoundException when there is none. */
export function findNamedEndpoint<E extends NamedEndpoint>(
  record: Versioned<E>,
  name: string,
  kind: string,
): E {
  assertValid(checkShape(endpointNameShape, name, 'endpointName'));
  const endpoint = record.endpoints.find((e) => e.name === name);
  if (endpoint === undefined) throw notFound(`Endpoint ${name} of ${kind} ${record.id} was not found.`);
  return endpoint;
}
