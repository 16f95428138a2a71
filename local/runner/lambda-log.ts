import { randomBytes } from 'node:crypto';
import { InvocationCompletedMessage, invocationKeys } from '../../functions/lib/invocation-keys.js';
import { LogGroupNames } from '../../functions/lib/log-group-names.js';
import { datedStreamName, type LogLine, type LogWriter } from '../logs/index.js';

/** One invocation's log, written as it ends. */
export interface LambdaInvocationLog {
  /** Writes START, the function's line (the completed invocation's, or its error's), END and REPORT. */
  end(
    outcome:
      | { readonly result: unknown }
      | { readonly error: { readonly code: string; readonly message: string } },
  ): void;
}

/** Opens the log of one invocation of a function. */
export type LambdaLogger = (functionName: string, requestId: string, event: unknown) => LambdaInvocationLog;

/**
 * What the Lambda service and the function's Powertools logger write for each invocation of a local pipeline
 * function, into `/aws/lambda/<function name>`: one stream per function for this logger's life (one warm
 * container), START/END/REPORT lines around the function's own JSON line, which carries the invocation's
 * correlation keys (its deploy id).
 */
export function lambdaLogger(write: LogWriter): LambdaLogger {
  const streams = new Map<string, string>();
  return (functionName, requestId, event) => {
    let stream = streams.get(functionName);
    if (stream === undefined) {
      stream = datedStreamName(Date.now(), '$LATEST', randomBytes(16).toString('hex'));
      streams.set(functionName, stream);
    }
    const started = Date.now();
    const group = LogGroupNames.lambda(functionName);
    const name = stream;
    return {
      end(outcome) {
        const ended = Date.now();
        const common = {
          timestamp: new Date(ended).toISOString(),
          service: functionName,
          function_name: functionName,
          function_request_id: requestId,
        };
        const line =
          'result' in outcome
            ? {
                level: 'INFO',
                message: InvocationCompletedMessage,
                ...common,
                ...invocationKeys(event, outcome.result),
              }
            : {
                level: 'ERROR',
                message: 'handler failed',
                ...common,
                ...invocationKeys(event),
                code: outcome.error.code,
                error: outcome.error.message,
              };
        const lines: LogLine[] = [
          { timestamp: started, message: `START RequestId: ${requestId} Version: $LATEST` },
          { timestamp: ended, message: JSON.stringify(line) },
          { timestamp: ended, message: `END RequestId: ${requestId}` },
          {
            timestamp: ended,
            message: `REPORT RequestId: ${requestId}\tDuration: ${(ended - started).toFixed(2)} ms\tBilled Duration: ${Math.max(1, ended - started)} ms\tMemory Size: 1024 MB`,
          },
        ];
        write(group, name, lines);
      },
    };
  };
}
