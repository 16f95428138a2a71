import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ConflictException,
  CreateEventCommand,
  ListEventsCommand,
  ListMemoryRecordsCommand,
  RetrieveMemoryRecordsCommand,
} from '@aws-sdk/client-bedrock-agentcore';
import {
  ConflictException as ControlConflictException,
  CreateMemoryCommand,
  DeleteMemoryCommand,
  GetMemoryCommand,
  ListMemoriesCommand,
  ResourceNotFoundException,
  UpdateMemoryCommand,
  ValidationException,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { createAgentCoreMemoryStores } from 'bedrock-agentcore/memory/strands';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type EmulatorFixture, startFixture } from './emulator-fixture.js';

const Delay = 20;
const Token = 'memory-create-token-0000000000000001';

describe('startAgentCoreEmulator — Memory', () => {
  let f: EmulatorFixture;
  beforeEach(async () => {
    f = await startFixture({ delays: { createMs: Delay, updateMs: Delay, deleteMs: Delay } });
  });
  afterEach(async () => {
    await f.close();
  });

  const createMemory = (name = 'agentdrop_team', clientToken = Token) =>
    f.control.send(
      new CreateMemoryCommand({
        name,
        clientToken,
        eventExpiryDuration: 30,
        memoryStrategies: [
          { semanticMemoryStrategy: { name: 'facts', namespaces: ['/facts/{actorId}'] } },
          { summaryMemoryStrategy: { name: 'summaries', namespaces: ['/summaries/{actorId}/{sessionId}'] } },
        ],
        tags: { 'agentdrop:stack': 'dev' },
      }),
    );

  describe('when a memory is created, read, listed and deleted', () => {
    it('is CREATING, then ACTIVE after the delay, replays its clientToken and is gone after DELETING', async () => {
      const created = (await createMemory()).memory!;
      expect(created).toMatchObject({ name: 'agentdrop_team', status: 'CREATING', eventExpiryDuration: 30 });
      expect(created.id).toMatch(/^agentdrop_team-[a-zA-Z0-9]{10}$/);
      expect(created.arn).toBe(`arn:aws:bedrock-agentcore:us-west-2:000000000000:memory/${created.id}`);
      expect(created.strategies!.map((s) => [s.type, s.namespaces])).toEqual([
        ['SEMANTIC', ['/facts/{actorId}']],
        ['SUMMARIZATION', ['/summaries/{actorId}/{sessionId}']],
      ]);
      expect((await createMemory()).memory!.id).toBe(created.id);
      await expect(createMemory('agentdrop_team', 'another-token-000000000000000000001')).rejects.toThrow(
        ValidationException,
      );

      f.advance(Delay);
      const got = await f.control.send(new GetMemoryCommand({ memoryId: created.id }));
      expect(got.memory!.status).toBe('ACTIVE');
      expect(got.memory!.createdAt).toBeInstanceOf(Date);
      const listed = await f.control.send(new ListMemoriesCommand({}));
      expect(listed.memories!.map((m) => [m.id, m.status])).toEqual([[created.id, 'ACTIVE']]);

      const deleted = await f.control.send(new DeleteMemoryCommand({ memoryId: created.id }));
      expect(deleted).toMatchObject({ memoryId: created.id, status: 'DELETING' });
      f.advance(Delay);
      await expect(f.control.send(new GetMemoryCommand({ memoryId: created.id }))).rejects.toThrow(
        ResourceNotFoundException,
      );
    });

    it('adds and deletes strategies with UpdateMemory, UPDATING until the update delay', async () => {
      const created = (await createMemory()).memory!;
      const facts = created.strategies!.find((s) => s.type === 'SEMANTIC')!;
      await expect(
        f.control.send(new UpdateMemoryCommand({ memoryId: created.id, memoryStrategies: {} })),
      ).rejects.toThrow(ControlConflictException);
      f.advance(Delay);
      const updated = await f.control.send(
        new UpdateMemoryCommand({
          memoryId: created.id,
          memoryStrategies: {
            addMemoryStrategies: [{ userPreferenceMemoryStrategy: { name: 'preferences' } }],
            deleteMemoryStrategies: [{ memoryStrategyId: facts.strategyId }],
          },
        }),
      );
      expect(updated.memory!.status).toBe('UPDATING');
      expect(updated.memory!.strategies!.map((s) => [s.type, s.namespaces])).toEqual([
        ['SUMMARIZATION', ['/summaries/{actorId}/{sessionId}']],
        ['USER_PREFERENCE', ['/strategies/{memoryStrategyId}/actors/{actorId}']],
      ]);
      f.advance(Delay);
      const got = await f.control.send(new GetMemoryCommand({ memoryId: created.id }));
      expect(got.memory!.status).toBe('ACTIVE');
    });

    it('replays a DeleteMemory token while the memory is DELETING; once it is gone the retry finds nothing', async () => {
      const memoryId = (await createMemory()).memory!.id!;
      f.advance(Delay);
      const remove = () =>
        f.control.send(
          new DeleteMemoryCommand({ memoryId, clientToken: 'memory-delete-token-000000000000001' }),
        );
      expect((await remove()).status).toBe('DELETING');
      expect((await remove()).status).toBe('DELETING');
      f.advance(Delay);
      await expect(remove()).rejects.toThrow(ResourceNotFoundException);
    });

    it('rejects a name outside the model pattern', async () => {
      await expect(createMemory('agentdrop-team')).rejects.toThrow(ValidationException);
    });
  });

  describe('when events are written to an ACTIVE memory', () => {
    it('lists them per actor and session and extracts facts any session of the actor retrieves', async () => {
      const memoryId = (await createMemory()).memory!.id!;
      const say = (sessionId: string, text: string) =>
        f.data.send(
          new CreateEventCommand({
            memoryId,
            actorId: 'ana',
            sessionId,
            eventTimestamp: new Date(f.clock.ms),
            payload: [
              { conversational: { role: 'USER', content: { text } } },
              { conversational: { role: 'ASSISTANT', content: { text: 'Noted.' } } },
            ],
          }),
        );
      await expect(say('s1', 'too early')).rejects.toThrow(ConflictException);
      f.advance(Delay);
      await say('s1', 'My favourite colour is teal. What is yours?');

      const events = await f.data.send(new ListEventsCommand({ memoryId, actorId: 'ana', sessionId: 's1' }));
      expect(events.events!.map((e) => e.payload!.length)).toEqual([2]);
      expect(events.events![0]!.eventId).toMatch(/^[0-9]+#[a-f0-9]+$/);
      const other = await f.data.send(new ListEventsCommand({ memoryId, actorId: 'ana', sessionId: 's2' }));
      expect(other.events).toEqual([]);

      const recalled = await f.data.send(
        new RetrieveMemoryRecordsCommand({
          memoryId,
          namespace: '/facts/ana',
          searchCriteria: { searchQuery: 'Which colour do I like best? My favourite?' },
        }),
      );
      expect(recalled.memoryRecordSummaries!.map((r) => [r.content, r.score])).toEqual([
        [{ text: 'My favourite colour is teal.' }, 0.4],
      ]);
      const summaries = await f.data.send(
        new ListMemoryRecordsCommand({ memoryId, namespace: '/summaries/ana/s1' }),
      );
      expect(summaries.memoryRecordSummaries!.map((r) => r.content)).toEqual([
        { text: 'The user said: My favourite colour is teal.' },
      ]);
      const stranger = await f.data.send(
        new RetrieveMemoryRecordsCommand({
          memoryId,
          namespace: '/facts/bob',
          searchCriteria: { searchQuery: 'favourite colour' },
        }),
      );
      expect(stranger.memoryRecordSummaries).toEqual([]);
    });

    it('keeps events and records across an emulator restart on the same data directory', async () => {
      const memoryId = (await createMemory()).memory!.id!;
      f.advance(Delay);
      await f.data.send(
        new CreateEventCommand({
          memoryId,
          actorId: 'ana',
          sessionId: 's1',
          eventTimestamp: new Date(f.clock.ms),
          payload: [{ conversational: { role: 'USER', content: { text: 'I live in Lyon.' } } }],
        }),
      );
      await f.close(true);
      f = await startFixture({ dataDir: f.dataDir }, { clock: f.clock });
      const events = await f.data.send(new ListEventsCommand({ memoryId, actorId: 'ana', sessionId: 's1' }));
      expect(events.events!.length).toBe(1);
      const records = await f.data.send(new ListMemoryRecordsCommand({ memoryId, namespace: '/facts/ana' }));
      expect(records.memoryRecordSummaries!.map((r) => r.content)).toEqual([{ text: 'I live in Lyon.' }]);
    });

    it('expires each event eventExpiryDuration days after it was written; a later UpdateMemory changes only later events', async () => {
      const memoryId = (
        await f.control.send(new CreateMemoryCommand({ name: 'agentdrop_short', eventExpiryDuration: 7 }))
      ).memory!.id!;
      f.advance(Delay);
      const say = (text: string) =>
        f.data.send(
          new CreateEventCommand({
            memoryId,
            actorId: 'ana',
            sessionId: 's1',
            eventTimestamp: new Date(f.clock.ms),
            payload: [{ conversational: { role: 'USER', content: { text } } }],
          }),
        );
      const listed = async () =>
        (await f.data.send(new ListEventsCommand({ memoryId, actorId: 'ana', sessionId: 's1' }))).events!.map(
          (e) => (e.payload![0]!.conversational!.content as { text: string }).text,
        );
      await say('first-said');
      const Day = 86_400_000;
      f.advance(Day);
      await f.control.send(new UpdateMemoryCommand({ memoryId, eventExpiryDuration: 30 }));
      f.advance(Delay);
      await say('second');
      expect(await listed()).toEqual(['first-said', 'second']);
      f.advance(6 * Day - Delay - 1);
      expect(await listed()).toEqual(['first-said', 'second']);
      f.advance(1);
      expect(await listed()).toEqual(['second']);
      // Gone from the state too, not hidden: a restart does not bring it back.
      await f.close(true);
      f = await startFixture({ dataDir: f.dataDir }, { clock: f.clock });
      expect(await listed()).toEqual(['second']);
      expect(readFileSync(join(f.dataDir, 'agentcore', 'state.json'), 'utf8')).not.toContain('first-said');
      f.advance(30 * Day);
      expect(await listed()).toEqual([]);
    });

    it('drops the CreateEvent answers kept for clientToken replay, with their payload, when the memory is deleted', async () => {
      const memoryId = (await createMemory()).memory!.id!;
      f.advance(Delay);
      await f.data.send(
        new CreateEventCommand({
          memoryId,
          actorId: 'ana',
          sessionId: 's1',
          eventTimestamp: new Date(f.clock.ms),
          payload: [{ conversational: { role: 'USER', content: { text: 'canary-said' } } }],
          clientToken: 'event-token-00000000000000000000000001',
        }),
      );
      const stateFile = join(f.dataDir, 'agentcore', 'state.json');
      await f.close(true);
      // The positive control: the token answer holds the payload while the memory lives.
      const { tokens } = JSON.parse(readFileSync(stateFile, 'utf8')) as { tokens: unknown };
      expect(JSON.stringify(tokens)).toContain('canary-said');
      f = await startFixture({ dataDir: f.dataDir, delays: { deleteMs: Delay } }, { clock: f.clock });
      await f.control.send(new DeleteMemoryCommand({ memoryId }));
      f.advance(Delay);
      expect((await f.control.send(new ListMemoriesCommand({}))).memories).toEqual([]);
      await f.close(true);
      expect(readFileSync(stateFile, 'utf8')).not.toContain('canary-said');
    });

    it('refuses an eventExpiryDuration outside 7–365 days', async () => {
      for (const eventExpiryDuration of [6, 366]) {
        await expect(
          f.control.send(new CreateMemoryCommand({ name: 'agentdrop_bounds', eventExpiryDuration })),
        ).rejects.toThrow(ValidationException);
      }
    });

    it('does not rewrite the state file for each event: a clean stop writes the events acknowledged', async () => {
      const memoryId = (await createMemory()).memory!.id!;
      f.advance(Delay);
      const stateFile = join(f.dataDir, 'agentcore', 'state.json');
      await f.control.send(new GetMemoryCommand({ memoryId }));
      const before = readFileSync(stateFile, 'utf8');
      for (const text of ['I live in Lyon.', 'I cycle to work.']) {
        await f.data.send(
          new CreateEventCommand({
            memoryId,
            actorId: 'ana',
            sessionId: 's1',
            eventTimestamp: new Date(f.clock.ms),
            payload: [{ conversational: { role: 'USER', content: { text } } }],
          }),
        );
      }
      expect(readFileSync(stateFile, 'utf8')).toBe(before);
      await f.close(true);
      expect(readFileSync(stateFile, 'utf8')).toContain('I cycle to work.');
      f = await startFixture({ dataDir: f.dataDir }, { clock: f.clock });
      const events = await f.data.send(new ListEventsCommand({ memoryId, actorId: 'ana', sessionId: 's1' }));
      expect(events.events!.length).toBe(2);
    });

    it('serves the bedrock-agentcore Strands memory store: a write in one session is found from another', async () => {
      const memoryId = (await createMemory()).memory!.id!;
      f.advance(Delay);
      const stores = (sessionId: string) =>
        createAgentCoreMemoryStores({
          memoryId,
          actorId: 'ana',
          sessionId,
          namespaces: [{ namespace: '/facts/{actorId}' }],
          extraction: true,
          client: f.data,
        });
      const [writer] = stores('first');
      await writer!.addMessages([
        { role: 'user', content: [{ text: 'I keep my bike in shed number 42.' }] },
        { role: 'assistant', content: [{ text: 'Got it.' }] },
      ]);
      const [reader] = stores('second');
      const found = await reader!.search('Where is my bike kept?');
      expect(found.map((e) => e.content)).toEqual(['I keep my bike in shed number 42.']);
    });
  });
});
