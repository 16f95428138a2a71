import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { AgentDropStack } from './agent-drop-stack.js';
import { ContextKey } from './props-from-context.js';

// Stack name from `-c stackName=…` (default agentdrop), the pipeline's props from the other context keys
// (props-from-context.ts); account and region from the CLI's environment when set, else environment-agnostic.
const app = new App();
const stackName = (app.node.tryGetContext(ContextKey.StackName) as string | undefined) ?? 'agentdrop';
const account = process.env.CDK_DEFAULT_ACCOUNT;
const region = process.env.CDK_DEFAULT_REGION;
new AgentDropStack(app, stackName, {
  ...(account && region ? { env: { account, region } } : {}),
  agentDropFromContext: true,
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
