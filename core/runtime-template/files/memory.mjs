// @ts-check
// AgentCore Memory for the team (spec §8): with AGENTDROP_MEMORY_ID set and memory in team.json, the entry agent
// of each session gets a Strands MemoryManager over the bedrock-agentcore memory stores, keyed by the runtime
// session id and the invocation's actor. Each turn is written as an event (CreateEvent) before the answer is sent;
// before each turn the records of the memory's strategies are retrieved (RetrieveMemoryRecords) and folded into
// the prompt, so what one session was told is known in the next.
import { team } from './roster.mjs';

/** The variable holding the memory id; the pipeline sets it when the project has a memory. */
export const MemoryIdVariable = 'AGENTDROP_MEMORY_ID';
/** Where a memory without long-term strategies writes: events only, nothing is ever extracted there. */
const ShortTermNamespace = '/sessions/{actorId}/{sessionId}';

/** @typedef {(actorId: string, sessionId: string) => import('@strands-agents/sdk').MemoryManager} NewMemory */

/**
 * The memory manager factory of this container, or null when the project has no memory.
 * @param {NodeJS.ProcessEnv} env
 * @param {typeof import('@strands-agents/sdk')} strands
 * @returns {Promise<NewMemory | null>}
 */
export async function memoryFactory(env, strands) {
  const memoryId = env[MemoryIdVariable] ?? '';
  if (memoryId === '' || team.memory === undefined) return null;
  const { createAgentCoreMemoryStores } = await import('bedrock-agentcore/memory/strands');
  const recall = team.memory.namespaces;
  return (actorId, sessionId) =>
    new strands.MemoryManager({
      stores: createAgentCoreMemoryStores({
        memoryId,
        actorId,
        sessionId,
        region: team.region,
        namespaces: (recall.length > 0 ? recall : [ShortTermNamespace]).map((namespace) => ({ namespace })),
        extraction: { cadence: new strands.InvocationTrigger() },
      }),
      searchToolConfig: recall.length > 0,
      injection: recall.length > 0,
    });
}
