import {
  type BedrockAgentCoreControlClient,
  DeleteAgentRuntimeCommand,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { makeDiagnostic } from '../../core/diagnostics/index.js';
import {
  CandidateEndpoint,
  callAgentCore,
  getNamedEndpoint,
  isConflict,
  isNotFound,
  listVersions,
} from '../lib/agentcore/index.js';
import { clientToken } from '../lib/client-token.js';
import type { VersionCleanup } from '../lib/contract.js';
import type { PassedVersion } from '../lib/store/index.js';

/** Versions one promotion deletes at most: the rest wait for the next deploy, so the call stays short. */
const MaxDeletionsPerRun = 25;

/** What {@link pruneRuntimeVersions} keeps and where it deletes. */
export interface PruneTarget {
  readonly runtimeId: string;
  /** The version `live` was just moved to. */
  readonly liveVersion: string;
  /** Reads the versions that passed their smoke test on this runtime before this run (STATE's, oldest first). */
  readonly passedVersions: () => Promise<readonly PassedVersion[]>;
  /** How many of the newest versions, and of the newest passed versions, are kept. */
  readonly retention: number;
  readonly deployId: string;
}

/**
 * Deletes the runtime's versions beyond the stack's retention after a promotion (DeleteAgentRuntime with a
 * version, agentcore-api.md §3), oldest first. Kept: the newest `retention` versions, the versions `live` and
 * `candidate` point at, and the newest `retention` versions that passed their smoke test (rollback targets).
 * Never throws: a failed deletion stops the clean-up with a warning, a version already gone or still pinned
 * (ConflictException) is skipped — the deploy it follows has succeeded either way.
 */
export async function pruneRuntimeVersions(
  control: BedrockAgentCoreControlClient,
  target: PruneTarget,
): Promise<VersionCleanup> {
  const deleted: string[] = [];
  try {
    const candidate = await getNamedEndpoint(control, 'runtime', target.runtimeId, CandidateEndpoint);
    const newestFirst = (await listVersions(control, 'runtime', target.runtimeId)).sort(
      (a, b) => Number(b) - Number(a),
    );
    // The promoted version passed too: the record step adds it to STATE's list after this.
    const passed = [...(await target.passedVersions()).map((each) => each.version), target.liveVersion];
    const keep = new Set([
      ...newestFirst.slice(0, target.retention),
      target.liveVersion,
      ...[candidate?.targetVersion, candidate?.liveVersion].filter((v): v is string => typeof v === 'string'),
      ...passed.slice(-target.retention),
    ]);
    const doomed = newestFirst.filter((version) => !keep.has(version)).reverse();
    for (const version of doomed.slice(0, MaxDeletionsPerRun)) {
      try {
        await callAgentCore('DeleteAgentRuntime', () =>
          control.send(
            new DeleteAgentRuntimeCommand({
              agentRuntimeId: target.runtimeId,
              agentRuntimeVersion: version,
              clientToken: clientToken(target.deployId, target.runtimeId, 'delete-version', version),
            }),
          ),
        );
        deleted.push(version);
      } catch (error) {
        if (!isNotFound(error) && !isConflict(error)) throw error;
      }
    }
    return { deleted, warning: null };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const message = `Deleting runtime versions beyond the retention of ${target.retention} stopped: ${reason} The next deploy tries again.`;
    return { deleted, warning: makeDiagnostic('versions.cleanup_failed', 'resource', message) };
  }
}
