import { readConfig } from '../lib/config.js';
import { createPipelineDeps } from '../lib/pipeline-deps.js';
import { createPowertools, withPowertools } from '../lib/powertools-handler.js';
import { createPlanFunction } from './plan-function.js';

const tools = createPowertools('agentdrop-plan');
const planFunction = createPlanFunction(createPipelineDeps(readConfig(process.env)));

/** Lambda entry of the Plan function (actions `plan` and `record`). */
export const handler = withPowertools(planFunction, tools);
