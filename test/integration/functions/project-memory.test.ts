import {
  CreateMemoryCommand,
  GetMemoryCommand,
  ListMemoriesCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memoryName } from '../../../core/plan/index.js';
import { ownershipTags } from '../../../functions/lib/agentcore/index.js';
import { deleteProjectMemory, ensureProjectMemory } from '../../../functions/runtime/project-memory.js';
import { type EmulatorFixture, startFixture } from '../local/agentcore/emulator-fixture.js';

const Owner = { stackName: 'dev', project: 'team' };
const Delay = 20;

/** Runs `before` ahead of the first CreateMemory the client sends, and `after` once it landed. */
function onFirstCreate(
  f: EmulatorFixture,
  hooks: { before?: () => Promise<void>; after?: () => Promise<void> },
): void {
  let seen = false;
  f.control.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== 'CreateMemoryCommand' || seen) return next(args);
      seen = true;
      await hooks.before?.();
      const answer = await next(args);
      await hooks.after?.();
      return answer;
    },
    { step: 'initialize' },
  );
}

/** Another run's create of the project memory, under `stackName`'s tags. */
async function createElsewhere(f: EmulatorFixture, stackName: string): Promise<string> {
  const { memory } = await f.control.send(
    new CreateMemoryCommand({
      name: memoryName(Owner.project),
      eventExpiryDuration: 30,
      tags: ownershipTags(stackName, Owner.project),
    }),
  );
  return memory!.id!;
}

async function memoryIds(f: EmulatorFixture): Promise<string[]> {
  const { memories } = await f.control.send(new ListMemoriesCommand({}));
  return (memories ?? []).map((m) => m.id!);
}

describe('ensureProjectMemory on the AgentCore emulator, when the create fails', () => {
  let f: EmulatorFixture;
  beforeEach(async () => {
    f = await startFixture({ delays: { createMs: Delay, updateMs: Delay, deleteMs: Delay } });
  });
  afterEach(async () => {
    await f.close();
  });

  it('returns, as it is, the memory another run of this stack created between its read and its create', async () => {
    let raced = '';
    onFirstCreate(f, {
      before: async () => {
        raced = await createElsewhere(f, Owner.stackName);
      },
    });
    const memory = await ensureProjectMemory(f.control, Owner, ['semantic'], 'deploy-1');
    expect(memory.id).toBe(raced);
    expect(await memoryIds(f)).toEqual([raced]);
  });

  it('is a name collision when another stack’s memory took the name meanwhile', async () => {
    onFirstCreate(f, {
      before: async () => {
        await createElsewhere(f, 'prod');
      },
    });
    await expect(ensureProjectMemory(f.control, Owner, ['semantic'], 'deploy-1')).rejects.toMatchObject({
      name: 'NameCollision',
      code: 'name.collision',
      context: { owner: `stack prod, project ${Owner.project}` },
    });
  });

  it('finds the memory its create made when the answer was lost', async () => {
    const lost = Object.assign(new Error('socket hang up'), { name: 'TimeoutError' });
    onFirstCreate(f, {
      after: async () => {
        throw lost;
      },
    });
    const memory = await ensureProjectMemory(f.control, Owner, ['semantic'], 'deploy-1');
    expect(await memoryIds(f)).toEqual([memory.id]);
  });

  it('throws the create’s failure when no memory holds the name', async () => {
    const refused = Object.assign(new Error('socket hang up'), { name: 'TimeoutError' });
    onFirstCreate(f, {
      before: async () => {
        throw refused;
      },
    });
    await expect(ensureProjectMemory(f.control, Owner, ['semantic'], 'deploy-1')).rejects.toBe(refused);
    expect(await memoryIds(f)).toEqual([]);
  });

  it('creates once more without the token of a memory deleted since (the same deploy retried)', async () => {
    const first = await ensureProjectMemory(f.control, Owner, ['semantic'], 'deploy-1');
    f.advance(Delay);
    await deleteProjectMemory(f.control, Owner, 'deploy-1');
    f.advance(Delay);
    await expect(f.control.send(new GetMemoryCommand({ memoryId: first.id }))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );
    const second = await ensureProjectMemory(f.control, Owner, ['semantic'], 'deploy-1');
    expect(second.id).not.toBe(first.id);
    expect(await memoryIds(f)).toEqual([second.id]);
  });
});

describe('ensureProjectMemory on the AgentCore emulator, while the memory is still changing', () => {
  let f: EmulatorFixture;
  beforeEach(async () => {
    f = await startFixture({ delays: { createMs: Delay, updateMs: Delay, deleteMs: Delay } });
  });
  afterEach(async () => {
    await f.close();
  });

  it('is ResourceBusy on a memory still being deleted, and creates nothing', async () => {
    const first = await ensureProjectMemory(f.control, Owner, ['semantic'], 'deploy-1');
    f.advance(Delay);
    await deleteProjectMemory(f.control, Owner, 'deploy-1');
    await expect(ensureProjectMemory(f.control, Owner, ['semantic'], 'deploy-2')).rejects.toMatchObject({
      name: 'ResourceBusy',
      context: { operation: 'CreateMemory', resource: first.id, status: 'DELETING' },
    });
    expect(await memoryIds(f)).toEqual([first.id]);
  });

  it('is ResourceBusy on a strategy change while the memory is still being created', async () => {
    const first = await ensureProjectMemory(f.control, Owner, ['semantic'], 'deploy-1');
    await expect(
      ensureProjectMemory(f.control, Owner, ['semantic', 'summary'], 'deploy-2'),
    ).rejects.toMatchObject({
      name: 'ResourceBusy',
      context: { operation: 'UpdateMemory', resource: first.id, status: 'CREATING' },
    });
    f.advance(Delay);
    const { memory } = await f.control.send(new GetMemoryCommand({ memoryId: first.id }));
    expect(memory?.strategies?.map((s) => s.type)).toEqual(['SEMANTIC']);
  });
});

describe('deleteProjectMemory on the AgentCore emulator', () => {
  let f: EmulatorFixture;
  beforeEach(async () => {
    f = await startFixture({ delays: { createMs: Delay, updateMs: Delay, deleteMs: Delay } });
  });
  afterEach(async () => {
    await f.close();
  });

  it('deletes this stack’s memory of the project', async () => {
    await createElsewhere(f, Owner.stackName);
    f.advance(Delay);
    await deleteProjectMemory(f.control, Owner, 'deploy-2');
    f.advance(Delay);
    expect(await memoryIds(f)).toEqual([]);
  });

  it('leaves another stack’s memory of the same name alone, and the teardown goes on', async () => {
    const foreign = await createElsewhere(f, 'prod');
    f.advance(Delay);
    await expect(deleteProjectMemory(f.control, Owner, 'deploy-2')).resolves.toBeUndefined();
    f.advance(Delay);
    expect(await memoryIds(f)).toEqual([foreign]);
  });
});
