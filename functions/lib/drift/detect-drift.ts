import type { BedrockAgentCoreControlClient } from '@aws-sdk/client-bedrock-agentcore-control';
import type { PlannedArtifact } from '../planned-artifact.js';
import type { ProjectState } from '../store/index.js';
import { compareFields, type DriftedField } from './compare-fields.js';
import { expectedFields } from './expected-fields.js';
import { readLiveFields } from './read-live-fields.js';

/** What one drift check found: the detail of `Drift Detected` when `drifted`. */
export interface DriftReport {
  readonly project: string;
  readonly mode: 'harness' | 'runtime';
  readonly region: string;
  readonly resource: { readonly name: string; readonly id: string | null; readonly arn: string | null };
  /** True when the resource STATE names no longer exists. */
  readonly deleted: boolean;
  /** Fields whose live value differs from what the last deploy set; empty when deleted. */
  readonly fields: readonly DriftedField[];
  /** Whether the configuration fields were compared (false when the deployed plan could not be read). */
  readonly planCompared: boolean;
  readonly drifted: boolean;
}

/**
 * Compares a project's live harness or runtime with what its last deploy set (STATE and the stored plan).
 * Reads only. Secret values are never read nor reported: MCP headers are compared by name.
 */
export async function detectDrift(input: {
  readonly control: BedrockAgentCoreControlClient;
  readonly state: ProjectState;
  /** The plan STATE was written from; null when it could not be read. */
  readonly plan: PlannedArtifact | null;
  /** The stack whose ownership tag the resource must carry; null to compare only the project tag. */
  readonly stackName: string | null;
}): Promise<DriftReport> {
  const { state } = input;
  const actual = await readLiveFields(input.control, state);
  const fields =
    actual === null ? [] : compareFields(expectedFields(state, input.plan, input.stackName), actual);
  return {
    project: state.project,
    mode: state.mode,
    region: state.region,
    resource: { name: state.resource.name, id: state.resource.id ?? null, arn: state.resource.arn ?? null },
    deleted: actual === null,
    fields,
    planCompared: input.plan !== null,
    drifted: actual === null || fields.length > 0,
  };
}
