import { randomUUID } from 'node:crypto';
import { codedMessage } from '../../functions/lib/coded-message.js';
import { errorName, taskError } from './task-error.js';
import type { LocalLambdaContext, LocalLambdaHandler } from './types.js';

const maxStatePayloadBytes = 262_144;

/**
 * Runs an in-process handler the way `arn:aws:states:::lambda:invoke` runs a function: the Payload goes through
 * JSON (as on the wire), the result comes back as `{ Payload, StatusCode }`, and a thrown error surfaces with
 * its `name` as the error and Lambda's `{errorType, errorMessage, trace}` JSON as the cause.
 */
export async function invokeLocalLambda(
  handler: LocalLambdaHandler,
  functionArn: string,
  parameters: unknown,
): Promise<{ Payload: unknown; StatusCode: number; ExecutedVersion: string }> {
  const payload = (parameters as { Payload?: unknown } | null)?.Payload ?? {};
  const context = lambdaContext(functionArn);
  let result: unknown;
  try {
    result = await handler(JSON.parse(JSON.stringify(payload)), context);
  } catch (error) {
    const name = errorName(error);
    throw taskError(name, JSON.stringify({ errorType: name, errorMessage: codedMessage(error), trace: [] }));
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

function lambdaContext(functionArn: string): LocalLambdaContext {
  const functionName = functionArn.split(':').at(-1) ?? functionArn;
  const deadline = Date.now() + 900_000;
  return {
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: functionArn,
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: false,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
}
