import {
  AccessDeniedException,
  ThrottlingException,
  ValidationException,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { describe, expect, it } from 'vitest';
import { callAgentCore } from '../../../../../functions/lib/agentcore/index.js';

const Account = '111122223333';
const ExecutionRoleArn = `arn:aws:iam::${Account}:role/agentdrop-HarnessExecutionRole-1A2B3C4D5E6F`;
const Caller = `arn:aws:sts::${Account}:assumed-role/agentdrop-HarnessFunctionRole-9Z8Y7X6W5V4U/agentdrop-harness`;
const metadata = { $metadata: { httpStatusCode: 403 } };

/** Runs a create call that fails with `error`, passing the execution role, and returns what it threw. */
async function failingCreate(error: Error): Promise<unknown> {
  return callAgentCore(
    'CreateHarness',
    async () => {
      throw error;
    },
    { executionRoleArn: ExecutionRoleArn },
  ).catch((caught: unknown) => caught);
}

function described(error: unknown): { name: string; code: string | undefined; cause: unknown } {
  const { name, code, cause } = error as { name: string; code?: string; cause?: unknown };
  return { name, code, cause };
}

describe('callAgentCore', () => {
  describe('when the caller is denied an AgentCore action', () => {
    it('throws a terminal AccessDenied (aws.access_denied) although the message names an assumed role', async () => {
      const denial = new AccessDeniedException({
        ...metadata,
        message: `User: ${Caller} is not authorized to perform: bedrock-agentcore:CreateHarness on resource: arn:aws:bedrock-agentcore:us-west-2:${Account}:* because no identity-based policy allows the bedrock-agentcore:CreateHarness action`,
      });
      const error = await failingCreate(denial);
      expect(described(error)).toEqual({ name: 'AccessDenied', code: 'aws.access_denied', cause: denial });
      expect((error as Error).message).toBe(`AWS denied CreateHarness: ${denial.message}`);
    });
  });

  describe('when the caller is denied another action on the execution role', () => {
    it('throws AccessDenied: only PassRole of that role can be propagation', async () => {
      const denial = new AccessDeniedException({
        ...metadata,
        message: `User: ${Caller} is not authorized to perform: iam:GetRole on resource: ${ExecutionRoleArn} with an explicit deny in an identity-based policy`,
      });
      expect(described(await failingCreate(denial))).toMatchObject({ name: 'AccessDenied' });
    });
  });

  describe('when PassRole of the execution role is denied right after the role was created', () => {
    it('throws IamPropagation, which the state machine retries with a bound', async () => {
      const denial = new AccessDeniedException({
        ...metadata,
        message: `User: ${Caller} is not authorized to perform: iam:PassRole on resource: ${ExecutionRoleArn} because no identity-based policy allows the iam:PassRole action`,
      });
      expect(described(await failingCreate(denial))).toEqual({
        name: 'IamPropagation',
        code: undefined,
        cause: denial,
      });
    });
  });

  describe('when the service cannot assume the execution role yet', () => {
    it('throws IamPropagation', async () => {
      const refusal = new ValidationException({
        $metadata: { httpStatusCode: 400 },
        message: `Role validation failed for '${ExecutionRoleArn}': its trust policy does not allow bedrock-agentcore.amazonaws.com to assume it.`,
        reason: 'FieldValidationFailed',
      });
      expect(described(await failingCreate(refusal))).toMatchObject({ name: 'IamPropagation' });
    });
  });

  describe('when the refusal names another role or the call passes no role', () => {
    it('keeps a ValidationException as it is and reads an AccessDenied as AccessDenied', async () => {
      const otherRole = new ValidationException({
        $metadata: { httpStatusCode: 400 },
        message: `Role validation failed for 'arn:aws:iam::${Account}:role/someone-else': cannot assume it.`,
        reason: 'FieldValidationFailed',
      });
      expect(await failingCreate(otherRole)).toBe(otherRole);
      const denial = new AccessDeniedException({
        ...metadata,
        message: `User: ${Caller} is not authorized to perform: iam:PassRole on resource: ${ExecutionRoleArn}`,
      });
      const withoutRole = await callAgentCore('UpdateHarness', async () => {
        throw denial;
      }).catch((caught: unknown) => caught);
      expect(described(withoutRole)).toMatchObject({ name: 'AccessDenied' });
    });
  });

  describe('when AgentCore throttles', () => {
    it('throws AgentCoreThrottled', async () => {
      const throttled = new ThrottlingException({
        $metadata: { httpStatusCode: 429 },
        message: 'Rate exceeded',
      });
      expect(described(await failingCreate(throttled))).toEqual({
        name: 'AgentCoreThrottled',
        code: undefined,
        cause: throttled,
      });
    });
  });
});
