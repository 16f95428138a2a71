import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { AgentDrop } from './agent-drop.js';
import type { AgentDropProps } from './agent-drop-props.js';
import { propsFromContext } from './props-from-context.js';

/** Properties of {@link AgentDropStack}. */
export interface AgentDropStackProps extends StackProps {
  /** Configuration of the pipeline. @default every {@link AgentDropProps} default */
  readonly agentDrop?: AgentDropProps;
  /**
   * Read the configuration from CDK context keys (`ContextKey`); explicit `agentDrop` values win.
   * @default false
   */
  readonly agentDropFromContext?: boolean;
}

/** Names of the stack outputs the CLI reads (`--stack NAME`). */
export const StackOutput = {
  DropBucketName: 'DropBucketName',
  ArtifactsBucketName: 'ArtifactsBucketName',
  StateMachineArn: 'StateMachineArn',
  TableName: 'TableName',
  EventBusName: 'EventBusName',
  Region: 'Region',
  SecretPrefix: 'SecretPrefix',
} as const;
export type StackOutput = (typeof StackOutput)[keyof typeof StackOutput];

/** The agentdrop stack: the {@link AgentDrop} construct plus the outputs the CLI resolves its targets from. */
export class AgentDropStack extends Stack {
  /** The pipeline. */
  public readonly agentDrop: AgentDrop;

  constructor(scope: Construct, id: string, props: AgentDropStackProps = {}) {
    super(scope, id, {
      description:
        'agentdrop: drop a zipped agent folder into S3, get a live Amazon Bedrock AgentCore agent.',
      ...stackPropsOf(props),
    });
    this.agentDrop = new AgentDrop(this, 'AgentDrop', {
      ...(props.agentDropFromContext ? propsFromContext(this, this) : {}),
      ...props.agentDrop,
    });
    const outputs: Record<StackOutput, { value: string; description: string }> = {
      DropBucketName: {
        value: this.agentDrop.dropBucket.bucketName,
        description: 'Upload drops/<project>.zip here.',
      },
      ArtifactsBucketName: {
        value: this.agentDrop.artifactsBucket.bucketName,
        description: 'Plans, build contexts and skill bundles.',
      },
      StateMachineArn: {
        value: this.agentDrop.stateMachine.stateMachineArn,
        description: 'The deploy state machine.',
      },
      TableName: {
        value: this.agentDrop.table.tableName,
        description: 'State, locks, receipts and dedupe items.',
      },
      EventBusName: {
        value: this.agentDrop.eventBus.eventBusName,
        description: 'Outcome events; put Redeploy Requested here.',
      },
      Region: { value: this.region, description: 'Region of the stack.' },
      SecretPrefix: {
        value: this.agentDrop.settings.secretPrefix,
        description: 'Prefix of the Secrets Manager names drops may reference.',
      },
    };
    for (const [name, output] of Object.entries(outputs)) new CfnOutput(this, name, output);
  }
}

function stackPropsOf(props: AgentDropStackProps): StackProps {
  const { agentDrop: _agentDrop, agentDropFromContext: _fromContext, ...stackProps } = props;
  return stackProps;
}
