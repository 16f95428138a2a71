import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Fault } from '../faults/index.js';
import { FaultKind } from '../faults/index.js';
import { accessDeniedMessage } from './access-denied-message.js';
import { holdWithoutAnswer } from './hold-without-answer.js';
import { sendAwsJsonError } from './send-json.js';

/** How an AWS JSON 1.0/1.1 service names its errors. */
export interface JsonFaultShapes {
  /** `ThrottlingException`, or the service's own (`com.amazonaws.dynamodb.v20120810#ThrottlingException`). */
  readonly throttlingErrorType: string;
  /** The error type of a 500 (`InternalFailure`, `InternalServerError`, …). */
  readonly serverErrorType: string;
  /** @default 'AccessDeniedException' */
  readonly accessDeniedErrorType?: string;
  readonly contentType: string;
  /** IAM service prefix named in AccessDenied messages (`dynamodb`, `events`). */
  readonly actionPrefix: string;
}

/** Whether a fault is answered at the protocol level, before (instead of) the operation. */
export function isProtocolFault(fault: Fault | undefined): fault is Fault {
  return (
    fault?.kind === FaultKind.Throttle ||
    fault?.kind === FaultKind.ServerError ||
    fault?.kind === FaultKind.AccessDenied ||
    fault?.kind === FaultKind.NetworkTimeout
  );
}

/**
 * Answers a protocol-level fault of an AWS JSON service after its `delayMs`: throttling (400), a 500, or
 * AccessDenied (400, as JSON services send it), or no answer at all (`network_timeout`). Returns false, doing
 * nothing, for faults the operation handles itself (`build_failed`, `slow_ready`, …).
 */
export function answerJsonFault(
  req: IncomingMessage,
  res: ServerResponse,
  operation: string,
  fault: Fault | undefined,
  shapes: JsonFaultShapes,
): boolean {
  if (!isProtocolFault(fault)) return false;
  if (fault.kind === FaultKind.NetworkTimeout) {
    holdWithoutAnswer(req, res, fault.delayMs);
    return true;
  }
  req.resume();
  setTimeout(() => {
    if (fault.kind === FaultKind.Throttle) {
      sendAwsJsonError(
        res,
        400,
        shapes.throttlingErrorType,
        fault.reason ?? 'Rate exceeded',
        shapes.contentType,
      );
    } else if (fault.kind === FaultKind.ServerError) {
      sendAwsJsonError(
        res,
        500,
        shapes.serverErrorType,
        fault.reason ?? 'The request processing has failed because of an unknown error.',
        shapes.contentType,
      );
    } else {
      sendAwsJsonError(
        res,
        400,
        shapes.accessDeniedErrorType ?? 'AccessDeniedException',
        fault.reason ?? accessDeniedMessage(shapes.actionPrefix, operation),
        shapes.contentType,
      );
    }
  }, fault.delayMs ?? 0);
  return true;
}
