import type { Fault } from '../faults/index.js';
import { assertValid } from './assert-valid.js';
import { withClientToken } from './client-token.js';
import type { EmulatorContext, OperationHandler } from './emulator-context.js';
import { newResourceId } from './emulator-state.js';
import { parseJsonObject } from './http-exchange.js';
import { MemoryPatterns, MemoryShapes, MemoryStatus } from './memory-shapes.js';
import type { MemoryResourceRecord, MemoryStrategyRecord } from './memory-state.js';
import { paginate } from './paginate.js';
import { conflict, notFound, ServiceError } from './service-error.js';
import { checkShape, S } from './shape-schema.js';

const memoryIdShape = S.string({ min: 12 }, MemoryPatterns.memoryIdOrArn);

/** The strategy members of CreateMemory, the type each makes and its default namespace (AgentCore's). */
const strategyKinds = {
  semanticMemoryStrategy: { type: 'SEMANTIC', namespace: '/strategies/{memoryStrategyId}/actors/{actorId}' },
  summaryMemoryStrategy: {
    type: 'SUMMARIZATION',
    namespace: '/strategies/{memoryStrategyId}/actors/{actorId}/sessions/{sessionId}',
  },
  userPreferenceMemoryStrategy: {
    type: 'USER_PREFERENCE',
    namespace: '/strategies/{memoryStrategyId}/actors/{actorId}',
  },
} as const;

/**
 * CreateMemory — `POST /memories/create` → 202 with the memory CREATING; ACTIVE after `memoryCreateMs`, or
 * FAILED with a `failureReason` when a `create_failed` fault is injected (AWS can fail a memory's create; the
 * local one must be able to). A name held by another memory is a ValidationException, as AgentCore answers it.
 */
export const createMemory: OperationHandler = (ctx, request) => {
  const body = parseJsonObject(request.body);
  assertValid(checkShape(MemoryShapes.CreateMemory, body, ''));
  return withClientToken(ctx, 'CreateMemory', body.clientToken, body, () => {
    const name = body.name as string;
    if (ctx.state.memories.some((m) => m.name === name)) {
      throw new ServiceError('ValidationException', `A memory with the name ${name} already exists.`, {
        reason: 'FieldValidationFailed',
      });
    }
    const id = newResourceId(name);
    const at = request.nowMs / 1000;
    const memory: MemoryResourceRecord = {
      id,
      name,
      arn: `arn:aws:bedrock-agentcore:${ctx.options.region}:${ctx.options.accountId}:memory/${id}`,
      ...(typeof body.description === 'string' ? { description: body.description } : {}),
      ...(typeof body.memoryExecutionRoleArn === 'string'
        ? { memoryExecutionRoleArn: body.memoryExecutionRoleArn }
        : {}),
      eventExpiryDuration: body.eventExpiryDuration as number,
      status: MemoryStatus.Creating,
      pending: { atMs: request.nowMs + ctx.delays.memoryCreateMs, ...createOutcome(request.fault) },
      createdAt: at,
      updatedAt: at,
      strategies: strategiesOf(body.memoryStrategies),
      tags: { ...((body.tags as Record<string, string> | undefined) ?? {}) },
      events: [],
      records: [],
    };
    ctx.state.memories.push(memory);
    return { resourceArn: memory.arn, reply: { status: 202, body: { memory: memoryDetail(memory) } } };
  });
};

/** GetMemory — `GET /memories/{memoryId}/details` → 200. */
export const getMemory: OperationHandler = (ctx, request) => ({
  status: 200,
  body: { memory: memoryDetail(findMemory(ctx, request.params[0]!)) },
});

/**
 * UpdateMemory — `PUT /memories/{memoryId}/update` → 202: strategies added and deleted (their records with them),
 * description and expiry replaced; UPDATING until the update delay. A memory not ACTIVE is a ConflictException.
 */
export const updateMemory: OperationHandler = (ctx, request) => {
  const memory = findMemory(ctx, request.params[0]!);
  const body = parseJsonObject(request.body);
  assertValid(checkShape(MemoryShapes.UpdateMemory, body, ''));
  return withClientToken(ctx, 'UpdateMemory', body.clientToken, { id: memory.id, body }, () => {
    if (memory.status !== MemoryStatus.Active) {
      throw conflict(`Memory ${memory.id} is in status ${memory.status}; wait until it is ACTIVE.`);
    }
    const change = (body.memoryStrategies ?? {}) as {
      addMemoryStrategies?: unknown;
      deleteMemoryStrategies?: { memoryStrategyId: string }[];
    };
    const removed = new Set((change.deleteMemoryStrategies ?? []).map((d) => d.memoryStrategyId));
    for (const id of removed) {
      if (!memory.strategies.some((s) => s.strategyId === id))
        throw notFound(`Strategy ${id} was not found.`);
    }
    const kept = memory.strategies.filter((s) => !removed.has(s.strategyId));
    const added = strategiesOf(change.addMemoryStrategies);
    for (const strategy of added) {
      if (kept.some((s) => s.name === strategy.name)) {
        throw new ServiceError('ValidationException', `Strategy name ${strategy.name} is used twice.`, {
          reason: 'FieldValidationFailed',
        });
      }
    }
    memory.strategies = [...kept, ...added];
    memory.records = memory.records.filter((r) => !removed.has(r.memoryStrategyId));
    if (typeof body.description === 'string') memory.description = body.description;
    if (typeof body.eventExpiryDuration === 'number') memory.eventExpiryDuration = body.eventExpiryDuration;
    memory.updatedAt = request.nowMs / 1000;
    memory.status = MemoryStatus.Updating;
    memory.pending = { atMs: request.nowMs + ctx.delays.updateMs, status: 'ACTIVE' };
    return { resourceArn: memory.arn, reply: { status: 202, body: { memory: memoryDetail(memory) } } };
  });
};

