import { Stack } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { describe, expect, it } from 'vitest';
import { grant } from '../../infra/grant.js';
import { nagFindingsOf, synthDefaultStack } from './synth-stack.js';

describe('AwsSolutions checks', () => {
  describe('on the default stack', () => {
    it('returns no unacknowledged finding', async () => {
      expect((await synthDefaultStack()).findings).toEqual([]);
    });
  });

  describe('on a role with an unacknowledged wildcard', () => {
    it('returns the IAM5 finding (the check can fail)', async () => {
      const findings = await nagFindingsOf((app) => {
        const role = new Role(new Stack(app, 'Probe'), 'Role', {
          assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
        });
        role.addToPolicy(
          new PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::probe/*'] }),
        );
      });
      expect(findings).toEqual([
        {
          ruleName: 'AwsSolutions-IAM5[Resource::arn:aws:s3:::probe/*]',
          paths: ['Probe/Role/DefaultPolicy/Resource'],
        },
      ]);
    });
  });
});

describe('grant', () => {
  describe('when a statement has a wildcard resource and no reason', () => {
    it('fails with UnjustifiedWildcard', () => {
      const role = new Role(new Stack(), 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
      const statement = new PolicyStatement({
        sid: 'Wide',
        actions: ['s3:GetObject'],
        resources: ['arn:aws:s3:::b/*'],
      });
      expect(() => grant(role, statement)).toThrow(expect.objectContaining({ name: 'UnjustifiedWildcard' }));
    });
  });

  describe('when a wildcard comes with a reason', () => {
    it('acknowledges exactly that finding', async () => {
      const findings = await nagFindingsOf((app) => {
        const stack = new Stack(app, 'Probe');
        const role = new Role(stack, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
        grant(
          role,
          new PolicyStatement({
            actions: ['s3:GetObject'],
            resources: [`arn:${stack.partition}:s3:::probe/*`],
          }),
          'Probe objects are named at run time.',
        );
      });
      expect(findings).toEqual([]);
    });
  });
});
