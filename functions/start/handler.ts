import { SFNClient } from '@aws-sdk/client-sfn';
import { ConfigMissingError } from '../lib/errors.js';
import { createPowertools, withPowertools } from '../lib/powertools-handler.js';
import { createStartRun } from './start-run.js';

const tools = createPowertools('agentdrop-start');
const stateMachineArn = process.env.STATE_MACHINE_ARN?.trim();
if (!stateMachineArn) throw new ConfigMissingError('STATE_MACHINE_ARN');
const startRun = createStartRun({
  sfn: new SFNClient({ region: process.env.AWS_REGION }),
  stateMachineArn,
  now: () => new Date(),
});

/** Lambda entry of the starter, target of the drop and redeploy rules (DESIGN §1). */
export const handler = withPowertools(async (event: unknown) => {
  const started = await startRun(event);
  tools.logger.info('run started', { ...started });
  return started;
}, tools);
