import { readFileSync } from 'node:fs';
import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { synthDefaultStack } from './synth-stack.js';

type Statement = { Sid?: string; Action: string | string[]; Resource: unknown; Condition?: unknown };

let template: Template;
let project: { Properties: Record<string, unknown> };
let projectId: string;

beforeAll(async () => {
  template = (await synthDefaultStack()).template;
  [projectId, project] = Object.entries(template.findResources('AWS::CodeBuild::Project'))[0] as [
    string,
    typeof project,
  ];
});

function buildStatements(): Statement[] {
  const role = (project.Properties.ServiceRole as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((policy) => JSON.stringify(policy.Properties.Roles) === JSON.stringify([{ Ref: role }]))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
}

const repositories = {
  'Fn::Join': [
    '',
    [
      'arn:',
      { Ref: 'AWS::Partition' },
      ':ecr:',
      { Ref: 'AWS::Region' },
      ':',
      { Ref: 'AWS::AccountId' },
      ':repository/agentdrop/*',
    ],
  ],
};

describe('createBuildProject', () => {
  it('builds on an ARM container, privileged, with the AL2023 aarch64 standard 3.0 image and the 30-minute timeout', () => {
    expect(project.Properties).toMatchObject({
      Environment: {
        Type: 'ARM_CONTAINER',
        Image: 'aws/codebuild/amazonlinux-aarch64-standard:3.0',
        ComputeType: 'BUILD_GENERAL1_MEDIUM',
        PrivilegedMode: true,
      },
      TimeoutInMinutes: 30,
      Artifacts: { Type: 'NO_ARTIFACTS' },
    });
  });

  it('reads an S3 source in the artifacts bucket with buildspecs/runtime-image.yml as its buildspec', () => {
    const source = project.Properties.Source as { Type: string; Location: unknown; BuildSpec: string };
    const artifacts = Object.keys(template.findResources('AWS::S3::Bucket')).find((id) =>
      id.startsWith('AgentDropArtifactsBucket'),
    );
    expect(source.Type).toBe('S3');
    expect(source.Location).toEqual({ 'Fn::Join': ['', [{ Ref: artifacts }, '/builds/']] });
    const file = readFileSync(new URL('../../buildspecs/runtime-image.yml', import.meta.url), 'utf8');
    expect(parse(source.BuildSpec)).toEqual(parse(file));
  });

  it('sets the project-level variables the buildspec requires', () => {
    const variables = (
      project.Properties.Environment as { EnvironmentVariables: { Name: string; Value: unknown }[] }
    ).EnvironmentVariables;
    const cache = Object.keys(template.findResources('AWS::ECR::Repository'))[0];
    expect(Object.fromEntries(variables.map((variable) => [variable.Name, variable.Value]))).toEqual({
      ECR_REGISTRY: {
        'Fn::Join': [
          '',
          [{ Ref: 'AWS::AccountId' }, '.dkr.ecr.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }],
        ],
      },
      CACHE_REPO_NAME: { Ref: cache },
      STACK_NAME: 'agentdrop',
      ECR_LIFECYCLE_POLICY: JSON.stringify({
        rules: [
          {
            rulePriority: 1,
            description: 'Keep the newest 20 images',
            selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 20 },
            action: { type: 'expire' },
          },
        ],
      }),
    });
    expect(variables.every((variable) => (variable as { Type?: string }).Type === 'PLAINTEXT')).toBe(true);
  });

  it("may create repositories only under agentdrop/ and only with this stack's ownership tag", () => {
    const create = buildStatements().find((statement) => statement.Sid === 'CreateOwnedRepositories');
    expect(create).toEqual({
      Sid: 'CreateOwnedRepositories',
      Effect: 'Allow',
      Action: ['ecr:CreateRepository', 'ecr:TagResource'],
      Resource: repositories,
      Condition: { StringEquals: { 'aws:RequestTag/agentdrop:stack': 'agentdrop' } },
    });
    const push = buildStatements().find((statement) => statement.Sid === 'PushImages');
    expect(push?.Resource).toEqual(repositories);
    expect(push?.Action).toContain('ecr:PutImage');
  });

  it('reads build contexts under builds/ only', () => {
    const read = buildStatements().find((statement) => statement.Sid === 'ReadBuildContexts');
    expect(read?.Action).toEqual(['s3:GetObject', 's3:GetObjectVersion']);
    expect(JSON.stringify(read?.Resource)).toContain('/builds/*');
  });
});

describe('the build cache repository', () => {
  it('is a separate mutable repository that expires untagged layers', () => {
    const repositories = Object.values(template.findResources('AWS::ECR::Repository'));
    expect(repositories).toHaveLength(1);
    expect(repositories[0]?.Properties).toMatchObject({
      ImageTagMutability: 'MUTABLE',
      LifecyclePolicy: { LifecyclePolicyText: expect.stringContaining('"tagStatus":"untagged"') },
    });
    expect(projectId).toMatch(/^AgentDropImageBuild/);
  });
});
