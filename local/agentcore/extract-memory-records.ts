import { randomBytes } from 'node:crypto';
import type { MemoryResourceRecord, StoredEvent, StoredMemoryRecord } from './memory-state.js';

const PreferenceWords =
  /\b(prefer|prefers|like|likes|love|loves|favourite|favorite|hate|hates|always|never)\b/i;

/**
 * The emulator's stand-in for AgentCore's model-driven extraction: deterministic, run when the event is
 * created (AgentCore extracts asynchronously, within about a minute). Only USER turns are read, split into
 * sentences; questions are never memories.
 * - SEMANTIC: each statement is a fact record.
 * - USER_PREFERENCE: each statement naming a liking (prefer, like, love, favourite, hate, always, never).
 * - SUMMARIZATION: one record per session, rewritten with every event: `The user said: <statements>`.
 * A statement already recorded in the same namespace is not recorded again (AgentCore consolidates too).
 */
export function extractMemoryRecords(
  memory: MemoryResourceRecord,
  event: StoredEvent,
  nowSeconds: number,
): void {
  const statements = userStatements(event.payload);
  if (statements.length === 0) return;
  for (const strategy of memory.strategies) {
    for (const template of strategy.namespaces) {
      const namespace = template
        .replaceAll('{actorId}', event.actorId)
        .replaceAll('{sessionId}', event.sessionId)
        .replaceAll('{memoryStrategyId}', strategy.strategyId);
      const existing = memory.records.filter(
        (r) => r.memoryStrategyId === strategy.strategyId && r.namespace === namespace,
      );
      const add = (text: string): void => {
        if (existing.some((r) => r.text === text)) return;
        const record: StoredMemoryRecord = {
          memoryRecordId: `mem-${randomBytes(16).toString('hex')}`,
          memoryStrategyId: strategy.strategyId,
          namespace,
          text,
          createdAt: nowSeconds,
        };
        memory.records.push(record);
        existing.push(record);
      };
      if (strategy.type === 'SEMANTIC') statements.forEach(add);
      else if (strategy.type === 'USER_PREFERENCE')
        statements.filter((s) => PreferenceWords.test(s)).forEach(add);
      else if (strategy.type === 'SUMMARIZATION') {
        const said = [...sessionStatements(memory, event), ...statements];
        memory.records = memory.records.filter((r) => !existing.includes(r));
        existing.length = 0;
        add(`The user said: ${[...new Set(said)].join(' ')}`);
      }
    }
  }
}

/**
 * How well a record answers a query: the share of the query's words (three letters or more, common words
 * left out) found in the record, 0 to 1. Deterministic, in place of AgentCore's semantic search.
 */
export function relevance(query: string, text: string): number {
  const wanted = words(query);
  if (wanted.size === 0) return 0;
  const have = words(text);
  let shared = 0;
  for (const word of wanted) if (have.has(word)) shared++;
  return shared / wanted.size;
}

const CommonWords = new Set([
  'the',
  'and',
  'what',
  'was',
  'are',
  'you',
  'your',
  'for',
  'with',
  'that',
  'this',
]);

function words(text: string): Set<string> {
  return new Set(
    (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length >= 3 && !CommonWords.has(w)),
  );
}

/** The statements (sentences not asking anything) of the USER turns of a payload. */
function userStatements(payload: readonly unknown[]): string[] {
  const statements: string[] = [];
  for (const item of payload) {
    const turn = (item as { conversational?: { role?: unknown; content?: { text?: unknown } } })
      .conversational;
    if (turn?.role !== 'USER' || typeof turn.content?.text !== 'string') continue;
    for (const sentence of turn.content.text.match(/[^.!?\n]+[.!?]?/g) ?? []) {
      const trimmed = sentence.trim();
      if (trimmed !== '' && !trimmed.endsWith('?')) statements.push(trimmed);
    }
  }
  return statements;
}

/** Statements of the earlier events of the same actor and session. */
function sessionStatements(memory: MemoryResourceRecord, event: StoredEvent): string[] {
  return memory.events
    .filter((e) => e !== event && e.actorId === event.actorId && e.sessionId === event.sessionId)
    .flatMap((e) => userStatements(e.payload));
}
