import { AsyncLocalStorage } from 'node:async_hooks';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import S3rver from 's3rver';
import type { EventBridgeEvent } from '../eventbridge/index.js';
import type { FaultInjector } from '../faults/index.js';
import { callerOf, createFaultInjector, FaultKind } from '../faults/index.js';
import type { AuthorizeRequest } from '../http/index.js';
import {
  accessKeyIdOf,
  holdWithoutAnswer,
  interceptRequests,
  isProtocolFault,
  onResponseEnd,
} from '../http/index.js';
import { deletedKeys, withDeleteMarkers } from './delete-result.js';
import { makePutObjectDurable, type S3rverObjectStore } from './durable-put-object.js';
import type { StoredObjectInfo } from './object-versions.js';
import { ObjectVersions } from './object-versions.js';
import type { S3EventReason } from './s3-eventbridge-event.js';
import { S3EventReason as Reason, s3EventBridgeEvent } from './s3-eventbridge-event.js';
import { s3IamRequests } from './s3-iam-requests.js';
import { type S3Request, s3RequestOf } from './s3-operation.js';
import { acceptAccessKeys } from './s3rver-access-keys.js';
import { sendS3Error } from './send-s3-error.js';
import { serveObjectVersion } from './serve-object-version.js';
import { storedObjectInfo } from './stored-object-info.js';

/** Options of {@link startS3Emulator}. */
export interface S3EmulatorOptions {
  /** Objects live under `<dataDir>/s3/`, version records in `<dataDir>/s3-versions.json`, noncurrent bytes in `<dataDir>/s3-version-data/`. */
  readonly dataDir: string;
  /** @default 'us-west-2' */
  readonly region?: string;
  /** @default '000000000000' */
  readonly accountId?: string;
  /** Buckets created on start (existing ones are kept). @default [] */
  readonly buckets?: readonly string[];
  /** @default 0 (a free port) */
  readonly port?: number;
  /** @default a new injector */
  readonly faults?: FaultInjector;
  /**
   * The local cloud's IAM, asked before s3rver sees a request (see `s3IamRequests`); a denial answers 403
   * AccessDenied. @default every request allowed
   */
  readonly authorize?: AuthorizeRequest;
  /** Access key ids s3rver accepts besides its own, each with itself as secret (the local principals). @default none */
  readonly principals?: readonly string[];
  /** Receives every object event, EventBridge-shaped (hand it to the `default` bus). */
  readonly onEvent?: (event: EventBridgeEvent) => void;
}

/** A running S3 emulator. */
export interface S3Emulator {
  readonly endpoint: string;
  readonly faults: FaultInjector;
  /** Reads an object's bytes in-process (a given version, else the current one), or `undefined` when absent. */
  readObject(bucket: string, key: string, versionId?: string): Promise<Buffer | undefined>;
  /** The current version id of a key (a delete marker's after a delete). */
  currentVersionId(bucket: string, key: string): string | undefined;
  stop(): Promise<void>;
}

interface S3rverInternals {
  readonly httpServer: Server;
  readonly store: S3rverObjectStore & {
    getObject(bucket: string, key: string): Promise<{ content: Readable | null } | null>;
  };
  on(event: 'event', listener: (event: S3rverEvent) => void): void;
}

/** The request an s3rver event belongs to; `emitted` records that s3rver reported the change itself. */
interface RequestContext {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  emitted: boolean;
}

interface S3rverEvent {
  readonly Records: readonly {
    readonly eventName: string;
    readonly s3: {
      readonly bucket: { readonly name: string };
      readonly object: { readonly key: string; readonly size?: number; readonly eTag?: string };
    };
  }[];
}

/**
 * Starts S3 (s3rver) on loopback with what s3rver lacks and the pipeline needs, shaped as a versioned
 * bucket: version ids (`x-amz-version-id`, readable noncurrent versions), deletes that leave delete
 * markers (DeleteObject and DeleteObjects), increasing sequencers, EventBridge-shaped object events and
 * fault injection per operation (`throttle` → 503 SlowDown, `server_error` → 500 InternalError,
 * `access_denied` → 403 AccessDenied, `network_timeout` → no answer).
 * Clients need `forcePathStyle` and `WHEN_REQUIRED` checksums (toolchain.md §4).
 */
