import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import { errorLogging } from './error-logging.js';
import { invocationLogging } from './invocation-logging.js';

/** Namespace of agentdrop's CloudWatch metrics. */
const MetricsNamespace = 'agentdrop';

/** The Powertools trio of one function, at module scope so a warm container reuses them. */
export interface Powertools {
  readonly logger: Logger;
  readonly tracer: Tracer;
  readonly metrics: Metrics;
}

export function createPowertools(serviceName: string): Powertools {
  return {
    logger: new Logger({ serviceName }),
    tracer: new Tracer({ serviceName }),
    metrics: new Metrics({ namespace: MetricsNamespace, serviceName }),
  };
}

/**
 * Wraps a handler in the middlewares every agentdrop Lambda uses: X-Ray tracing, the request context and the
 * run's deploy id on every log line, EMF metrics with the cold-start metric, one log line per completed
 * invocation and one per error by name and code.
 */
export function withPowertools<TEvent, TResult>(
  handler: (event: TEvent) => Promise<TResult>,
  tools: Powertools,
) {
  return middy(handler)
    .use(captureLambdaHandler(tools.tracer))
    .use(injectLambdaContext(tools.logger, { resetKeys: true }))
    .use(invocationLogging(tools.logger))
    .use(logMetrics(tools.metrics, { captureColdStartMetric: true }))
    .use(errorLogging(tools.logger));
}
