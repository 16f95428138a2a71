import { readFileSync } from 'node:fs';
import { Aws, Validations } from 'aws-cdk-lib';
import type { Project } from 'aws-cdk-lib/aws-codebuild';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import type { PipelineFunctions } from './create-functions.js';
import { acknowledgeWildcards } from './grant.js';
import { repositoryRoot } from './pipeline-function.js';
import type { ResolvedAgentDropProps } from './resolve-props.js';
import { runBudget } from './run-budget.js';

/** What the state machine's Tasks call. */
export interface StateMachineResources {
  readonly functions: PipelineFunctions;
  readonly table: ITable;
  readonly bus: IEventBus;
  readonly buildProject: Project;
  readonly artifactsBucket: IBucket;
}

/** The deploy state machine's definition file, relative to the repository root. */
export const DefinitionFile = 'statemachine/deploy.asl.json';

/** The managed rule Step Functions creates to learn that a `startBuild.sync` build finished. */
const CodeBuildSyncRule = 'StepFunctionsGetEventForCodeBuildStartBuildRule';

/**
 * Creates the Standard state machine from `statemachine/deploy.asl.json` with its `${Placeholders}` filled in
 * (docs/state-machine.md §1), logging ALL to a vended log group and X-Ray tracing. `fromFile` grants nothing
 * (aws-practices §2.10), so every integration's permission is granted here explicitly.
 */
export function createStateMachine(
  scope: Construct,
  props: ResolvedAgentDropProps,
  resources: StateMachineResources,
): StateMachine {
  const { functions, table, bus, buildProject, artifactsBucket } = resources;
  const name = `${props.stackName}-deploy`;
  const logGroup = new LogGroup(scope, 'StateMachineLogs', {
    // Under /aws/vendedlogs/ the 5,120-character CloudWatch Logs resource-policy limit does not apply.
    logGroupName: `/aws/vendedlogs/states/${name}`,
    retention: props.logRetention,
    removalPolicy: props.removalPolicy,
  });
  const stateMachine = new StateMachine(scope, 'DeployStateMachine', {
    stateMachineName: name,
    stateMachineType: StateMachineType.STANDARD,
    definitionBody: DefinitionBody.fromString(budgetedDefinition(props)),
    definitionSubstitutions: {
      PlanFunctionArn: functions.plan.functionArn,
      HarnessFunctionArn: functions.harness.functionArn,
      RuntimeFunctionArn: functions.runtime.functionArn,
      InvokeFunctionArn: functions.invoke.functionArn,
      TableName: table.tableName,
      EventBusName: bus.eventBusName,
      BuildProjectName: buildProject.projectName,
      ArtifactsBucket: artifactsBucket.bucketName,
    },
    logs: { destination: logGroup, level: LogLevel.ALL, includeExecutionData: true },
    tracingEnabled: true,
  });

  // lambda:invoke Tasks.
  for (const fn of [functions.plan, functions.harness, functions.runtime, functions.invoke]) {
    fn.grantInvoke(stateMachine);
    acknowledgeWildcards(
      stateMachine,
      { resources: [`${fn.functionArn}:*`] },
      "grantInvoke also allows the function's versions and aliases (`<arn>:*`); the Tasks call the unqualified ARN.",
    );
  }
  // AcquireLock / QueueDrop (updateItem) and ReleaseLock* (deleteItem) on the lock items.
  stateMachine.addToRolePolicy(
    new PolicyStatement({
      sid: 'LockItems',
      actions: ['dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
      resources: [table.tableArn],
    }),
  );
  // Publish* (events:putEvents) on the agentdrop bus.
  bus.grantPutEventsTo(stateMachine);
  // BuildImage (codebuild:startBuild.sync): the build, and the managed rule that reports its completion.
  stateMachine.addToRolePolicy(
    new PolicyStatement({
      sid: 'RunImageBuild',
      actions: [
        'codebuild:StartBuild',
        'codebuild:StopBuild',
        'codebuild:BatchGetBuilds',
        'codebuild:BatchGetReports',
      ],
      resources: [buildProject.projectArn],
    }),
  );
  stateMachine.addToRolePolicy(
    new PolicyStatement({
      sid: 'CodeBuildSyncRule',
      actions: ['events:PutTargets', 'events:PutRule', 'events:DescribeRule'],
      resources: [`arn:${Aws.PARTITION}:events:${props.region}:${props.account}:rule/${CodeBuildSyncRule}`],
    }),
  );

  Validations.of(stateMachine).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'Log delivery (logs:*LogDelivery, PutResourcePolicy, Describe*) and X-Ray actions have no resource-level permissions.',
  });
  return stateMachine;
}

/**
 * The definition file with the execution and build-task timeouts of this stack's build timeout (infra/run-budget.ts);
 * the file itself carries the values of the default 30-minute build, which the local runner uses.
 */
export function budgetedDefinition(props: Pick<ResolvedAgentDropProps, 'buildTimeout'>): string {
  const definition = JSON.parse(readFileSync(`${repositoryRoot}${DefinitionFile}`, 'utf8'));
  const budget = runBudget(props.buildTimeout);
  definition.TimeoutSeconds = budget.executionSeconds;
  definition.States.BuildImage.TimeoutSeconds = budget.buildTaskSeconds;
  return JSON.stringify(definition, null, 2);
}
