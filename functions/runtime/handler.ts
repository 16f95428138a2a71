import { readConfig } from '../lib/config.js';
import { createPipelineDeps } from '../lib/pipeline-deps.js';
import { createPowertools, withPowertools } from '../lib/powertools-handler.js';
import { createRuntimeFunction } from './runtime-function.js';

const tools = createPowertools('agentdrop-runtime');
const runtimeFunction = createRuntimeFunction(createPipelineDeps(readConfig(process.env)), tools.logger);

/** Lambda entry of the Runtime function (actions `deploy`, `status`, `delete`). */
export const handler = withPowertools(runtimeFunction, tools);
