import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { readConfig } from '../lib/config.js';
import { errorLogging } from '../lib/error-logging.js';
import { createPipelineDeps } from '../lib/pipeline-deps.js';
import { createInvokeFunction } from './invoke-function.js';

const logger = new Logger({ serviceName: 'agentdrop-invoke' });
const invokeFunction = createInvokeFunction(createPipelineDeps(readConfig(process.env)));

/** Lambda entry of the Invoke function (the smoke test). */
export const handler = middy(invokeFunction)
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(errorLogging(logger));
