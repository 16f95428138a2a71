import { Duration, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { grant } from './grant.js';
import { createPipelineFunction } from './pipeline-function.js';
import type { ResolvedAgentDropProps } from './resolve-props.js';

/**
 * The starter: target of the drop and redeploy rules, it starts one execution per trigger named
 * `<project>-<deploy id>` (EventBridge cannot name the executions it starts), so the console lists
 * readable runs. Its only grant is StartExecution of this state machine.
 */
export function createStartFunction(
  scope: Construct,
  props: ResolvedAgentDropProps,
  stateMachine: IStateMachine,
): LambdaFunction {
  const start = createPipelineFunction(scope, 'StartFunction', {
    entry: 'functions/start/handler.ts',
    description: 'agentdrop: starts a deploy run named <project>-<deploy id> for each drop or redeploy event',
    environment: { STATE_MACHINE_ARN: stateMachine.stateMachineArn },
    logRetention: props.logRetention,
    removalPolicy: props.removalPolicy,
    memorySize: 256,
    timeout: Duration.seconds(30),
  });
  grant(
    start,
    new PolicyStatement({
      sid: 'StartDeployRuns',
      actions: ['states:StartExecution'],
      resources: [stateMachine.stateMachineArn],
    }),
  );
  Validations.of(start).acknowledge({
    id: 'AwsSolutions-L1',
    reason:
      'Node.js 22 is the runtime agentdrop is built and tested on (package.json engines); 24 follows the toolchain.',
  });
  return start;
}
