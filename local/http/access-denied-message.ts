/** The local stack's stand-in for the Lambda or state machine role an AccessDenied names. */
const callerArn = 'arn:aws:sts::000000000000:assumed-role/agentdrop-local/agentdrop';

/** The sentence AWS sends with an AccessDenied for `<actionPrefix>:<operation>`, marked as injected. */
export function accessDeniedMessage(actionPrefix: string, operation: string): string {
  return `User: ${callerArn} is not authorized to perform: ${actionPrefix}:${operation} because no identity-based policy allows the ${actionPrefix}:${operation} action (injected fault)`;
}
