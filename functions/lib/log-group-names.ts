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
} as const;
