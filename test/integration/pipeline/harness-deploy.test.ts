import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateEventDetail } from '../../../functions/lib/event-schemas.js';
import { checkInvariantsAfterEach } from '../../support/check-invariants-after-each.js';
import { dropFiles, type LocalStack, startLocalStack } from '../../support/local-stack.js';

const single = join(import.meta.dirname, '../../../examples/single');
const writes = (stack: LocalStack) =>
  stack.cloud.agentcore.calls().filter((call) => /^(Create|Update|Delete)/.test(call.operation)).length;

describe('the pipeline on the local cloud, harness mode', () => {
  let stack: LocalStack;
  // Every run of every test holds the run invariants (docs/state-machine.md §8).
  checkInvariantsAfterEach(() => stack);
  beforeAll(async () => {
    stack = await startLocalStack();
    await stack.putSecret('DOCS_TOKEN', 'canary-docs-token-7f3a');
  });
  afterAll(() => stack.stop());

  it('deploys examples/single to a READY harness, proving only what the default smoke prompt asks for', async () => {
    const [run] = await stack.drop('single', single);
    expect(run!.status).toBe('SUCCEEDED');
    expect(run!.transitions).toBeLessThanOrEqual(30);
    const succeeded = run!.events.find((event) => event.detailType === 'Deploy Succeeded')!;
    expect(validateEventDetail('Deploy Succeeded', succeeded.detail)).toEqual({ ok: true, errors: [] });
    const data = (
      succeeded.detail as {
        data: { cells: { cell: string; state: string; reason: string }[]; emulated: boolean };
      }
    ).data;
    expect(data.emulated).toBe(true);
    // "What can you help me with?" asks for no tool: none is called, and no built-in the local cloud lacks is
    // counted as exercised.
    expect(data.cells.map((cell) => [cell.cell, cell.state, cell.reason])).toEqual([
      ['create', 'EXERCISED', 'The resource reached READY in this run (create).'],
      ['agent', 'EXERCISED', 'The reply matches /[Hh]elp/u.'],
      ['mcp:docs', 'WIRED', 'Configured and deployed; not reachable from the local cloud.'],
      ['skills', 'WIRED', 'Configured and deployed; no skill was loaded.'],
      ['browser', 'WIRED', 'Configured and deployed; not available on the local cloud.'],
      ['sandbox', 'WIRED', 'Configured and deployed; not available on the local cloud.'],
    ]);
    const state = await stack.store.state.getState('single');
    expect([state?.mode, state?.resource.name, state?.rev]).toEqual([
      'harness',
      'agentdrop_single_helpdesk',
      1,
    ]);
    expect(state?.skillPrefixes[0]).toMatch(/^skills\/single\/[0-9a-f]{64}\/ticket-triage\/$/);
    const receipts = await stack.store.receipts.listReceipts('single');
    expect(receipts.map((receipt) => [receipt.outcome, receipt.emulated])).toEqual([['succeeded', true]]);
    // The console lists the run as `<project>-<deploy id>`, the id its receipt carries.
    expect(run!.executionArn).toBe(
      `arn:aws:states:us-west-2:000000000000:execution:agentdrop-deploy:single-${receipts[0]!.deployId}`,
    );
  });

  it('skips the same drop again without any AgentCore write', async () => {
    const before = writes(stack);
    const [run] = await stack.drop('single', single);
    expect(run!.events.map((event) => event.detailType)).toEqual(['Deploy Skipped']);
    expect((run!.events[0]!.detail as { data: { reason: string } }).data.reason).toBe('unchanged');
    expect(writes(stack)).toBe(before);
  });

  it('updates the harness with a new skill prefix when one skill changes', async () => {
    const files = await dropFiles(single);
    const path = 'skills/ticket-triage/labels.csv';
    files.set(
      path,
      new TextEncoder().encode(`${new TextDecoder().decode(files.get(path))}security,trust,"leaked key"\n`),
    );
    const before = (await stack.store.state.getState('single'))!;
    const [run] = await stack.drop('single', files);
    expect(run!.status).toBe('SUCCEEDED');
    const after = (await stack.store.state.getState('single'))!;
    expect(after.resource.id).toBe(before.resource.id);
    expect(after.skillPrefixes).not.toEqual(before.skillPrefixes);
    const succeeded = run!.events.find((event) => event.detailType === 'Deploy Succeeded')!;
    expect((succeeded.detail as { data: { cells: { cell: string }[] } }).data.cells[0]!.cell).toBe('update');
    expect(stack.cloud.agentcore.calls().some((call) => call.operation === 'UpdateHarness')).toBe(true);
  });

  it('updates the harness on its own when the secret rotates (new fingerprint, same spec)', async () => {
    const before = (await stack.store.state.getState('single'))!;
    const runs = await stack.putSecret('DOCS_TOKEN', 'canary-docs-token-rotated-9b2c');
    expect(runs.map((run) => run.status)).toEqual(['SUCCEEDED']);
    const after = (await stack.store.state.getState('single'))!;
    expect(after.specHash).toBe(before.specHash);
    expect(after.fingerprint).not.toBe(before.fingerprint);
    expect(Number(after.resource.version)).toBe(Number(before.resource.version) + 1);
  });
});
