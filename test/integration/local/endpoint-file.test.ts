import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stopServer } from '../../../cli/local-server/index.js';
import {
  endpointFilePath,
  type LocalEndpoints,
  readEndpointFile,
  removeEndpointFile,
  writeEndpointFile,
} from '../../../local/endpoints/index.js';
import { makeDataDir } from './support.js';

const endpointsOf = (dataDir: string, pid: number): LocalEndpoints => ({
  pid,
  dataDir,
  region: 'us-west-2',
  accountId: '000000000000',
  credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  endpoints: { s3: 'http://127.0.0.1:1' },
  resources: {
    dropBucket: 'agentdrop-drops',
    artifactsBucket: 'agentdrop-artifacts',
    tableName: 'agentdrop',
    eventBusName: 'agentdrop',
    stateMachineArn: 'arn:aws:states:us-west-2:000000000000:stateMachine:agentdrop-deploy',
    secretPrefix: 'agentdrop/',
  },
  startedAt: '2026-12-04T00:00:00.000Z',
});

describe('readEndpointFile', () => {
  let data: ReturnType<typeof makeDataDir>;
  beforeEach(() => {
    data = makeDataDir();
  });
  afterEach(() => data.remove());

  it('returns what a live process wrote', () => {
    writeEndpointFile(endpointsOf(data.dataDir, process.pid));
    expect(readEndpointFile(data.dataDir)).toEqual(endpointsOf(data.dataDir, process.pid));
  });

  it('returns null for a stale file whose process is gone, and for none', () => {
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    writeEndpointFile(endpointsOf(data.dataDir, gone));
    expect(readEndpointFile(data.dataDir)).toBeNull();
    removeEndpointFile(data.dataDir, gone);
    expect(readEndpointFile(data.dataDir)).toBeNull();
  });

  it('leaves a file another server wrote when removing its own', () => {
    writeEndpointFile(endpointsOf(data.dataDir, process.pid));
    removeEndpointFile(data.dataDir, process.pid + 1);
    expect(existsSync(endpointFilePath(data.dataDir))).toBe(true);
    removeEndpointFile(data.dataDir, process.pid);
    expect(existsSync(endpointFilePath(data.dataDir))).toBe(false);
  });
});

describe('stopServer', () => {
  let data: ReturnType<typeof makeDataDir>;
  beforeEach(() => {
    data = makeDataDir();
  });
  afterEach(() => data.remove());

  it('signals nothing when the named live process serves none of the endpoints (a reused pid), and removes the file', async () => {
    // This test process is alive but serves nothing at port 1: were the pid trusted alone, it would get SIGTERM.
    writeEndpointFile(endpointsOf(data.dataDir, process.pid));
    expect(readEndpointFile(data.dataDir)?.pid).toBe(process.pid);

    expect(await stopServer(endpointsOf(data.dataDir, process.pid))).toEqual([]);
    expect(existsSync(endpointFilePath(data.dataDir))).toBe(false);
  });
});
