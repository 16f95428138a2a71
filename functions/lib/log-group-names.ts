/**
 * The CloudWatch Logs groups AWS writes agentdrop's logs to, named in one place for the CLI (`agentdrop logs`)
 * and the local cloud's emulators, which write where AWS would.
 */
export const LogGroupNames = {
  /** A Lambda function's default group (the local cloud's pipeline functions write here). */
  lambda: (functionName: string): string => `/aws/lambda/${functionName}`,
  /** A CodeBuild project's default group. */
  codeBuild: (projectName: string): string => `/aws/codebuild/${projectName}`,
  /**
   * An AgentCore runtime endpoint's application logs: `/aws/bedrock-agentcore/runtimes/<runtimeId>-<endpoint>`
   * (the group AgentCore creates for the stdout/stderr of the runtime's containers).
   */
  runtime: (runtimeId: string, endpointName: string): string =>
    `${LogGroupNames.runtimePrefix(runtimeId)}${endpointName}`,
  /** The prefix of every endpoint group of a runtime. */
  runtimePrefix: (runtimeId: string): string => `/aws/bedrock-agentcore/runtimes/${runtimeId}-`,
  /**
   * A harness endpoint's logs, by analogy with runtimes (`/aws/bedrock-agentcore/harnesses/<harnessId>-<endpoint>`):
   * agentcore-api.md documents no harness log group.
   */
  harness: (harnessId: string, endpointName: string): string =>
    `${LogGroupNames.harnessPrefix(harnessId)}${endpointName}`,
  /** The prefix of every endpoint group of a harness. */
  harnessPrefix: (harnessId: string): string => `/aws/bedrock-agentcore/harnesses/${harnessId}-`,
  /**
   * The stack's group for every agent's delivered logs of one type (`application` or `usage`); a vendedlogs
   * path, so the delivery's resource policy stays small (aws-practices §Step Functions logs).
   */
  agentLogs: (stackName: string, kind: AgentLogKind): string =>
    `/aws/vendedlogs/bedrock-agentcore/${stackName}/${kind}`,
  /** The stack's delivery destination writing to {@link LogGroupNames.agentLogs}. */
  agentLogDestination: (stackName: string, kind: AgentLogKind): string => `${stackName}-agent-${kind}`,
  /** The stack's XRAY delivery destination for agents' TRACES (their spans land in {@link LogGroupNames.spans}). */
  agentTraceDestination: (stackName: string): string => `${stackName}-agent-traces`,
  /** The group CloudWatch Transaction Search stores spans in (one JSON event per span). */
  spans: 'aws/spans',
  /** The one stream of {@link LogGroupNames.spans} Transaction Search writes. */
  spansStream: 'default',
} as const;

/** The kinds of agent logs the stack delivers: AgentCore's APPLICATION_LOGS and USAGE_LOGS. */
export type AgentLogKind = 'application' | 'usage';
