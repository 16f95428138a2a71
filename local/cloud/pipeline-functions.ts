import { LocalResourceNames } from './local-physical-names.js';

/**
 * The pipeline's functions as the stack names them (`AgentDrop<name>` constructs). On the local cloud each signs
 * every call with its name as the access key id, so IAM can be evaluated as its role.
 */
const PipelineFunctionNames = [
  'PlanFunction',
  'HarnessFunction',
  'RuntimeFunction',
  'InvokeFunction',
] as const;
export type PipelineFunctionName = (typeof PipelineFunctionNames)[number];

/** The access key id the local runner's service integrations sign with: the state machine's role. */
export const StateMachinePrincipal = 'StateMachine';

/** The access key id of the local runner's finaliser, which is the finalize function on AWS. */
export const FinalizerPrincipal = 'FinalizeFunction';

/** Every principal the local cloud evaluates, by access key id, and the role construct it stands for. */
export const LocalPrincipals: Readonly<Record<string, string>> = {
  ...Object.fromEntries(PipelineFunctionNames.map((name) => [name, name])),
  [FinalizerPrincipal]: FinalizerPrincipal,
  [StateMachinePrincipal]: 'DeployStateMachine',
  // A runtime container signs its AWS calls with its execution role's name (the AgentCore emulator's launch).
  [LocalResourceNames.harnessExecutionRole]: 'HarnessExecution',
  [LocalResourceNames.runtimeExecutionRole]: 'RuntimeExecution',
};

/** SDK credentials naming a local principal (its secret is its name; s3rver checks the pair). */
export function principalCredentials(principal: string): { accessKeyId: string; secretAccessKey: string } {
  return { accessKeyId: principal, secretAccessKey: principal };
}
