import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateEventDetail } from '../../../functions/lib/event-schemas.js';
import type { CfnTemplate } from '../../../local/iam/index.js';
import { LocalStack as LocalStackNames } from '../../../local/pipeline/index.js';
import { synthStack } from '../../infra/synth-stack.js';
import { checkInvariantsAfterEach } from '../../support/check-invariants-after-each.js';
import { dropFiles, type LocalStack, startLocalStack } from '../../support/local-stack.js';
import { withoutGrant } from '../../support/without-grant.js';

const single = join(import.meta.dirname, '../../../examples/single');
const failedData = (detail: unknown) =>
  (detail as { data: { errorCode: string; message: string; failedState: string | null } }).data;

let template: CfnTemplate;
beforeAll(async () => {
  // The stack as the local pipeline is configured (`agentdrop-local`): its tag conditions name that stack.
  const { template: synthesized } = await synthStack({}, { stackName: LocalStackNames.stackName });
  template = synthesized.toJSON() as CfnTemplate;
}, 60_000);

describe('the pipeline on a local cloud that enforces the stack’s IAM', () => {
  let stack: LocalStack;
  // Every run of every test holds the run invariants (docs/state-machine.md §8).
  checkInvariantsAfterEach(() => stack);
  beforeAll(async () => {
    stack = await startLocalStack({ iam: { template } });
    await stack.putSecret('DOCS_TOKEN', 'canary-docs-token-5e81');
  });
  afterAll(() => stack.stop());

  it('deploys examples/single as a harness with the stack’s real grants', async () => {
    const [run] = await stack.drop('single', single);
    expect(run!.status).toBe('SUCCEEDED');
    expect(run!.events.map((event) => event.detailType)).toContain('Deploy Succeeded');
    const calls = stack.cloud.agentcore.calls();
    expect(calls.filter((call) => call.errorType === 'AccessDeniedException')).toEqual([]);
    // The harness was created, read and invoked under IAM evaluation.
    expect(calls.map((call) => call.operation)).toEqual(
      expect.arrayContaining(['CreateHarness', 'GetHarness', 'InvokeHarness']),
    );
  });
});

describe('the pipeline when the harness function lacks the paired CreateAgentRuntime grant', () => {
  let stack: LocalStack;
  checkInvariantsAfterEach(() => stack);
  beforeAll(async () => {
    stack = await startLocalStack({
      iam: { template: withoutGrant(template, 'HarnessFunction', 'bedrock-agentcore:CreateAgentRuntime') },
    });
    await stack.putSecret('DOCS_TOKEN', 'canary-docs-token-5e81');
  });
  afterAll(() => stack.stop());

  it('fails the deploy with aws.access_denied naming the missing action', async () => {
    const [run] = await stack.drop('single', single);
    expect(run!.status).toBe('FAILED');
    const failed = run!.events.find((event) => event.detailType === 'Deploy Failed')!;
    expect(validateEventDetail('Deploy Failed', failed.detail).ok).toBe(true);
    expect(failedData(failed.detail).errorCode).toBe('aws.access_denied');
    expect(failedData(failed.detail).message).toContain(
      'is not authorized to perform: bedrock-agentcore:CreateAgentRuntime on resource: * because no identity-based policy allows',
    );
    const denied = stack.cloud.agentcore.calls().filter((call) => call.errorType === 'AccessDeniedException');
    expect(denied.map((call) => [call.operation, call.status])).toEqual([['CreateHarness', 403]]);
    expect(await stack.store.locks.getLock('single')).toBeNull();
  });
});

describe('the pipeline when the plan function may not read drop versions', () => {
  let stack: LocalStack;
  checkInvariantsAfterEach(() => stack);
  beforeAll(async () => {
    stack = await startLocalStack({
      iam: { template: withoutGrant(template, 'PlanFunction', 's3:GetObjectVersion', 'DropBucket') },
    });
  });
  afterAll(() => stack.stop());

  it('fails the run at Plan with S3’s AccessDenied naming the action and the drop', async () => {
    const [run] = await stack.drop('single', single);
    expect(run!.status).toBe('FAILED');
    const failed = run!.events.find((event) => event.detailType === 'Deploy Failed')!;
    expect(failedData(failed.detail).failedState).toBe('Plan');
    expect(failedData(failed.detail).message).toMatch(
      /is not authorized to perform: s3:GetObjectVersion on resource: "arn:aws:s3:::agentdrop-drops\/drops\/single\.zip" because no identity-based policy allows/,
    );
  });
});

