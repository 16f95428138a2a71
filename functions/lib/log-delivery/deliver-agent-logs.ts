import type { Logger } from '@aws-lambda-powertools/logger';
import { type Diagnostic, makeDiagnostic } from '../../../core/diagnostics/index.js';
import { logsClient } from '../clients/logs.js';
import type { LogDeliveryInfo, ResourceInfo } from '../contract.js';
import type { PipelineDeps } from '../pipeline-deps.js';
import { type DeliveryPart, ensureAgentLogDelivery, removeAgentLogDelivery } from './agent-log-delivery.js';

/** Errors a retry cannot fix: the delivery is then given up with a warning instead of failing the deploy. */
const Permanent = new Set([
  'AccessDeniedException',
  'ValidationException',
  'ResourceNotFoundException',
  'ServiceQuotaExceededException',
]);

/**
 * The deploy action's log delivery for the agent it created or updated (docs/state-machine.md §2.3): the agent's
 * logs go to the stack's groups, then its traces to X-Ray, each part on its own. A missing delivery must not take
 * the agent down, so a permanent failure of a part (no permission, a quota) is a `logs.delivery_failed` warning in
 * the receipt (the first one's, when both fail) and leaves the other part alone; a transient one is thrown, and the
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
  const logs = logsClient(deps);
  const target = { stackName: deps.config.stackName, resourceId: resource.id, resourceArn: resource.arn };
  const deliver = async (part: DeliveryPart): Promise<Diagnostic | null> => {
    try {
      await ensureAgentLogDelivery(logs, target, destinations, part);
      return null;
    } catch (error) {
      const code = error instanceof Error ? error.name : 'Error';
      if (!Permanent.has(code)) throw error;
      logger.warn(`${part === 'logs' ? 'log' : 'trace'} delivery failed`, { resource: resource.id, code });
      const what =
        part === 'logs' ? 'logs are not delivered to CloudWatch Logs' : 'traces are not delivered to X-Ray';
      const message = `The agent's ${what} (${code}: ${(error as Error).message}). The agent is deployed; the next deploy tries again.`;
      return makeDiagnostic('logs.delivery_failed', 'resource', message);
    }
  };
  const logsWarning = await deliver('logs');
  const tracesWarning = destinations.traces === null ? null : await deliver('traces');
  return {
    logGroups:
      logsWarning === null
        ? { application: destinations.application.logGroup, usage: destinations.usage.logGroup }
        : null,
    tracesToXRay: destinations.traces !== null && tracesWarning === null,
    warning: logsWarning ?? tracesWarning,
  };
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
