import { randomUUID } from 'node:crypto';
import { codedMessage } from '../../functions/lib/coded-message.js';
import { LogGroupNames } from '../../functions/lib/log-group-names.js';
import { type Fault, FaultKind } from '../faults/index.js';
import type { LambdaLogger } from './lambda-log.js';
import { errorName, taskError } from './task-error.js';
import type { LocalLambdaContext, LocalLambdaHandler } from './types.js';

const maxStatePayloadBytes = 262_144;

/**
 * Runs an in-process handler the way `arn:aws:states:::lambda:invoke` runs a function: the Payload goes through
 * JSON (as on the wire), the result comes back as `{ Payload, StatusCode }`, and a thrown error surfaces with
 * its `name` as the error and Lambda's `{errorType, errorMessage, trace}` JSON as the cause. A `fault` (see
 * `TaskHooks.faults`) fails the invoke as the Lambda service would, before or after the function runs.
 * `openLog` starts the invocation's log (`/aws/lambda/<function name>`), written once the function returns.
 */
export async function invokeLocalLambda(
  handler: LocalLambdaHandler,
  functionArn: string,
  parameters: unknown,
  fault?: Fault,
  openLog?: LambdaLogger,
): Promise<{ Payload: unknown; StatusCode: number; ExecutedVersion: string }> {
  const payload = (parameters as { Payload?: unknown } | null)?.Payload ?? {};
  const context = lambdaContext(functionArn);
  if (fault?.kind === FaultKind.LambdaServiceException || fault?.kind === FaultKind.Throttle) {
    throw serviceFailure(fault, context.awsRequestId);
  }
  const event = JSON.parse(JSON.stringify(payload)) as unknown;
  const log = openLog?.(context.functionName, context.awsRequestId, event);
  let result: unknown;
  try {
    result = await handler(event, context);
  } catch (error) {
    const name = errorName(error);
    log?.end({ error: { code: (error as { code?: string }).code ?? name, message: codedMessage(error) } });
    throw taskError(name, JSON.stringify({ errorType: name, errorMessage: codedMessage(error), trace: [] }));
  }
  log?.end({ result });
  if (fault?.kind === FaultKind.LambdaCrash) {
    // What Step Functions reports when the runtime dies (OOM, timeout, killed) after the work was done.
    throw taskError(
      'Lambda.Unknown',
      `The cause could not be determined because Lambda did not return an error type. Returned payload: ${JSON.stringify(
        {
          errorMessage: `RequestId: ${context.awsRequestId} Error: Runtime exited with error: signal: killed${fault.reason ? ` (${fault.reason})` : ''}`,
          errorType: 'Runtime.ExitError',
        },
      )}`,
    );
  }
  const text = result === undefined ? 'null' : JSON.stringify(result);
  // Step Functions refuses state results over 256 KiB; on AWS this ends the run (no Catch applies).
  if (Buffer.byteLength(text) > maxStatePayloadBytes) {
    throw taskError(
      'States.DataLimitExceeded',
      `The result of ${functionArn} is ${Buffer.byteLength(text)} bytes (limit 262144).`,
    );
  }
  return {
    Payload: JSON.parse(text),
    StatusCode: 200,
    ExecutedVersion: '$LATEST',
  };
}

/**
 * What Step Functions reports when its role may not invoke the function: the Lambda service's 403
 * AccessDeniedException, surfaced as `Lambda.AWSLambdaException` with the service's message as the cause.
 */
export function invokeDenied(message: string): Error {
  return taskError(
    'Lambda.AWSLambdaException',
    `${message} (Service: AWSLambda; Status Code: 403; Error Code: AccessDeniedException; Request ID: ${randomUUID()}; Proxy: null)`,
  );
}

function serviceFailure(fault: Fault, requestId: string): Error {
  const [name, status, message] =
    fault.kind === FaultKind.Throttle
      ? ['TooManyRequestsException', 429, 'Rate Exceeded.']
      : ['ServiceException', 500, 'Lambda was unable to run the function (injected fault).'];
  return taskError(
    `Lambda.${name}`,
    `${fault.reason ?? message} (Service: Lambda, Status Code: ${status}, Request ID: ${requestId})`,
  );
}

function lambdaContext(functionArn: string): LocalLambdaContext {
  const functionName = functionArn.split(':').at(-1) ?? functionArn;
  const deadline = Date.now() + 900_000;
  return {
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: functionArn,
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: LogGroupNames.lambda(functionName),
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: false,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
}
