import { GetExecutionHistoryCommand, type HistoryEvent, type SFNClient } from '@aws-sdk/client-sfn';
import { OutcomePublishStates, type RunHistory, type RunHistoryReader } from './run-history.js';

/**
 * Reads a run's history with `GetExecutionHistory` (newest first, with execution data): the last state entered
 * and its input, and whether an outcome publish state exited. A run's history is bounded (≤ 25,000 events;
 * agentdrop's runs have a few dozen), so it is read to the end.
 */
export function executionHistoryReader(sfn: SFNClient): RunHistoryReader {
  return async (executionArn) => {
    let lastEntered: HistoryEvent | undefined;
    let outcomePublished = false;
    let nextToken: string | undefined;
    do {
      const page = await sfn.send(
        new GetExecutionHistoryCommand({
          executionArn,
          reverseOrder: true,
          includeExecutionData: true,
          maxResults: 1000,
          nextToken,
        }),
      );
      for (const event of page.events ?? []) {
        if (!lastEntered && event.stateEnteredEventDetails) lastEntered = event;
        const exited = event.stateExitedEventDetails?.name;
        if (exited && OutcomePublishStates.includes(exited)) outcomePublished = true;
      }
      nextToken = page.nextToken;
    } while (nextToken);
    return historyOf(lastEntered, outcomePublished);
  };
}

function historyOf(entered: HistoryEvent | undefined, outcomePublished: boolean): RunHistory {
  const details = entered?.stateEnteredEventDetails;
  let lastDocument: unknown = null;
  try {
    lastDocument = details?.input ? JSON.parse(details.input) : null;
  } catch {
    // A truncated input (over 256 KiB) cannot happen for agentdrop's documents; read it as absent.
  }
  return { outcomePublished, lastDocument, lastState: details?.name ?? null };
}
