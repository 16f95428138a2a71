import { join } from 'node:path';
import { BedrockAgentCoreClient } from '@aws-sdk/client-bedrock-agentcore';
import { GetAgentRuntimeEndpointCommand } from '@aws-sdk/client-bedrock-agentcore-control';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smokeRuntime } from '../../../functions/invoke/smoke-runtime.js';
import { agentCoreControl } from '../../../functions/lib/clients/agentcore-control.js';
import { validateEventDetail } from '../../../functions/lib/event-schemas.js';
import { checkInvariantsAfterEach } from '../../support/check-invariants-after-each.js';
import { dropFiles, type LocalStack, startLocalStack } from '../../support/local-stack.js';

const team = join(import.meta.dirname, '../../../examples/team');

describe('gated promotion on the local cloud (runtime)', () => {
  let stack: LocalStack;
  checkInvariantsAfterEach(() => stack);
  beforeAll(async () => {
    stack = await startLocalStack();
    await stack.putSecret('MCP_TOKEN', 'canary-mcp-token-gated');
  });
  afterAll(() => stack.stop());

  const liveEndpoint = async () => {
    const state = (await stack.store.state.getState('gt'))!;
    return agentCoreControl(stack.pipeline.deps, state.region).send(
      new GetAgentRuntimeEndpointCommand({ agentRuntimeId: state.resource.id!, endpointName: 'live' }),
    );
  };

  it('promotes a runtime that passed, and keeps live on it when the next version fails its smoke test', async () => {
    const [good] = await stack.drop('gt', team);
    expect(good!.status).toBe('SUCCEEDED');
    const succeeded = good!.events.find((event) => event.detailType === 'Deploy Succeeded')!;
    const data = (succeeded.detail as { data: { liveVersion: string; endpointArn: string } }).data;
    expect(data.liveVersion).toBe('1');
    expect(data.endpointArn).toMatch(/\/runtime-endpoint\/live$/);
    expect((await liveEndpoint()).liveVersion).toBe('1');

    const files = await dropFiles(team);
    files.set(
      'agentdrop.yaml',
      new TextEncoder().encode(
        'defaultModel: claude-haiku-4-5\nsmoke:\n  prompt: "Say hello."\n  expect: "NEVER-IN-ANY-REPLY"\n',
      ),
    );
    // A new version (the writer's prompt changes) whose smoke test cannot pass.
    const writer = '.managed-agents/writer/agent.md';
    files.set(
      writer,
      new TextEncoder().encode(`${new TextDecoder().decode(files.get(writer))}\nBe brief.\n`),
    );
    const [bad] = await stack.drop('gt', files);
    expect(bad!.status).toBe('FAILED');
    const failed = bad!.events.find((event) => event.detailType === 'Deploy Failed')!;
    expect(validateEventDetail('Deploy Failed', failed.detail)).toEqual({ ok: true, errors: [] });
    expect((failed.detail as { data: Record<string, unknown> }).data).toMatchObject({
      errorCode: 'SmokeTestFailed',
      failedState: 'SmokeTest',
      liveVersion: '1',
      candidateVersion: '2',
    });
    // Version 2 exists (DEFAULT serves it, as AgentCore defines DEFAULT), but live still serves version 1.
    const live = await liveEndpoint();
    expect([live.liveVersion, live.targetVersion]).toEqual(['1', '1']);
    const state = (await stack.store.state.getState('gt'))!;
    const answer = await smokeRuntime(new BedrockAgentCoreClient(stack.cloud.clientConfig('agentcore')), {
      agentRuntimeArn: state.resource.arn!,
      qualifier: 'live',
      sessionId: `gated-runtime-${Date.now()}`.padEnd(40, '0'),
      prompt: 'Hello',
    });
    expect([answer.error, typeof answer.reply]).toEqual([null, 'string']);
  });
});
