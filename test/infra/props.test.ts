import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, type AppProps, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import { ComputeType } from 'aws-cdk-lib/aws-codebuild';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentDropProps, AgentDropStack } from '../../infra/index.js';
import { synthStack } from './synth-stack.js';

/** Apps synthesize into temporary directories that are removed after the file (CDK's default leaves them). */
const outdirs: string[] = [];
function newApp(props: AppProps = {}): App {
  const outdir = mkdtempSync(join(tmpdir(), 'agentdrop-cdk-props-'));
  outdirs.push(outdir);
  return new App({ ...props, outdir });
}
afterAll(() => {
  for (const dir of outdirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function construct(agentDrop: AgentDropProps): () => AgentDropStack {
  return () =>
    new AgentDropStack(newApp({ context: { 'aws:cdk:bundling-stacks': [] } }), 'agentdrop', { agentDrop });
}

describe('AgentDrop props', () => {
  describe('when a prop is out of range', () => {
    it.each([
      [{ agentCoreRegions: [] }, 'props.agentCoreRegions'],
      [{ agentCoreRegions: ['mars-1'] }, 'props.agentCoreRegions'],
      [{ secretPrefix: 'bad prefix' }, 'props.secretPrefix'],
      [{ defaultModel: ' ' }, 'props.defaultModel'],
      [{ eventBusName: 'default' }, 'props.eventBusName'],
      [{ buildTimeout: Duration.minutes(2) }, 'props.buildTimeout'],
      [{ buildTimeout: Duration.hours(9) }, 'props.buildTimeout'],
      [{ noncurrentVersionRetentionDays: 0 }, 'props.noncurrentVersionRetentionDays'],
      [{ imagesPerRepository: 1.5 }, 'props.imagesPerRepository'],
      [{ eventArchiveRetention: Duration.hours(1) }, 'props.eventArchiveRetention'],
    ] as [AgentDropProps, string][])('fails with InvalidAgentDropProps %j', (props, code) => {
      expect(construct(props)).toThrow(expect.objectContaining({ name: 'InvalidAgentDropProps', code }));
    });
  });

  describe('when every prop is set', () => {
    let template: Template;

    beforeAll(async () => {
      template = (
        await synthStack({
          env: { account: '123456789012', region: 'eu-central-1' },
          agentDrop: {
            agentCoreRegions: ['eu-central-1', 'us-west-2'],
            secretPrefix: 'team-a/',
            defaultModel: 'claude-sonnet-4-5',
            eventBusName: 'team-a-agents',
            codeBuildComputeType: ComputeType.LARGE,
            buildTimeout: Duration.minutes(45),
            logRetention: RetentionDays.ONE_WEEK,
            noncurrentVersionRetentionDays: 7,
            imagesPerRepository: 5,
            eventArchiveRetention: Duration.days(30),
            removalPolicy: RemovalPolicy.DESTROY,
            alarmTopic: Topic.fromTopicArn(
              new Stack(newApp()),
              'Topic',
              'arn:aws:sns:eu-central-1:123456789012:alarms',
            ),
          },
        })
      ).template;
    });

    it('applies them to the resources', () => {
      template.hasResourceProperties('AWS::CodeBuild::Project', {
        Environment: { ComputeType: 'BUILD_GENERAL1_LARGE' },
        TimeoutInMinutes: 45,
      });
      template.hasResourceProperties('AWS::Events::EventBus', { Name: 'team-a-agents' });
      template.hasResourceProperties('AWS::Events::Archive', { RetentionDays: 30 });
      template.hasResourceProperties('AWS::Logs::LogGroup', {
        LogGroupName: '/aws/vendedlogs/states/agentdrop-deploy',
        RetentionInDays: 7,
      });
      template.hasResourceProperties('AWS::Lambda::Function', {
        Environment: {
          Variables: {
            SECRET_PREFIX: 'team-a/',
            DEFAULT_MODEL: 'claude-sonnet-4-5',
            AGENT_CORE_REGIONS: 'eu-central-1,us-west-2',
          },
        },
      });
      const table = Object.values(template.findResources('AWS::DynamoDB::Table'))[0];
      expect(table?.DeletionPolicy).toBe('Delete');
      expect(table?.Properties.DeletionProtectionEnabled).toBe(false);
      const buckets = Object.values(template.findResources('AWS::S3::Bucket'));
      expect(buckets.map((bucket) => bucket.DeletionPolicy)).toEqual(['Delete', 'Delete', 'Delete']);
    });

    it('notifies the alarm topic from both alarms', () => {
      const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));
      expect(alarms.map((alarm) => alarm.Properties.AlarmActions)).toEqual([
        ['arn:aws:sns:eu-central-1:123456789012:alarms'],
        ['arn:aws:sns:eu-central-1:123456789012:alarms'],
      ]);
    });

    it('scopes IAM to the secret prefix and every AgentCore region', () => {
      const policies = JSON.stringify(template.findResources('AWS::IAM::Policy'));
      expect(policies).toContain(':secret:team-a/*');
      expect(policies).not.toContain(':secret:agentdrop/*');
      expect(policies).toContain(':bedrock-agentcore:us-west-2:123456789012:runtime/*');
      expect(policies).toContain(':bedrock-agentcore:eu-central-1:123456789012:harness/*');
    });
  });

  describe('when read from CDK context', () => {
    it('returns the settings the context keys name', () => {
      const app = newApp({
        context: {
          'aws:cdk:bundling-stacks': [],
          agentCoreRegions: 'us-east-1, us-west-2',
          secretPrefix: 'ops/',
          codeBuildComputeType: 'large',
          buildTimeoutMinutes: '60',
          logRetentionDays: '7',
          removalPolicy: 'destroy',
          agentTraces: 'false',
        },
      });
      const { settings } = new AgentDropStack(app, 'agentdrop', { agentDropFromContext: true }).agentDrop;
      expect({
        agentTraces: settings.agentTraces,
        regions: settings.agentCoreRegions,
        secretPrefix: settings.secretPrefix,
        compute: settings.codeBuildComputeType,
        buildMinutes: settings.buildTimeout.toMinutes(),
        logRetention: settings.logRetention,
        removalPolicy: settings.removalPolicy,
      }).toEqual({
        agentTraces: false,
        regions: ['us-east-1', 'us-west-2'],
        secretPrefix: 'ops/',
        compute: ComputeType.LARGE,
        buildMinutes: 60,
        logRetention: RetentionDays.ONE_WEEK,
        removalPolicy: RemovalPolicy.DESTROY,
      });
    });

    it('fails with InvalidAgentDropProps for an agentTraces that is not true or false', () => {
      const app = newApp({ context: { agentTraces: 'yes' } });
      expect(() => new AgentDropStack(app, 'agentdrop', { agentDropFromContext: true })).toThrow(
        expect.objectContaining({ name: 'InvalidAgentDropProps', code: 'props.agentTraces' }),
      );
    });

    it('fails with InvalidAgentDropProps for an unknown compute type', () => {
      const app = newApp({ context: { codeBuildComputeType: 'HUGE' } });
      expect(() => new AgentDropStack(app, 'agentdrop', { agentDropFromContext: true })).toThrow(
        expect.objectContaining({ name: 'InvalidAgentDropProps', code: 'props.codeBuildComputeType' }),
      );
    });
  });
});
