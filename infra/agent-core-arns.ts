import { Aws } from 'aws-cdk-lib';
import type { ResolvedAgentDropProps } from './resolve-props.js';

/** AgentCore resource types agentdrop's IAM names (service authorization reference, bedrock-agentcore). */
export type AgentCoreResourceType =
  | 'harness'
  | 'runtime'
  | 'memory'
  | 'workload-identity-directory'
  | 'code-interpreter'
  | 'browser';

/**
 * ARN patterns of one AgentCore resource type in every allowed region. `suffix` defaults to `/*` (any resource
 * of this account); AWS-owned tools (`code-interpreter`, `browser`) live under the `aws` account.
 */
export function agentCoreArns(
  props: Pick<ResolvedAgentDropProps, 'agentCoreRegions' | 'account'>,
  type: AgentCoreResourceType,
  suffix = '/*',
  account: string = props.account,
): string[] {
  return props.agentCoreRegions.map(
    (region) => `arn:${Aws.PARTITION}:bedrock-agentcore:${region}:${account}:${type}${suffix}`,
  );
}
