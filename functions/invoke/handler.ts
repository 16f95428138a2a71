import { readConfig } from '../lib/config.js';
import { createPipelineDeps } from '../lib/pipeline-deps.js';
import { createPowertools, withPowertools } from '../lib/powertools-handler.js';
import { createInvokeFunction } from './invoke-function.js';

const tools = createPowertools('agentdrop-invoke');
const invokeFunction = createInvokeFunction(createPipelineDeps(readConfig(process.env)));

/** Lambda entry of the Invoke function (the smoke test). */
export const handler = withPowertools(invokeFunction, tools);
