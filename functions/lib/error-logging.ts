import type { Logger } from '@aws-lambda-powertools/logger';
import type { MiddlewareObj } from '@middy/core';
import { codedMessage } from './coded-message.js';

/**
 * Logs a handler's error by name and code before Lambda reports it to Step Functions (STYLE §2.6): never the
 * event, never a secret value. The dotted code then leads the message Lambda reports ({@link codedMessage}).
 */
export function errorLogging(logger: Logger): MiddlewareObj {
  return {
    onError: async (request) => {
      const error = request.error as (Error & { code?: string; context?: unknown }) | null;
      if (error) {
        logger.error('handler failed', {
          code: error.code ?? error.name,
          // `message` is a reserved key: Powertools would drop it (with a warning line of its own).
          error: error.message,
          context: error.context,
        });
        error.message = codedMessage(error);
      }
    },
  };
}
