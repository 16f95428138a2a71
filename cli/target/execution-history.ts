import type { HistoryEvent } from '@aws-sdk/client-sfn';
import type { DeployTarget } from './deploy-target.js';

/**
 * A run's execution history, or null when the execution is gone: Step Functions keeps a closed standard
 * execution's history for 90 days, the local cloud its newest 100 ended executions.
 */
export async function executionHistoryOrNull(
  target: Pick<DeployTarget, 'executionHistory'>,
  executionArn: string,
): Promise<HistoryEvent[] | null> {
  try {
    return await target.executionHistory(executionArn);
  } catch (error) {
    if (error instanceof Error && error.name === 'ExecutionDoesNotExist') return null;
    throw error;
  }
}
