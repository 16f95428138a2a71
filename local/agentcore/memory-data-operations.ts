import { randomBytes } from 'node:crypto';
import { assertValid } from './assert-valid.js';
import { withClientToken } from './client-token.js';
import type { OperationHandler } from './emulator-context.js';
import { extractMemoryRecords, relevance } from './extract-memory-records.js';
import { parseJsonObject } from './http-exchange.js';
import { activeMemory, pagingQuery } from './memory-operations.js';
import { MemoryPatterns, MemoryShapes } from './memory-shapes.js';
import { DayMs, eventResourceArn, type StoredEvent, type StoredMemoryRecord } from './memory-state.js';
import { paginate } from './paginate.js';
import { validationError } from './service-error.js';
import { checkShape, S } from './shape-schema.js';

const actorIdShape = S.string({ min: 1, max: 255 }, MemoryPatterns.actorId);
const sessionIdShape = S.string({ min: 1, max: 100 }, MemoryPatterns.sessionId);

/**
 * CreateEvent — `POST /memories/{memoryId}/events` → 201. The event is short-term memory of its actor and
 * session; unless `extractionMode` is SKIP, the memory's strategies extract long-term records from it
 * (extract-memory-records.ts).
 */
export const createEvent: OperationHandler = (ctx, request) => {
  const memory = activeMemory(ctx, request.params[0]!);
  const body = parseJsonObject(request.body);
  assertValid(checkShape(MemoryShapes.CreateEvent, body, ''));
  if (body.sessionId === undefined) {
    throw validationError([{ name: 'sessionId', message: 'A conversational event needs a sessionId.' }]);
  }
  return withClientToken(ctx, 'CreateEvent', body.clientToken, { id: memory.id, body }, () => {
    const timestamp = body.eventTimestamp as number;
    const event: StoredEvent = {
      eventId: `${Math.round(timestamp * 1000)}#${randomBytes(8).toString('hex')}`,
      actorId: body.actorId as string,
      sessionId: body.sessionId as string,
      eventTimestamp: timestamp,
      payload: body.payload as unknown[],
      ...(body.metadata !== undefined ? { metadata: body.metadata as Record<string, unknown> } : {}),
      ...(body.branch !== undefined ? { branch: body.branch as Record<string, unknown> } : {}),
      expiresAtMs: request.nowMs + memory.eventExpiryDuration * DayMs,
    };
    memory.events.push(event);
    if (body.extractionMode !== 'SKIP') extractMemoryRecords(memory, event, request.nowMs / 1000);
    return {
      resourceArn: eventResourceArn(memory.arn, event.eventId),
      reply: { status: 201, body: { event: eventOf(memory.id, event) } },
    };
  });
};

/** ListEvents — `POST /memories/{memoryId}/actor/{actorId}/sessions/{sessionId}` → 200, oldest first. */
export const listEvents: OperationHandler = (ctx, request) => {
  const memory = activeMemory(ctx, request.params[0]!);
  const [, actorId = '', sessionId = ''] = request.params;
  assertValid([
    ...checkShape(actorIdShape, actorId, 'actorId'),
    ...checkShape(sessionIdShape, sessionId, 'sessionId'),
  ]);
  const body = parseJsonObject(request.body);
  assertValid(checkShape(MemoryShapes.ListEvents, body, ''));
  const events = memory.events
    .filter((e) => e.actorId === actorId && e.sessionId === sessionId)
    .sort((a, b) => a.eventTimestamp - b.eventTimestamp);
  const page = paginate(events, pagingQuery(body));
  const withPayloads = body.includePayloads !== false;
  return {
    status: 200,
    body: {
      events: page.items.map((e) => {
        const shown = eventOf(memory.id, e);
        return withPayloads ? shown : { ...shown, payload: [] };
      }),
      ...(page.nextToken !== undefined ? { nextToken: page.nextToken } : {}),
    },
  };
};

/**
 * RetrieveMemoryRecords — `POST /memories/{memoryId}/retrieve` → 200: the records under the namespace (a
 * prefix; `namespacePath` likewise) that share words with the query, best first, at most `topK` (default 10),
 * each with its score (extract-memory-records.ts `relevance`).
 */
export const retrieveMemoryRecords: OperationHandler = (ctx, request) => {
  const memory = activeMemory(ctx, request.params[0]!);
  const body = parseJsonObject(request.body);
  assertValid(checkShape(MemoryShapes.RetrieveMemoryRecords, body, ''));
  const criteria = body.searchCriteria as { searchQuery: string; memoryStrategyId?: string; topK?: number };
  const scored = inNamespace(memory.records, body, criteria.memoryStrategyId)
    .map((record) => ({ record, score: relevance(criteria.searchQuery, record.text) }))
    .filter((r) => r.score > 0)
    .sort((a, b) => b.score - a.score || b.record.createdAt - a.record.createdAt)
    .slice(0, criteria.topK ?? 10);
  const page = paginate(scored, pagingQuery(body));
  return {
    status: 200,
    body: {
      memoryRecordSummaries: page.items.map((r) => ({ ...recordOf(r.record), score: r.score })),
      ...(page.nextToken !== undefined ? { nextToken: page.nextToken } : {}),
    },
  };
};

/** ListMemoryRecords — `POST /memories/{memoryId}/memoryRecords` → 200, newest first. */
export const listMemoryRecords: OperationHandler = (ctx, request) => {
  const memory = activeMemory(ctx, request.params[0]!);
  const body = parseJsonObject(request.body);
  assertValid(checkShape(MemoryShapes.ListMemoryRecords, body, ''));
  const records = inNamespace(
    memory.records,
    body,
    typeof body.memoryStrategyId === 'string' ? body.memoryStrategyId : undefined,
  ).sort((a, b) => b.createdAt - a.createdAt);
  const page = paginate(records, pagingQuery(body));
  return {
    status: 200,
    body: {
      memoryRecordSummaries: page.items.map(recordOf),
      ...(page.nextToken !== undefined ? { nextToken: page.nextToken } : {}),
    },
  };
};

function inNamespace(
  records: readonly StoredMemoryRecord[],
  body: Record<string, unknown>,
  strategyId: string | undefined,
): StoredMemoryRecord[] {
  const prefix =
    typeof body.namespace === 'string'
      ? body.namespace
      : typeof body.namespacePath === 'string'
        ? body.namespacePath
        : '';
  return records.filter(
    (r) => r.namespace.startsWith(prefix) && (strategyId === undefined || r.memoryStrategyId === strategyId),
  );
}

function eventOf(memoryId: string, event: StoredEvent): Record<string, unknown> {
  const { expiresAtMs: _, ...shown } = event;
  return { memoryId, ...shown };
}

function recordOf(record: StoredMemoryRecord): Record<string, unknown> {
  return {
    memoryRecordId: record.memoryRecordId,
    content: { text: record.text },
    memoryStrategyId: record.memoryStrategyId,
    namespaces: [record.namespace],
    createdAt: record.createdAt,
  };
}
