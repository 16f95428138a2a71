/**
 * The pipeline's functions as the stack names them (`AgentDrop<name>` constructs). On the local cloud each signs
 * its AgentCore calls with its name as the access key id, so IAM can be evaluated as its role.
 */
export const PipelineFunctionNames = [
  'PlanFunction',
  'HarnessFunction',
  'RuntimeFunction',
  'InvokeFunction',
] as const;
export type PipelineFunctionName = (typeof PipelineFunctionNames)[number];