describe('the pipeline when the state machine may not invoke the plan function', () => {
  let stack: LocalStack;
  checkInvariantsAfterEach(() => stack);
  beforeAll(async () => {
    stack = await startLocalStack({
      iam: {
        template: withoutGrant(template, 'DeployStateMachine', 'lambda:InvokeFunction', 'PlanFunction'),
      },
    });
  });
  afterAll(() => stack.stop());

  it('fails Plan with Lambda.AWSLambdaException carrying the 403 AccessDeniedException', async () => {
    const [run] = await stack.drop('single', single);
    expect(run!.status).toBe('FAILED');
    // Lambda.AWSLambdaException is retried as a service error (bounded), then caught like any failure.
    expect(run!.error?.error).toBe('Lambda.AWSLambdaException');
    expect(run!.error?.cause).toMatch(
      /is not authorized to perform: lambda:InvokeFunction on resource: arn:aws:lambda:us-west-2:000000000000:function:agentdrop-plan because no identity-based policy allows the lambda:InvokeFunction action \(Service: AWSLambda; Status Code: 403; Error Code: AccessDeniedException; /,
    );
    const failed = run!.events.find((event) => event.detailType === 'Deploy Failed')!;
    expect(failedData(failed.detail).failedState).toBe('Plan');
  });
});

describe('the pipeline when the harness execution role may not stream its model', () => {
  let stack: LocalStack;
  checkInvariantsAfterEach(() => stack);
  beforeAll(async () => {
    stack = await startLocalStack({
      iam: {
        template: withoutGrant(template, 'HarnessExecution', 'bedrock:InvokeModelWithResponseStream'),
      },
    });
    await stack.putSecret('DOCS_TOKEN', 'canary-docs-token-5e81');
  });
  afterAll(() => stack.stop());

  it('fails the smoke test with aws.access_denied naming the role, the action and the model', async () => {
    const [run] = await stack.drop('single', single);
    expect(run!.status).toBe('FAILED');
    const failed = run!.events.find((event) => event.detailType === 'Deploy Failed')!;
    expect(failedData(failed.detail).errorCode).toBe('aws.access_denied');
    expect(failedData(failed.detail).message).toMatch(
      /assumed-role\/agentdrop-harness-execution\/agentdrop-local is not authorized to perform: bedrock:InvokeModelWithResponseStream on resource: arn:aws:bedrock:us-west-2:000000000000:inference-profile\//,
    );
  });
});

describe('the pipeline when the runtime execution role may not pull images', () => {
  let stack: LocalStack;
  checkInvariantsAfterEach(() => stack);
  beforeAll(async () => {
    stack = await startLocalStack({
      iam: { template: withoutGrant(template, 'RuntimeExecution', 'ecr:BatchGetImage') },
    });
    await stack.putSecret('DOCS_TOKEN', 'canary-docs-token-5e81');
  });
  afterAll(() => stack.stop());

  it('fails the deploy with the runtime’s failureReason naming ecr:BatchGetImage', async () => {
    const files = await dropFiles(single);
    files.set('agentdrop.yaml', new TextEncoder().encode('mode: runtime\n'));
    const [run] = await stack.drop('pull', files);
    expect(run!.status).toBe('FAILED');
    const failed = run!.events.find((event) => event.detailType === 'Deploy Failed')!;
    expect(failedData(failed.detail).message).toMatch(
      /assumed-role\/agentdrop-runtime-execution\/agentdrop-local is not authorized to perform: ecr:BatchGetImage on resource: arn:aws:ecr:us-west-2:000000000000:repository\/agentdrop\/pull/,
    );
  });
});

describe('the pipeline when the harness function may not pass the execution role', () => {
  let stack: LocalStack;
  checkInvariantsAfterEach(() => stack);
  beforeAll(async () => {
    stack = await startLocalStack({
      iam: { template: withoutGrant(template, 'HarnessFunction', 'iam:PassRole') },
    });
    await stack.putSecret('DOCS_TOKEN', 'canary-docs-token-5e81');
  });
  afterAll(() => stack.stop());

  it('fails CreateHarness on iam:PassRole of the harness execution role to AgentCore', async () => {
    const [run] = await stack.drop('single', single);
    expect(run!.status).toBe('FAILED');
    const failed = run!.events.find((event) => event.detailType === 'Deploy Failed')!;
    expect(failedData(failed.detail).message).toContain(
      'is not authorized to perform: iam:PassRole on resource: arn:aws:iam::000000000000:role/agentdrop-harness-execution because no identity-based policy allows the iam:PassRole action',
    );
    const denied = stack.cloud.agentcore.calls().filter((call) => call.errorType === 'AccessDeniedException');
    expect(new Set(denied.map((call) => call.operation))).toEqual(new Set(['CreateHarness']));
  });
});

describe('the pipeline when the runtime execution role may not stream its model', () => {
  let stack: LocalStack;
  checkInvariantsAfterEach(() => stack);
  beforeAll(async () => {
    stack = await startLocalStack({
      iam: {
        template: withoutGrant(template, 'RuntimeExecution', 'bedrock:InvokeModelWithResponseStream'),
      },
    });
    await stack.putSecret('DOCS_TOKEN', 'canary-docs-token-5e81');
  });
  afterAll(() => stack.stop());

  it('fails the smoke test: the container’s model call is refused as the runtime role', async () => {
    const files = await dropFiles(single);
    files.set('agentdrop.yaml', new TextEncoder().encode('mode: runtime\n'));
    const [run] = await stack.drop('model', files);
    expect(run!.status).toBe('FAILED');
    const failed = run!.events.find((event) => event.detailType === 'Deploy Failed')!;
    expect(failedData(failed.detail)).toMatchObject({
      errorCode: 'SmokeTestFailed',
      failedState: 'SmokeTest',
    });
    // The scripted model refused every call (it records only the calls it answers).
    expect(stack.cloud.model.requests).toEqual([]);
  });
});

describe('the pipeline when the runtime execution role may not read its secrets', () => {
  let stack: LocalStack;
  checkInvariantsAfterEach(() => stack);
  beforeAll(async () => {
    stack = await startLocalStack({
      iam: { template: withoutGrant(template, 'RuntimeExecution', 'secretsmanager:GetSecretValue') },
    });
    await stack.putSecret('DOCS_TOKEN', 'canary-docs-token-5e81');
  });
  afterAll(() => stack.stop());

  it('fails the smoke test: the container reads its secrets as the runtime role', async () => {
    const files = await dropFiles(single);
    files.set('agentdrop.yaml', new TextEncoder().encode('mode: runtime\n'));
    const [run] = await stack.drop('secrets', files);
    expect(run!.status).toBe('FAILED');
    const failed = run!.events.find((event) => event.detailType === 'Deploy Failed')!;
    expect(failedData(failed.detail)).toMatchObject({
      errorCode: 'SmokeTestFailed',
      failedState: 'SmokeTest',
    });
    // The container failed resolving its secrets, before any model call.
    expect(stack.cloud.model.requests).toEqual([]);
  });
});
