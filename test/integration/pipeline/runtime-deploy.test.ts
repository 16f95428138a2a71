import { join } from 'node:path';
import { DescribeImagesCommand, ECRClient } from '@aws-sdk/client-ecr';
import { ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateEventDetail } from '../../../functions/lib/event-schemas.js';
import { type McpFixture, startMcpFixture } from '../../fixtures/start-mcp-fixture.js';
import { checkInvariantsAfterEach } from '../../support/check-invariants-after-each.js';
import { dropFiles, type LocalStack, startLocalStack } from '../../support/local-stack.js';
import { findValueInBuckets, PlantedEntry, plantedZip } from '../../support/secret-scan.js';

const team = join(import.meta.dirname, '../../../examples/team');
const Canary = 'canary-mcp-token-61a0c2';
const dataOf = (detail: unknown) =>
  (
    detail as {
      data: { cells: { cell: string; state: string; evidence: string | null }[]; imageDigest: string };
    }
  ).data;

describe('the pipeline on the local cloud, runtime mode', () => {
  let stack: LocalStack;
  // Every run of every test holds the run invariants (docs/state-machine.md §8).
  checkInvariantsAfterEach(() => stack);
  let mcp: McpFixture;
  let ecr: ECRClient;
  beforeAll(async () => {
    stack = await startLocalStack();
    ecr = new ECRClient(stack.cloud.clientConfig('ecr'));
    mcp = await startMcpFixture(Canary, [
      'aws___search_documentation',
      'aws___read_documentation',
      'aws___delete_page',
    ]);
    await stack.putSecret('MCP_TOKEN', Canary);
  });
  afterAll(async () => {
    await stack.stop();
    await mcp.stop();
  });

  /**
   * examples/team with its MCP server pointed at the loopback fixture behind a secret header, and a smoke
   * prompt that also asks for an MCP tool and the sandbox.
   */
  async function teamWithLoopbackMcp(): Promise<Map<string, Uint8Array>> {
    const files = await dropFiles(team);
    files.set(
      'agentdrop.yaml',
      new TextEncoder().encode(
        'smoke:\n  prompt: "Ask the researcher to use aws___search_documentation and the sandbox, and the writer the house-style skill."\n',
      ),
    );
    files.set(
      '.managed-agents/researcher/mcp.json',
      new TextEncoder().encode(
        JSON.stringify({
          mcpServers: {
            'aws-docs': {
              type: 'http',
              url: mcp.url,
              headers: { Authorization: 'Bearer ${MCP_TOKEN}' },
              allowedTools: ['aws___search_documentation', 'aws___read_documentation'],
            },
          },
        }),
      ),
    );
    return files;
  }

  it('builds an arm64 image, deploys the team runtime and proves delegation, MCP and skills, not the sandbox', async () => {
    const [run] = await stack.drop('team', await teamWithLoopbackMcp());
    expect(run!.status).toBe('SUCCEEDED');
    expect(run!.transitions).toBeLessThanOrEqual(30);
    const succeeded = run!.events.find((event) => event.detailType === 'Deploy Succeeded')!;
    expect(validateEventDetail('Deploy Succeeded', succeeded.detail)).toEqual({ ok: true, errors: [] });
    const data = dataOf(succeeded.detail);
    expect(data.imageDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(Object.fromEntries(data.cells.map((cell) => [cell.cell, cell.state]))).toEqual({
      create: 'EXERCISED',
      agent: 'EXERCISED',
      'subagent:researcher': 'EXERCISED',
      'subagent:writer': 'EXERCISED',
      'mcp:aws-docs': 'EXERCISED',
      skills: 'EXERCISED',
      sandbox: 'WIRED',
    });
    const cell = (name: string) => data.cells.find((c) => c.cell === name)!;
    // The MCP call happened one level down, in the researcher, with the secret header; the filtered tool never.
    expect(cell('mcp:aws-docs').evidence).toMatch(
      /^researcher → aws___search_documentation \(depth 1, ok\): aws___search_documentation answered /,
    );
    expect(cell('subagent:writer').evidence).toMatch(/^editor → writer \(depth 0, ok\): /);
    expect(cell('skills').evidence).toMatch(/→ skills \(depth 1, ok\): /);
    // The local cloud has no Code Interpreter: the researcher's calls failed, and the receipt says so.
    expect(cell('sandbox')).toEqual({
      cell: 'sandbox',
      state: 'WIRED',
      reason: 'Configured and deployed; not available on the local cloud, so no call could use it.',
      evidence: expect.stringMatching(
        /^researcher → execute\w+ \(depth 1, error\): .*No AgentCore operation/,
      ),
    });
    expect(mcp.calls.some((call) => call.startsWith('aws___search_documentation'))).toBe(true);
    expect(mcp.calls.some((call) => call.startsWith('aws___delete_page'))).toBe(false);
    expect(mcp.refused()).toBe(0);
    const state = (await stack.store.state.getState('team'))!;
    expect(state.image).toMatch(/agentdrop\/team@sha256:[0-9a-f]{64}$/);
  });

  it('keeps the secret value out of the build context and every artifact, zip entries included', async () => {
    const bucket = stack.cloud.resources.artifactsBucket;
    const { Contents } = await stack.s3.send(new ListObjectsV2Command({ Bucket: bucket }));
    expect(Contents?.some((object) => object.Key!.startsWith('builds/team/'))).toBe(true);
    // A value in a deflated zip entry is not in the zip's bytes: the scan inflates, and finds this one only.
    const planted = plantedZip(Canary);
    expect(Buffer.from(planted).includes(Canary)).toBe(false);
    await stack.s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'planted/canary.zip', Body: planted }));
    expect(await findValueInBuckets(stack.s3, [bucket], Canary)).toEqual([
      `${bucket}/planted/canary.zip!${PlantedEntry}`,
    ]);
  });

  it('skips the same drop without a build or an AgentCore write', async () => {
    const images = async () =>
      (await ecr.send(new DescribeImagesCommand({ repositoryName: 'agentdrop/team' }))).imageDetails?.length;
    const builds = await images();
    const writes = stack.cloud.agentcore
      .calls()
      .filter((call) => /^(Create|Update)/.test(call.operation)).length;
    const [run] = await stack.drop('team', await teamWithLoopbackMcp());
    expect(run!.events.map((event) => event.detailType)).toEqual(['Deploy Skipped']);
    expect(run!.transitions).toBe(4);
    expect(await images()).toBe(builds);
    expect(
      stack.cloud.agentcore.calls().filter((call) => /^(Create|Update)/.test(call.operation)).length,
    ).toBe(writes);
  });

  it('updates the runtime with a new image digest when one skill changes', async () => {
    const before = (await stack.store.state.getState('team'))!;
    const files = await teamWithLoopbackMcp();
    const path = '.managed-agents/writer/skills/house-style/SKILL.md';
    files.set(
      path,
      new TextEncoder().encode(`${new TextDecoder().decode(files.get(path))}- Prefer short paragraphs.\n`),
    );
    const [run] = await stack.drop('team', files);
    expect(run!.status).toBe('SUCCEEDED');
    const after = (await stack.store.state.getState('team'))!;
    expect(after.resource.id).toBe(before.resource.id);
    expect(after.resource.version).toBe('2');
    // The resource cell is named for what happened.
    const succeeded = run!.events.find((event) => event.detailType === 'Deploy Succeeded')!;
    expect(dataOf(succeeded.detail).cells[0]).toMatchObject({ cell: 'update', state: 'EXERCISED' });
    expect(after.image).not.toBe(before.image);
  });
});
