import type { Logger } from '@aws-lambda-powertools/logger';
import { makeDiagnostic } from '../../../core/diagnostics/index.js';
import { logsClient } from '../clients/logs.js';
import type { LogDeliveryInfo, ResourceInfo } from '../contract.js';
import type { PipelineDeps } from '../pipeline-deps.js';
import { ensureAgentLogDelivery, removeAgentLogDelivery } from './agent-log-delivery.js';

/** Errors a retry cannot fix: the delivery is then given up with a warning instead of failing the deploy. */
const Permanent = new Set([
  'AccessDeniedException',
  'ValidationException',
  'ResourceNotFoundException',
  'ServiceQuotaExceededException',
]);

/**
 * The deploy action's log delivery for the agent it created or updated (docs/state-machine.md §2.3): the agent's
 * logs go to the stack's groups, its traces to X-Ray. A missing log delivery must not take the agent down, so a permanent failure (no
 * permission, a quota) is a `logs.delivery_failed` warning in the receipt; a transient one is thrown, and the
 * state's retry calls the idempotent deploy again. Undefined when the stack configures no delivery, or the agent
 * lives in another region than the stack's destinations.
 */
export async function deliverAgentLogs(
  deps: PipelineDeps,
  resource: ResourceInfo,
  region: string,
  logger: Pick<Logger, 'warn'>,
): Promise<LogDeliveryInfo | undefined> {
  const destinations = deps.config.agentLogs;
  if (destinations === null || region !== deps.config.region || !resource.id || !resource.arn)
    return undefined;
  try {
    await ensureAgentLogDelivery(
      logsClient(deps),
      { stackName: deps.config.stackName, resourceId: resource.id, resourceArn: resource.arn },
      destinations,
    );
    return {
      logGroups: { application: destinations.application.logGroup, usage: destinations.usage.logGroup },
      tracesToXRay: destinations.traces !== null,
      warning: null,
    };
  } catch (error) {
    const code = error instanceof Error ? error.name : 'Error';
    if (!Permanent.has(code)) throw error;
    logger.warn('log delivery failed', { resource: resource.id, code });
    const message = `The agent's logs and traces are not delivered (${code}: ${(error as Error).message}). The agent is deployed; the next deploy tries again.`;
    return {
      logGroups: null,
      tracesToXRay: false,
      warning: makeDiagnostic('logs.delivery_failed', 'resource', message),
    };
  }
}

/**
 * The teardown's part, after the agent is gone: removes its deliveries and sources (nothing when the stack
 * configures none). As on deploy, a permanent failure (no permission) is logged, not thrown: the agent is already
 * deleted, and failing here would fail this and every later teardown of the project. A transient one is thrown
 * for the state's retry (the delete before it is idempotent).
 */
export async function removeAgentLogs(
  deps: PipelineDeps,
  resourceId: string | null,
  logger: Pick<Logger, 'warn'>,
): Promise<void> {
  if (deps.config.agentLogs === null || !resourceId) return;
  try {
    await removeAgentLogDelivery(logsClient(deps), { stackName: deps.config.stackName, resourceId });
  } catch (error) {
    const code = error instanceof Error ? error.name : 'Error';
    if (!Permanent.has(code)) throw error;
    logger.warn('log delivery removal failed', { resource: resourceId, code });
  }
}

/**
 * A recreate replaces an agent deleted behind agentdrop's back; CloudWatch Logs keeps the delivery sources of a
 * deleted resource, so the deleted agent's (STATE still names it until the run succeeds) are removed here, with
 * the same warning semantics as a teardown's. Nothing when STATE names no agent or the same one.
 */
export async function removeRecreatedAgentLogs(
  deps: PipelineDeps,
  project: string,
  newResourceId: string | null,
  logger: Pick<Logger, 'warn'>,
): Promise<void> {
  const previousId = (await deps.store.state.getState(project))?.resource.id ?? null;
  if (previousId === null || previousId === newResourceId) return;
  await removeAgentLogs(deps, previousId, logger);
}
