import type { Logger } from '@aws-lambda-powertools/logger';
import type { MiddlewareObj } from '@middy/core';
import { InvocationCompletedMessage, invocationKeys } from './invocation-keys.js';

/**
 * Puts the invocation's correlation keys (action, project, deploy id) on every log line of the invocation, and
 * logs one line when it completes, with the deploy id its result names (the Plan function chooses it).
 * Follows `injectLambdaContext`, whose `resetKeys` drops the keys after each invocation.
 */
export function invocationLogging(logger: Logger): MiddlewareObj {
  return {
    before: async (request) => {
      logger.appendKeys({ ...invocationKeys(request.event) });
    },
    after: async (request) => {
      logger.info(InvocationCompletedMessage, { ...invocationKeys(request.event, request.response) });
    },
  };
}