/** DeleteMemory — `DELETE /memories/{memoryId}/delete?clientToken=` → 202, DELETING until the delete delay. */
export const deleteMemory: OperationHandler = (ctx, request) => {
  const memory = findMemory(ctx, request.params[0]!);
  return withClientToken(
    ctx,
    'DeleteMemory',
    request.query.get('clientToken') ?? undefined,
    { id: memory.id },
    () => {
      if (memory.status !== MemoryStatus.Deleting) {
        memory.status = MemoryStatus.Deleting;
        memory.pending = { atMs: request.nowMs + ctx.delays.deleteMs, status: 'GONE' };
      }
      return {
        resourceArn: memory.arn,
        reply: { status: 202, body: { memoryId: memory.id, status: MemoryStatus.Deleting } },
      };
    },
  );
};

/** ListMemories — `POST /memories/` with `maxResults`/`nextToken` in the body → 200, oldest first. */
export const listMemories: OperationHandler = (ctx, request) => {
  const body = parseJsonObject(request.body);
  assertValid(checkShape(MemoryShapes.ListMemories, body, ''));
  const page = paginate(ctx.state.memories, pagingQuery(body));
  return {
    status: 200,
    body: {
      memories: page.items.map((m) => ({
        arn: m.arn,
        id: m.id,
        status: m.status,
        createdAt: m.createdAt,
        updatedAt: m.updatedAt,
      })),
      ...(page.nextToken !== undefined ? { nextToken: page.nextToken } : {}),
    },
  };
};

/**
 * The memory a `memoryId` label names (its id or ARN), or ResourceNotFoundException (ValidationException for
 * a malformed id).
 */
function findMemory(ctx: EmulatorContext, label: string): MemoryResourceRecord {
  assertValid(checkShape(memoryIdShape, label, 'memoryId'));
  const id = label.slice(label.lastIndexOf('/') + 1);
  const memory = ctx.state.memories.find((m) => m.id === id);
  if (memory === undefined) throw notFound(`Memory ${id} was not found.`);
  return memory;
}

/** The memory, which must be ACTIVE for its data plane (a CREATING or DELETING one is a ConflictException). */
export function activeMemory(ctx: EmulatorContext, label: string): MemoryResourceRecord {
  const memory = findMemory(ctx, label);
  if (memory.status !== MemoryStatus.Active) {
    throw conflict(`Memory ${memory.id} is in status ${memory.status}; it serves events once ACTIVE.`);
  }
  return memory;
}

/** `maxResults`/`nextToken` of a JSON body as the query {@link paginate} reads. */
export function pagingQuery(body: Record<string, unknown>): URLSearchParams {
  const query = new URLSearchParams();
  if (body.maxResults !== undefined) query.set('maxResults', String(body.maxResults));
  if (typeof body.nextToken === 'string') query.set('nextToken', body.nextToken);
  return query;
}

function strategiesOf(input: unknown): MemoryStrategyRecord[] {
  const strategies: MemoryStrategyRecord[] = [];
  for (const item of Array.isArray(input) ? (input as Record<string, unknown>[]) : []) {
    for (const [member, kind] of Object.entries(strategyKinds)) {
      const config = item[member] as
        | { name: string; description?: string; namespaces?: string[]; namespaceTemplates?: string[] }
        | undefined;
      if (config === undefined) continue;
      if (strategies.some((s) => s.name === config.name)) {
        throw new ServiceError('ValidationException', `Strategy name ${config.name} is used twice.`, {
          reason: 'FieldValidationFailed',
        });
      }
      strategies.push({
        strategyId: newResourceId(config.name),
        name: config.name,
        ...(config.description !== undefined ? { description: config.description } : {}),
        type: kind.type,
        namespaces: config.namespaces ?? config.namespaceTemplates ?? [kind.namespace],
      });
    }
  }
  return strategies;
}

/** How a create ends: FAILED with the fault's reason when `create_failed` is injected, ACTIVE otherwise. */
function createOutcome(
  fault: Fault | undefined,
): Pick<NonNullable<MemoryResourceRecord['pending']>, 'status' | 'failureReason'> {
  if (fault?.kind !== 'create_failed') return { status: MemoryStatus.Active };
  return { status: MemoryStatus.Failed, failureReason: fault.reason ?? 'Injected fault: create_failed.' };
}

function memoryDetail(memory: MemoryResourceRecord): Record<string, unknown> {
  return {
    arn: memory.arn,
    id: memory.id,
    name: memory.name,
    ...(memory.description !== undefined ? { description: memory.description } : {}),
    ...(memory.memoryExecutionRoleArn !== undefined
      ? { memoryExecutionRoleArn: memory.memoryExecutionRoleArn }
      : {}),
    eventExpiryDuration: memory.eventExpiryDuration,
    status: memory.status,
    ...(memory.failureReason !== undefined ? { failureReason: memory.failureReason } : {}),
    createdAt: memory.createdAt,
    updatedAt: memory.updatedAt,
    strategies: memory.strategies.map((s) => ({
      strategyId: s.strategyId,
      name: s.name,
      ...(s.description !== undefined ? { description: s.description } : {}),
      type: s.type,
      namespaces: s.namespaces,
      namespaceTemplates: s.namespaces,
      status:
        memory.status === MemoryStatus.Creating ||
        memory.status === MemoryStatus.Deleting ||
        memory.status === MemoryStatus.Failed
          ? memory.status
          : 'ACTIVE',
    })),
  };
}
