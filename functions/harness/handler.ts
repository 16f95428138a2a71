import { readConfig } from '../lib/config.js';
import { createPipelineDeps } from '../lib/pipeline-deps.js';
import { createPowertools, withPowertools } from '../lib/powertools-handler.js';
import { createHarnessFunction } from './harness-function.js';

const tools = createPowertools('agentdrop-harness');
const harnessFunction = createHarnessFunction(createPipelineDeps(readConfig(process.env)), tools.logger);

/** Lambda entry of the Harness function (actions `deploy`, `status`, `delete`). */
export const handler = withPowertools(harnessFunction, tools);
