import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { readConfig } from '../lib/config.js';
import { errorLogging } from '../lib/error-logging.js';
import { createPipelineDeps } from '../lib/pipeline-deps.js';
import { createHarnessFunction } from './harness-function.js';

const logger = new Logger({ serviceName: 'agentdrop-harness' });
const harnessFunction = createHarnessFunction(createPipelineDeps(readConfig(process.env)));

/** Lambda entry of the Harness function (actions `deploy`, `status`, `delete`). */
export const handler = middy(harnessFunction)
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(errorLogging(logger));
