import { SFNClient } from '@aws-sdk/client-sfn';
import { documentsClient } from '../lib/clients/documents.js';
import { eventsClient } from '../lib/clients/events.js';
import { clientFactory } from '../lib/clients.js';
import { readConfig } from '../lib/config.js';
import { createPowertools, withPowertools } from '../lib/powertools-handler.js';
import { createDeployStore } from '../lib/store/index.js';
import { createFinalizeFunction } from './finalize-run.js';
import { executionHistoryReader } from './read-execution-history.js';

const tools = createPowertools('agentdrop-finalize');
const config = readConfig(process.env);
const client = clientFactory(config);
const finalizeRun = createFinalizeFunction({
  store: createDeployStore({ documents: documentsClient(client), tableName: config.tableName }),
  events: eventsClient({ client }),
  eventBusName: config.eventBusName,
  region: config.region,
  emulated: config.emulated,
  now: () => new Date(),
  readHistory: executionHistoryReader(new SFNClient({ region: config.region })),
});

/** Lambda entry of the lock-release function, target of the execution-status-change rule (DESIGN §7). */
export const handler = withPowertools(async (event: unknown) => {
  const result = await finalizeRun(event);
  tools.logger.info('run finalized', { ...result });
  return result;
}, tools);
