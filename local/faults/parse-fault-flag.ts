import type { Fault } from './fault-injector.js';
import { FaultKind } from './fault-injector.js';

/** A fault parsed from a command-line flag, addressed to one service's operation. */
export interface FaultFlag {
  readonly service: string;
  readonly operation: string;
  readonly fault: Fault;
}

const kinds: readonly string[] = Object.values(FaultKind);

/**
 * Parses `service:Operation=kind[:count[:delayMs]][@after]` (e.g. `agentcore:CreateAgentRuntime=create_failed:2`,
 * `dynamodb:PutItem=throttle:3@2` for the third PutItem and the SDK's two retries of it).
 * Returns an error sentence instead of throwing so the CLI can report a usage error.
 */
export function parseFaultFlag(flag: string): FaultFlag | { readonly error: string } {
  const match = /^([a-z0-9-]+):([A-Za-z0-9]+)=([a-z_]+)(?::(\d+))?(?::(\d+))?(?:@(\d+))?$/.exec(flag.trim());
  if (match === null) {
    return { error: `Fault "${flag}" is not of the form service:Operation=kind[:count[:delayMs]][@after].` };
  }
  const [, service, operation, kind, count, delayMs, after] = match;
  if (!kinds.includes(kind!)) {
    return { error: `Fault kind "${kind}" is not one of ${kinds.join(', ')}.` };
  }
  const fault: Fault = {
    kind: kind as FaultKind,
    ...(count !== undefined ? { count: Number(count) } : {}),
    ...(delayMs !== undefined ? { delayMs: Number(delayMs) } : {}),
    ...(after !== undefined ? { after: Number(after) } : {}),
  };
  return { service: service!, operation: operation!, fault };
}
