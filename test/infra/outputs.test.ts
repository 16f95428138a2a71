import { beforeAll, describe, expect, it } from 'vitest';
import { StackOutput } from '../../infra/index.js';
import { synthDefaultStack } from './synth-stack.js';

let outputs: Record<string, { Value: unknown }>;
let resources: Record<string, { Type: string }>;

beforeAll(async () => {
  const json = (await synthDefaultStack()).template.toJSON() as {
    Outputs: typeof outputs;
    Resources: typeof resources;
  };
  outputs = json.Outputs;
  resources = json.Resources;
});

function ref(type: string, prefix: string): { Ref: string } {
  const id = Object.keys(resources).find((key) => key.startsWith(prefix) && resources[key]?.Type === type);
  expect(id).toBeDefined();
  return { Ref: id! };
}

describe('AgentDropStack outputs', () => {
  it('returns every value the CLI resolves a stack from', () => {
    expect(Object.keys(outputs).sort()).toEqual(Object.values(StackOutput).sort());
    expect(Object.fromEntries(Object.entries(outputs).map(([name, output]) => [name, output.Value]))).toEqual(
      {
        DropBucketName: ref('AWS::S3::Bucket', 'AgentDropDropBucket'),
        ArtifactsBucketName: ref('AWS::S3::Bucket', 'AgentDropArtifactsBucket'),
        StateMachineArn: ref('AWS::StepFunctions::StateMachine', 'AgentDropDeployStateMachine'),
        TableName: ref('AWS::DynamoDB::Table', 'AgentDropTable'),
        EventBusName: ref('AWS::Events::EventBus', 'AgentDropEventBus'),
        Region: { Ref: 'AWS::Region' },
        SecretPrefix: 'agentdrop/',
      },
    );
  });
});
