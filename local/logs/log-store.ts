import { join } from 'node:path';
import { ServiceError } from '../http/index.js';
import { CoalescedSave, readJsonFile, writeJsonFile } from '../persist/index.js';

/** One stored log event. */
export interface StoredLogEvent {
  /** Epoch milliseconds the event says it happened. */
  readonly timestamp: number;
  /** Epoch milliseconds it was stored. */
  readonly ingestionTime: number;
  readonly message: string;
  /** Unique across the store, increasing in ingestion order. */
  readonly eventId: string;
}

/** A log stream and its newest events, oldest first. */
export interface StoredLogStream {
  readonly name: string;
  readonly creationTime: number;
  events: StoredLogEvent[];
}

/** A log group and its streams. */
export interface StoredLogGroup {
  readonly name: string;
  readonly creationTime: number;
  readonly streams: Record<string, StoredLogStream>;
}

/** What the store's file holds. */
interface StoreFile {
  readonly sequence: number;
  readonly groups: Record<string, StoredLogGroup>;
}

/** Events kept per stream unless configured: older ones are dropped (the local cloud is not an archive). */
export const DefaultEventsPerStream = 2_000;

/** Streams kept per group: past this, the stream whose last event is oldest goes. */
export const StreamsPerGroup = 100;

/**
 * How long writes are gathered before the file (every group) is rewritten; `stop` writes what is pending. A killed
 * process loses at most this much of its logs.
 */
const SaveDelayMs = 1_000;

const notFound = 'ResourceNotFoundException';

/**
 * The CloudWatch Logs emulator's state: groups, their newest {@link StreamsPerGroup} streams and each stream's
 * newest `eventsPerStream` events, persisted as one JSON file under `<dataDir>/logs/` (rewritten shortly after
 * writes, and on `flush`).
 */
export class LogStore {
  private readonly path: string;
  private readonly groups: Map<string, StoredLogGroup>;
  private sequence: number;
  private readonly saver: CoalescedSave;

  constructor(
    dataDir: string,
    private readonly eventsPerStream: number = DefaultEventsPerStream,
  ) {
    this.path = join(dataDir, 'logs', 'log-groups.json');
    const file = readJsonFile<StoreFile>(this.path, { sequence: 0, groups: {} });
    this.groups = new Map(Object.entries(file.groups));
    this.sequence = file.sequence;
    this.saver = new CoalescedSave(
      () => writeJsonFile(this.path, { sequence: this.sequence, groups: Object.fromEntries(this.groups) }),
      SaveDelayMs,
    );
  }

  /** @throws ServiceError ResourceAlreadyExistsException */
  createGroup(name: string, now: number): StoredLogGroup {
    if (this.groups.has(name)) {
      throw new ServiceError('ResourceAlreadyExistsException', 'The specified log group already exists');
    }
    const group: StoredLogGroup = { name, creationTime: now, streams: {} };
    this.groups.set(name, group);
    this.saver.soon();
    return group;
  }

  /** @throws ServiceError ResourceNotFoundException, ResourceAlreadyExistsException */
  createStream(groupName: string, name: string, now: number): StoredLogStream {
    const group = this.group(groupName);
    if (group.streams[name] !== undefined) {
      throw new ServiceError('ResourceAlreadyExistsException', 'The specified log stream already exists');
    }
    const stream: StoredLogStream = { name, creationTime: now, events: [] };
    const streams = Object.values(group.streams);
    if (streams.length >= StreamsPerGroup) {
      const lastAt = (each: StoredLogStream): number => each.events.at(-1)?.timestamp ?? each.creationTime;
      const oldest = streams.reduce((found, each) => (lastAt(each) < lastAt(found) ? each : found));
      delete group.streams[oldest.name];
    }
    group.streams[name] = stream;
    this.saver.soon();
    return stream;
  }

  /**
   * Appends events to a stream, creating the group and the stream first when `create` (the services' own
   * writers: Lambda, CodeBuild and AgentCore create their log groups as they first write).
   * @throws ServiceError ResourceNotFoundException when the group or stream is missing and not `create`
   */
  append(
    groupName: string,
    streamName: string,
    events: readonly { readonly timestamp: number; readonly message: string }[],
    now: number,
    create = false,
  ): void {
    if (create && !this.hasGroup(groupName)) this.createGroup(groupName, now);
    const group = this.group(groupName);
    if (create && group.streams[streamName] === undefined) this.createStream(groupName, streamName, now);
    const stream = this.stream(group, streamName);
    let ordered = true;
    for (const event of events) {
      this.sequence += 1;
      if (event.timestamp < (stream.events.at(-1)?.timestamp ?? 0)) ordered = false;
      stream.events.push({
        timestamp: event.timestamp,
        ingestionTime: now,
        message: event.message,
        eventId: String(this.sequence).padStart(20, '0'),
      });
    }
    // Events arrive in order per writer; a stream with several writers is kept in time order (sorted only then:
    // an agent's every output line lands here).
    if (!ordered)
      stream.events.sort((a, b) => a.timestamp - b.timestamp || a.eventId.localeCompare(b.eventId));
    if (stream.events.length > this.eventsPerStream)
      stream.events.splice(0, stream.events.length - this.eventsPerStream);
    this.saver.soon();
  }

  /** @throws ServiceError ResourceNotFoundException */
  group(name: string): StoredLogGroup {
    const group = this.groups.get(name);
    if (group === undefined) throw new ServiceError(notFound, 'The specified log group does not exist.');
    return group;
  }

  /** @throws ServiceError ResourceNotFoundException */
  stream(group: StoredLogGroup, name: string): StoredLogStream {
    const stream = group.streams[name];
    if (stream === undefined) throw new ServiceError(notFound, 'The specified log stream does not exist.');
    return stream;
  }

  /** Whether the group exists. */
  hasGroup(name: string): boolean {
    return this.groups.has(name);
  }

  /** Every group, sorted by name. */
  listGroups(): StoredLogGroup[] {
    return [...this.groups.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /**
   * Writes pending changes now.
   * @throws the write's error (the changes stay pending)
   */
  flush(): void {
    this.saver.flush();
  }
}
