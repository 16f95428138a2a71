/**
 * What the Lambda bundles read when they are imported (readConfig's variables, the starter's
 * STATE_MACHINE_ARN), with placeholder values: importing a bundle outside Lambda needs them.
 */
export const HandlerImportEnvironment = {
  TABLE_NAME: 'agentdrop',
  DROP_BUCKET: 'drops',
  ARTIFACTS_BUCKET: 'artifacts',
  EVENT_BUS_NAME: 'agentdrop',
  SECRET_PREFIX: 'agentdrop/',
  STACK_NAME: 'agentdrop',
  HARNESS_ROLE_ARN: 'arn:aws:iam::123456789012:role/harness',
  RUNTIME_ROLE_ARN: 'arn:aws:iam::123456789012:role/runtime',
  STATE_MACHINE_ARN: 'arn:aws:states:us-west-2:123456789012:stateMachine:agentdrop-deploy',
  AWS_REGION: 'us-west-2',
} as const;
