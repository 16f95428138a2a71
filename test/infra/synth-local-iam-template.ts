import { type CfnTemplate, iamTemplateOf } from '../../local/iam/index.js';
import { LocalStack } from '../../local/pipeline/index.js';
import { synthStack } from './synth-stack.js';

/** The IAM part of the stack as the local pipeline is configured (`agentdrop-local`, default props). */
export async function synthLocalIamTemplate(): Promise<CfnTemplate> {
  const { template } = await synthStack({}, { stackName: LocalStack.stackName });
  return iamTemplateOf(template.toJSON() as CfnTemplate);
}