export async function startS3Emulator(options: S3EmulatorOptions): Promise<S3Emulator> {
  const region = options.region ?? 'us-west-2';
  const accountId = options.accountId ?? '000000000000';
  const faults = options.faults ?? createFaultInjector();
  const versions = new ObjectVersions(options.dataDir);
  const versionData = join(options.dataDir, 's3-version-data');
  mkdirSync(versionData, { recursive: true });
  const requests = new AsyncLocalStorage<RequestContext>();
  const keyQueue = new KeyQueue();
  acceptAccessKeys(options.principals ?? []);

  const s3rver = new S3rver({
    port: options.port ?? 0,
    address: '127.0.0.1',
    silent: true,
    directory: join(options.dataDir, 's3'),
    configureBuckets: (options.buckets ?? []).map((name) => ({ name, configs: [] })),
  });
  const internals = s3rver as unknown as S3rverInternals;
  makePutObjectDurable(internals.store);

  /** Records a new version of a key (a delete marker when `object` is undefined) and emits its event. */
  const recordChange = (
    bucket: string,
    key: string,
    object: StoredObjectInfo | undefined,
    reason: S3EventReason,
    context: RequestContext | undefined,
  ): string => {
    const version = versions.add(bucket, key, object);
    // s3rver keeps only the current bytes: keep a copy per version so noncurrent versions stay readable.
    if (object !== undefined) {
      copyFileSync(
        internals.store.getResourcePath(bucket, key, 'object'),
        join(versionData, version.versionId),
      );
    }
    options.onEvent?.(
      s3EventBridgeEvent({
        bucket,
        key,
        reason,
        versionId: version.versionId,
        sequencer: version.sequencer,
        ...(object === undefined ? {} : { size: object.size, etag: object.etag.replaceAll('"', '') }),
        sourceIpAddress: context?.req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
        region,
        accountId,
        time: new Date(),
      }),
    );
    return version.versionId;
  };

  internals.on('event', (event) => {
    const record = event.Records[0];
    const context = requests.getStore();
    if (record === undefined) return;
    if (context !== undefined) context.emitted = true;
    const bucket = record.s3.bucket.name;
    const key = record.s3.object.key;
    const deleted = record.eventName.startsWith('ObjectRemoved');
    const object = deleted ? undefined : storedObjectInfo(internals.store, bucket, key);
    const versionId = recordChange(bucket, key, object, reasonOf(record.eventName, context?.req), context);
    if (context !== undefined && !context.res.headersSent) {
      context.res.setHeader('x-amz-version-id', versionId);
      if (deleted) context.res.setHeader('x-amz-delete-marker', 'true');
    }
  });

  /**
   * S3 answers a read of a missing key 404 only to a caller that may list the bucket, else 403 (S3 user guide,
   * GetObject "Permissions"). The listing asked is the one that would reveal the key: `s3:prefix` = the key.
   */
  const missingKeyHidden = (request: S3Request, req: IncomingMessage): boolean => {
    if (options.authorize === undefined || request.bucket === undefined || request.key === undefined)
      return false;
    if (request.operation !== 'GetObject' && request.operation !== 'HeadObject') return false;
    if (request.query.has('versionId')) return false;
    const current = versions.current(request.bucket, request.key);
    if (current !== undefined && !current.deleteMarker) return false;
    const { bucket, key } = request;
    return (
      options.authorize({
        accessKeyId: accessKeyIdOf(req.headers),
        requests: () => [
          { action: 's3:ListBucket', resource: `arn:aws:s3:::${bucket}`, context: { 's3:prefix': key } },
        ],
      }) !== undefined
    );
  };

  const address = await s3rver.run();
  const httpServer = internals.httpServer;
  interceptRequests(
    httpServer,
    (req, res) => {
      const request = s3RequestOf(req.method ?? 'GET', req.url ?? '/', req.headers);
      const fault = faults.take(request.operation, callerOf(req.headers));
      if (isProtocolFault(fault)) {
        if (fault.kind === FaultKind.NetworkTimeout) {
          holdWithoutAnswer(req, res, fault.delayMs);
          return true;
        }
        req.resume(); // drain an upload body the error answers instead of s3rver
        const [status, code, message] = s3FaultAnswer(fault.kind);
        setTimeout(() => sendS3Error(res, status, code, fault.reason ?? message), fault.delayMs ?? 0);
        return true;
      }
      const verdict = options.authorize?.({
        accessKeyId: accessKeyIdOf(req.headers),
        requests: () => s3IamRequests(request, headerOf(req, 'x-amz-copy-source')),
      });
      if (verdict !== undefined) {
        req.resume();
        // S3 quotes the resource in its denial message; a HEAD answer has no body.
        sendS3Error(
          res,
          403,
          'AccessDenied',
          verdict.denied.replace(/on resource: (\S+)/, 'on resource: "$1"'),
        );
        return true;
      }
      if (missingKeyHidden(request, req)) {
        sendS3Error(res, 403, 'AccessDenied', 'Access Denied');
        return true;
      }
      if (
        (request.operation === 'GetObject' || request.operation === 'HeadObject') &&
        request.key !== undefined
      ) {
        const current = versions.current(request.bucket!, request.key);
        const asked = request.query.get('versionId');
        if (asked !== null && (asked !== current?.versionId || current.deleteMarker)) {
          const version = versions.find(request.bucket!, request.key, asked);
          if (version === undefined)
            sendS3Error(res, 404, 'NoSuchVersion', 'The specified version does not exist.');
          else serveObjectVersion(res, req.method ?? 'GET', version, join(versionData, version.versionId));
          return true;
        }
        if (current !== undefined) res.setHeader('x-amz-version-id', current.versionId);
        if (current?.deleteMarker) res.setHeader('x-amz-delete-marker', 'true');
      }
      return false;
    },
    (req, res, next) => {
      const context: RequestContext = { req, res, emitted: false };
      const request = s3RequestOf(req.method ?? 'GET', req.url ?? '/', req.headers);
      if (
        request.operation === 'DeleteObject' &&
        request.key !== undefined &&
        !request.query.has('versionId')
      ) {
        // A versioned bucket adds a delete marker even when the key holds no object; s3rver reports nothing then.
        onResponseEnd(res, (body) => {
          if (res.statusCode !== 204 || context.emitted) return body;
          const versionId = recordChange(
            request.bucket!,
            request.key!,
            undefined,
            Reason.DeleteObject,
            context,
          );
          res.setHeader('x-amz-version-id', versionId);
          res.setHeader('x-amz-delete-marker', 'true');
          return body;
        });
      } else if (request.operation === 'DeleteObjects') {
        // s3rver reports no event for a multi-object delete: record a delete marker per deleted key.
        onResponseEnd(res, (body) => {
          if (res.statusCode !== 200 || body === undefined) return body;
          const xml = body.toString('utf8');
          const versionIds = deletedKeys(xml).map((key) =>
            recordChange(request.bucket!, key, undefined, Reason.DeleteObject, context),
          );
          return Buffer.from(withDeleteMarkers(xml, versionIds));
        });
      }
      // S3 applies each request to a key atomically (the last PUT wins whole); s3rver writes the file in
      // place, so concurrent PUTs to one key interleave their bytes. One request per key at a time.
      if (request.bucket !== undefined && request.key !== undefined) {
        keyQueue.run(`${request.bucket}/${request.key}`, res, () => requests.run(context, next));
      } else {
        requests.run(context, next);
      }
    },
  );

  let stopped: Promise<void> | undefined;
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    faults,
    async readObject(bucket, key, versionId) {
      const current = versions.current(bucket, key);
      if (versionId !== undefined && versionId !== current?.versionId) {
        const version = versions.find(bucket, key, versionId);
        const copy = version?.object === undefined ? undefined : join(versionData, versionId);
        return copy !== undefined && existsSync(copy) ? readFileSync(copy) : undefined;
      }
      if (current?.deleteMarker) return undefined;
      const object = await internals.store.getObject(bucket, key).catch(() => null);
      if (object?.content == null) return undefined;
      const chunks: Buffer[] = [];
      for await (const chunk of object.content) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
    currentVersionId: (bucket, key) => versions.current(bucket, key)?.versionId,
    stop() {
      stopped ??= (async () => {
        const closed = s3rver.close();
        httpServer.closeAllConnections();
        await closed;
      })();
      return stopped;
    },
  };
}

