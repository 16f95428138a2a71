import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { readConfig } from '../lib/config.js';
import { errorLogging } from '../lib/error-logging.js';
import { createPipelineDeps } from '../lib/pipeline-deps.js';
import { createPlanFunction } from './plan-function.js';

const logger = new Logger({ serviceName: 'agentdrop-plan' });
const planFunction = createPlanFunction(createPipelineDeps(readConfig(process.env)));

/** Lambda entry of the Plan function (actions `plan` and `record`). */
export const handler = middy(planFunction)
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(errorLogging(logger));
