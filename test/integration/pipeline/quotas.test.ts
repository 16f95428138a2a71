import { join } from 'node:path';
import { ListAgentRuntimeVersionsCommand } from '@aws-sdk/client-bedrock-agentcore-control';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { agentCoreControl } from '../../../functions/lib/clients/agentcore-control.js';
import { validateEventDetail } from '../../../functions/lib/event-schemas.js';
import { createQuotaLimits } from '../../../local/agentcore/index.js';
import { checkInvariantsAfterEach } from '../../support/check-invariants-after-each.js';
import { dropFiles, type LocalStack, startLocalStack } from '../../support/local-stack.js';

const single = join(import.meta.dirname, '../../../examples/single');
const team = join(import.meta.dirname, '../../../examples/team');
const encode = (text: string) => new TextEncoder().encode(text);
const failedData = (detail: unknown) =>
  (detail as { data: { errorCode: string; failedState: string | null; liveVersion: string | null } }).data;

describe('preflight quotas and version retention on the local cloud', () => {
  let stack: LocalStack;
  checkInvariantsAfterEach(() => stack);
  beforeAll(async () => {
    stack = await startLocalStack({}, { versionRetention: 2 });
    await stack.putSecret('DOCS_TOKEN', 'canary-docs-token-quota');
    await stack.putSecret('MCP_TOKEN', 'canary-mcp-token-quota');
  });
  afterAll(() => stack.stop());
  // Each test lowers one quota: the next starts from the documented defaults again.
  afterEach(() => Object.assign(stack.cloud.quotas, createQuotaLimits()));

  /** What the runs since `mark` asked of AgentCore that changes anything, and of the image build. */
  const touched = (mark: number) =>
    stack.cloud.calls
      .calls(mark)
      .filter(
        (call) =>
          (call.service === 'agentcore' && /^(Create|Update|Delete|Tag|Untag)/.test(call.operation)) ||
          call.service === 'codebuild' ||
          call.service === 'ecr',
      );
  const quotaReads = (mark: number) =>
    stack.cloud.calls.calls(mark).filter((call) => call.service === 'servicequotas');

  /** A drop of `dir` with `extra` appended to its agentdrop.yaml (a new version with `force: true`). */
  const dropWith = async (dir: string, extra: string) => {
    const files = await dropFiles(dir);
    files.set('agentdrop.yaml', encode(`${new TextDecoder().decode(files.get('agentdrop.yaml'))}\n${extra}`));
    return files;
  };

  it.each([
    ['harnessesPerAccount', 0, 'quota.harnesses_exceeded'],
    ['endpointsPerResource', 1, 'quota.endpoints_exceeded'],
  ] as const)(
    'refuses a first harness deploy past %s (set to %d) in preflight, with zero AgentCore writes',
    async (quota, limit, code) => {
      stack.cloud.quotas[quota] = limit;
      const mark = stack.cloud.calls.mark();
      const [run] = await stack.drop('quota-first', single);
      expect(run!.status).toBe('FAILED');
      const failed = run!.events.find((event) => event.detailType === 'Deploy Failed')!;
      expect(validateEventDetail('Deploy Failed', failed.detail).ok).toBe(true);
      expect(failedData(failed.detail)).toMatchObject({ errorCode: code, failedState: 'Plan' });
      expect(touched(mark)).toEqual([]);
      expect(quotaReads(mark).map((call) => call.operation)).toEqual(['ListServiceQuotas']);
      expect(await stack.store.locks.getLock('quota-first')).toBeNull();
    },
  );

  it("lists the account's harnesses once in a first deploy: the stray-resource check and the quota count share it", async () => {
    const mark = stack.cloud.calls.mark();
    const [run] = await stack.drop('quota-list-once', single);
    expect(run!.status).toBe('SUCCEEDED');
    const lists = stack.cloud.calls
      .calls(mark)
      .filter((call) => call.service === 'agentcore' && call.operation === 'ListHarnesses');
    expect(lists).toHaveLength(1);
  });

  it('refuses a runtime past runtimesPerAccount before its image is built', async () => {
    stack.cloud.quotas.runtimesPerAccount = 0;
    const mark = stack.cloud.calls.mark();
    const [run] = await stack.drop('quota-runtime', team);
    const failed = run!.events.find((event) => event.detailType === 'Deploy Failed')!;
    expect(failedData(failed.detail)).toMatchObject({
      errorCode: 'quota.runtimes_exceeded',
      failedState: 'Plan',
    });
    expect(touched(mark)).toEqual([]);
  });

  it('refuses an update past the versions quota, leaves live where it was, and deploys once the quota allows', async () => {
    const [first] = await stack.drop('quota-versions', single);
    expect(first!.status).toBe('SUCCEEDED');
    stack.cloud.quotas.versionsPerResource = 1;
    const mark = stack.cloud.calls.mark();
    const [refused] = await stack.drop('quota-versions', await dropWith(single, 'force: true\n'));
    const failed = refused!.events.find((event) => event.detailType === 'Deploy Failed')!;
    expect(failedData(failed.detail)).toMatchObject({
      errorCode: 'quota.versions_exceeded',
      failedState: 'Plan',
    });
    expect(touched(mark)).toEqual([]);
    expect((await stack.store.state.getState('quota-versions'))!.live?.version).toBe('1');

    stack.cloud.quotas.versionsPerResource = 2;
    const [allowed] = await stack.drop('quota-versions', await dropWith(single, 'force: true\n'));
    expect(allowed!.status).toBe('SUCCEEDED');
  });

  const keptVersions = async () => {
    const state = (await stack.store.state.getState('quota-keep'))!;
    const { agentRuntimes } = await agentCoreControl(stack.pipeline.deps).send(
      new ListAgentRuntimeVersionsCommand({ agentRuntimeId: state.resource.id! }),
    );
    return agentRuntimes!.map((runtime) => runtime.agentRuntimeVersion);
  };
  const latestReceipt = async () => (await stack.store.receipts.listReceipts('quota-keep'))[0]!;
  const deployKept = async (extra: string) =>
    (await stack.drop('quota-keep', await dropWith(team, extra)))[0]!;

  // Four runtime deploys through the real state machine: more than the default 30 s on a loaded machine.
  it('deletes runtime versions beyond the retention after a promotion, never a passed rollback target', async () => {
    expect((await deployKept('')).status).toBe('SUCCEEDED');
    expect((await deployKept('force: true\n')).status).toBe('SUCCEEDED');
    expect((await latestReceipt()).versionCleanup).toBeUndefined();
    // Version 3 fails its smoke test: not promoted, so nothing is cleaned up and it is no rollback target.
    const failing = await dropFiles(team);
    failing.set(
      'agentdrop.yaml',
      encode(
        'defaultModel: claude-haiku-4-5\nforce: true\nsmoke:\n  prompt: "Say hello."\n  expect: "NEVER-IN-ANY-REPLY"\n',
      ),
    );
    expect((await stack.drop('quota-keep', failing))[0]!.status).toBe('FAILED');
    expect(await keptVersions()).toEqual(['3', '2', '1']);

    // Retention 2 keeps the newest two (4, 3) and the newest two that passed (4, 2): only 1 goes.
    expect((await deployKept('force: true\n')).status).toBe('SUCCEEDED');
    expect((await latestReceipt()).versionCleanup).toEqual({ deleted: ['1'], warning: null });
    expect(await keptVersions()).toEqual(['4', '3', '2']);
    const passed = (await stack.store.state.getState('quota-keep'))!.passedVersions ?? [];
    expect(passed.map((entry) => entry.version)).toEqual(['2', '4']);
  }, 90_000);

  it('succeeds with a warning when the clean-up of old versions fails', async () => {
    stack.cloud.faults('agentcore').set('DeleteAgentRuntime', { kind: 'access_denied' });
    const warned = await deployKept('force: true\n');
    expect(warned.status).toBe('SUCCEEDED');
    const receipt = await latestReceipt();
    expect(receipt.outcome).toBe('succeeded');
    expect(receipt.versionCleanup?.deleted).toEqual([]);
    expect(receipt.versionCleanup?.warning).toMatchObject({
      code: 'versions.cleanup_failed',
      level: 'warning',
    });
    expect(receipt.diagnostics.warnings).toBeGreaterThan(0);
    expect(await keptVersions()).toEqual(['5', '4', '3', '2']);
  });
});
