import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { createClients } from '../lib/clients.js';
import { readConfig } from '../lib/config.js';
import { errorLogging } from '../lib/error-logging.js';
import { createDeployStore } from '../lib/store/index.js';
import { createFinalizeFunction } from './finalize-run.js';

const logger = new Logger({ serviceName: 'agentdrop-finalize' });
const config = readConfig(process.env);
const clients = createClients(config);
const finalizeRun = createFinalizeFunction({
  store: createDeployStore({ documents: clients.documents, tableName: config.tableName }),
  events: clients.events,
  eventBusName: config.eventBusName,
  region: config.region,
  emulated: config.emulated,
  now: () => new Date(),
});

/** Lambda entry of the lock-release function, target of the execution-status-change rule (DESIGN §7). */
export const handler = middy(async (event: unknown) => {
  const result = await finalizeRun(event);
  logger.info('run finalized', { ...result });
  return result;
})
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(errorLogging(logger));
