import { Ajv, type ValidateFunction } from 'ajv';
import agentDestroyed from '../../schemas/events/agent-destroyed.json' with { type: 'json' };
import deployFailed from '../../schemas/events/deploy-failed.json' with { type: 'json' };
import deployQueued from '../../schemas/events/deploy-queued.json' with { type: 'json' };
import deploySkipped from '../../schemas/events/deploy-skipped.json' with { type: 'json' };
import deployStarted from '../../schemas/events/deploy-started.json' with { type: 'json' };
import deploySucceeded from '../../schemas/events/deploy-succeeded.json' with { type: 'json' };
import driftDetected from '../../schemas/events/drift-detected.json' with { type: 'json' };
import redeployRequested from '../../schemas/events/redeploy-requested.json' with { type: 'json' };
import { DetailType } from './detail-types.js';

/** The JSON Schema (draft-07) of each detail type, as stored in `schemas/events/`. */
export const eventSchemas: Readonly<Record<DetailType, object>> = {
  [DetailType.DeployStarted]: deployStarted,
  [DetailType.DeploySucceeded]: deploySucceeded,
  [DetailType.DeployFailed]: deployFailed,
  [DetailType.DeploySkipped]: deploySkipped,
  [DetailType.DeployQueued]: deployQueued,
  [DetailType.AgentDestroyed]: agentDestroyed,
  [DetailType.DriftDetected]: driftDetected,
  [DetailType.RedeployRequested]: redeployRequested,
};

/** The result of {@link validateEventDetail}: `errors` are `<json pointer> <message>` lines. */
export interface EventValidation {
  readonly ok: boolean;
  readonly errors: readonly string[];
}

const ajv = new Ajv({ allErrors: true, strict: true });
const validators = new Map<string, ValidateFunction>(
  Object.entries(eventSchemas).map(([detailType, schema]) => [detailType, ajv.compile(schema)]),
);

/**
 * Validates an event's `detail` against the schema of its detail type. An unknown detail type is invalid.
 * Tests run every event the pipeline emits through it (DESIGN §4.4).
 */
export function validateEventDetail(detailType: string, detail: unknown): EventValidation {
  const validate = validators.get(detailType);
  if (!validate) return { ok: false, errors: [`unknown detail type "${detailType}"`] };
  if (validate(detail)) return { ok: true, errors: [] };
  return {
    ok: false,
    errors: (validate.errors ?? []).map(
      (error) => `${error.instancePath || '/'} ${error.message ?? 'is invalid'}`,
    ),
  };
}
