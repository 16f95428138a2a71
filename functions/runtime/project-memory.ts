import {
  type BedrockAgentCoreControlClient,
  CreateMemoryCommand,
  DeleteMemoryCommand,
  GetMemoryCommand,
  ListMemoriesCommand,
  ListTagsForResourceCommand,
  type MemoryStrategyInput,
  UpdateMemoryCommand,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { MemoryNamespaces, type MemoryStrategy, memoryName } from '../../core/plan/index.js';
import {
  callAgentCore,
  createOrAdopt,
  isNotFound,
  isOwned,
  ownerOf,
  ownershipTags,
} from '../lib/agentcore/index.js';
import { clientToken } from '../lib/client-token.js';
import { NameCollisionError, ResourceBusyError, ResourceFailedError } from '../lib/errors.js';

/** The project's AgentCore Memory as the control plane reports it. */
export interface ProjectMemory {
  readonly id: string;
  readonly arn: string;
  /** `CREATING`, `ACTIVE`, `UPDATING`, `DELETING` or `FAILED`. */
  readonly status: string;
}

/** Who owns the memory: the stack and project of the ownership tags (DESIGN §7). */
export interface MemoryOwner {
  readonly stackName: string;
  readonly project: string;
}

/** Days short-term events are kept (CreateMemory `eventExpiryDuration`, 3–365). */
const EventExpiryDays = 30;

/** The AgentCore strategy type of each planned strategy. */
const StrategyTypes: Readonly<Record<MemoryStrategy, string>> = {
  semantic: 'SEMANTIC',
  summary: 'SUMMARIZATION',
  userPreference: 'USER_PREFERENCE',
};

/** The strategy names the memory is created with, one per planned strategy. */
const StrategyNames: Readonly<Record<MemoryStrategy, string>> = {
  semantic: 'facts',
  summary: 'summaries',
  userPreference: 'preferences',
};

/**
 * The project's memory (spec §8), created when absent: one per project, named by `memoryName`, tagged with
 * the owner, the planned strategies writing under `MemoryNamespaces`. The create carries a deterministic
 * clientToken (`deployId`), so a retried Lambda gets the same memory; a memory our name already holds is
 * adopted when we own it (NameCollision otherwise), its strategies brought to the plan's, one still being
 * deleted is ResourceBusy (the state retries), and a FAILED one (its create failed) is deleted and ResourceBusy. A memory is not waited for here: its id is known at once, and the status poll waits for ACTIVE
 * ({@link findProjectMemory}).
 */
export async function ensureProjectMemory(
  control: BedrockAgentCoreControlClient,
  owner: MemoryOwner,
  strategies: readonly MemoryStrategy[],
  deployId: string,
): Promise<ProjectMemory> {
  const name = memoryName(owner.project);
  const existing = await findOwnedMemory(control, owner);
  if (existing?.status === 'FAILED') {
    // A memory whose create failed holds nothing and never recovers: delete it, and the state's retry creates
    // the project's memory anew once it is gone (else every later deploy would fail on it).
    await deleteMemory(control, existing, deployId, 'replace');
    throw new ResourceBusyError({
      operation: 'CreateMemory',
      resource: existing.id,
      status: existing.status,
    });
  }
  if (existing?.status === 'DELETING') {
    throw new ResourceBusyError({
      operation: 'CreateMemory',
      resource: existing.id,
      status: existing.status,
    });
  }
  if (existing) return reconcileStrategies(control, existing, strategies, deployId);
  const create = async (token: string | undefined): Promise<ProjectMemory> => {
    const { memory } = await callAgentCore('CreateMemory', () =>
      control.send(
        new CreateMemoryCommand({
          name,
          description: `agentdrop ${owner.project}: memory of the runtime agent team`,
          eventExpiryDuration: EventExpiryDays,
          memoryStrategies: strategies.map(strategyInput),
          tags: ownershipTags(owner.stackName, owner.project),
          ...(token ? { clientToken: token } : {}),
        }),
      ),
    );
    return { id: memory!.id!, arn: memory!.arn!, status: memory!.status! };
  };
  // Any failure looks for the memory, not only a conflict: CreateMemory answers a name already held with a
  // ValidationException (another run created it between our read and our create), and a create whose answer
  // was lost may have landed. The memory found is returned as it is; none found, the failure stands.
  return createOrAdopt(clientToken(deployId, name, 'memory'), create, () => findOwnedMemory(control, owner), {
    adoptOn: () => true,
  });
}

/**
 * The project's memory, when one exists: found by name in ListMemories (a memory id is `<name>-<10
 * characters>`; the summaries carry no name), read with GetMemory. Null when there is none.
 */
async function findProjectMemory(
  control: BedrockAgentCoreControlClient,
  project: string,
): Promise<ProjectMemory | null> {
  const prefix = `${memoryName(project)}-`;
  let nextToken: string | undefined;
  do {
    const page = await callAgentCore('ListMemories', () =>
      control.send(new ListMemoriesCommand({ maxResults: 100, nextToken })),
    );
    const found = page.memories?.find((m) => m.id?.startsWith(prefix) && m.id.length === prefix.length + 10);
    if (found?.id && found.arn) return { id: found.id, arn: found.arn, status: found.status ?? 'CREATING' };
    nextToken = page.nextToken;
  } while (nextToken);
  return null;
}

/**
 * Whether the memory lets the runtime go READY: ACTIVE yes, CREATING/UPDATING not yet, FAILED or gone is
 * ResourceFailed (the agent would fail every memory call).
 */
export async function isMemoryActive(
  control: BedrockAgentCoreControlClient,
  memoryId: string,
): Promise<boolean> {
  let status: string;
  let failureReason: string | null = null;
  try {
    const { memory } = await callAgentCore('GetMemory', () =>
      control.send(new GetMemoryCommand({ memoryId })),
    );
    status = memory!.status!;
    failureReason = memory!.failureReason ?? null;
  } catch (error) {
    if (!isNotFound(error)) throw error;
    status = 'NOT_FOUND';
  }
  if (status === 'ACTIVE') return true;
  if (status === 'CREATING' || status === 'UPDATING') return false;
  throw new ResourceFailedError({ resource: memoryId, status, failureReason });
}

/**
 * Deletes the project's memory, if any (teardown, memory turned off, the project moved off Runtime): its
 * events and records go with it. A memory already gone or being deleted is done; one of the same name that another
 * stack or project owns is left alone.
 */
export async function deleteProjectMemory(
  control: BedrockAgentCoreControlClient,
  owner: MemoryOwner,
  deployId: string,
): Promise<void> {
  const found = await findNamedMemory(control, owner);
  // Another stack's memory of the same name is not this teardown's to delete, nor a reason to fail it.
  if (!found || found.holder !== undefined || found.memory.status === 'DELETING') return;
  await deleteMemory(control, found.memory, deployId, 'delete');
}

/** DeleteMemory with a client token per deploy and purpose; a memory already gone is done. */
async function deleteMemory(
  control: BedrockAgentCoreControlClient,
  memory: ProjectMemory,
  deployId: string,
  purpose: 'delete' | 'replace',
): Promise<void> {
  try {
    await callAgentCore('DeleteMemory', () =>
      control.send(
        new DeleteMemoryCommand({
          memoryId: memory.id,
          clientToken: clientToken(deployId, memory.id, purpose),
        }),
      ),
    );
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
}

/**
 * Brings an existing memory's strategies to the planned ones with one UpdateMemory (added strategies start
 * extracting; deleted ones take their records with them), answered UPDATING so the status poll waits. A
 * memory still CREATING or UPDATING that needs a change is ResourceBusy (the state retries).
 */
async function reconcileStrategies(
  control: BedrockAgentCoreControlClient,
  existing: ProjectMemory,
  strategies: readonly MemoryStrategy[],
  deployId: string,
): Promise<ProjectMemory> {
  const { memory } = await callAgentCore('GetMemory', () =>
    control.send(new GetMemoryCommand({ memoryId: existing.id })),
  );
  const current = memory?.strategies ?? [];
  const wanted = new Set(strategies.map((s) => StrategyTypes[s]));
  const add = strategies.filter((s) => !current.some((c) => c.type === StrategyTypes[s]));
  const remove = current.filter((c) => !wanted.has(c.type ?? ''));
  if (add.length === 0 && remove.length === 0) return existing;
  if (existing.status !== 'ACTIVE') {
    throw new ResourceBusyError({
      operation: 'UpdateMemory',
      resource: existing.id,
      status: existing.status,
    });
  }
  await callAgentCore('UpdateMemory', () =>
    control.send(
      new UpdateMemoryCommand({
        memoryId: existing.id,
        clientToken: clientToken(deployId, existing.id, 'strategies'),
        memoryStrategies: {
          ...(add.length > 0 ? { addMemoryStrategies: add.map(strategyInput) } : {}),
          ...(remove.length > 0
            ? { deleteMemoryStrategies: remove.map((c) => ({ memoryStrategyId: c.strategyId! })) }
            : {}),
        },
      }),
    ),
  );
  return { ...existing, status: 'UPDATING' };
}

/** The project's memory when this stack and project own it; NameCollision when someone else's holds the name. */
async function findOwnedMemory(
  control: BedrockAgentCoreControlClient,
  owner: MemoryOwner,
): Promise<ProjectMemory | null> {
  const found = await findNamedMemory(control, owner);
  if (found && found.holder !== undefined) {
    throw new NameCollisionError({ name: memoryName(owner.project), owner: found.holder });
  }
  return found?.memory ?? null;
}

/**
 * The memory holding the project's name, with `holder` set (its agentdrop tags, or null when untagged) when it is
 * not this stack's and project's.
 */
async function findNamedMemory(
  control: BedrockAgentCoreControlClient,
  owner: MemoryOwner,
): Promise<{ memory: ProjectMemory; holder?: string | null } | null> {
  const memory = await findProjectMemory(control, owner.project);
  if (!memory) return null;
  const { tags } = await callAgentCore('ListTagsForResource', () =>
    control.send(new ListTagsForResourceCommand({ resourceArn: memory.arn })),
  );
  return isOwned(tags, owner.stackName, owner.project) ? { memory } : { memory, holder: ownerOf(tags) };
}

function strategyInput(strategy: MemoryStrategy): MemoryStrategyInput {
  const config = { name: StrategyNames[strategy], namespaces: [MemoryNamespaces[strategy]] };
  if (strategy === 'semantic') return { semanticMemoryStrategy: config };
  if (strategy === 'summary') return { summaryMemoryStrategy: config };
  return { userPreferenceMemoryStrategy: config };
}
