import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { readConfig } from '../lib/config.js';
import { errorLogging } from '../lib/error-logging.js';
import { createPipelineDeps } from '../lib/pipeline-deps.js';
import { createRuntimeFunction } from './runtime-function.js';

const logger = new Logger({ serviceName: 'agentdrop-runtime' });
const runtimeFunction = createRuntimeFunction(createPipelineDeps(readConfig(process.env)));

/** Lambda entry of the Runtime function (actions `deploy`, `status`, `delete`). */
export const handler = middy(runtimeFunction)
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(errorLogging(logger));