/** Runs one request per key at a time, in arrival order; a request holds its key until its response closes. */
class KeyQueue {
  private readonly tails = new Map<string, Promise<void>>();

  run(key: string, res: ServerResponse, start: () => void): void {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const closed = new Promise<void>((resolve) => res.once('close', resolve));
    const tail = previous.then(() => {
      start();
      return closed;
    });
    this.tails.set(key, tail);
    void tail.finally(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
  }
}

function headerOf(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function s3FaultAnswer(kind: FaultKind): [status: number, code: string, message: string] {
  if (kind === FaultKind.Throttle) return [503, 'SlowDown', 'Please reduce your request rate.'];
  if (kind === FaultKind.AccessDenied) return [403, 'AccessDenied', 'Access Denied'];
  return [500, 'InternalError', 'We encountered an internal error. Please try again.'];
}

function reasonOf(eventName: string, req: IncomingMessage | undefined): S3EventReason {
  if (eventName.startsWith('ObjectRemoved')) return Reason.DeleteObject;
  if (eventName === 'ObjectCreated:Copy') return Reason.CopyObject;
  if (eventName === 'ObjectCreated:Post') {
    return req?.url?.includes('uploadId=') ? Reason.CompleteMultipartUpload : Reason.PostObject;
  }
  return Reason.PutObject;
}
