/** The SDK app id internal clients of the local cloud set (`userAgentAppId`, `AWS_SDK_UA_APP_ID`). */
export const InternalCaller = {
  /** The AgentCore emulator's harness agent reading its skills from S3. */
  Harness: 'agentdrop-harness',
  /** A runtime container of the AgentCore emulator (secrets, data plane). */
  Runtime: 'agentdrop-runtime',
} as const;
export type InternalCaller = (typeof InternalCaller)[keyof typeof InternalCaller];

/**
 * Who sent a request, from the SDK's `user-agent` (`… app/<id>`): the app id of an emulator-internal
 * client, or null for any other client (the pipeline's Lambdas, the runner, tests).
 */
export function callerOf(headers: Readonly<Record<string, string | string[] | undefined>>): string | null {
  const agent = [headers['x-amz-user-agent'], headers['user-agent']].flat().join(' ');
  const appId = / app\/([^\s]+)/.exec(` ${agent}`)?.[1];
  return appId?.startsWith('agentdrop-') ? appId : null;
}
