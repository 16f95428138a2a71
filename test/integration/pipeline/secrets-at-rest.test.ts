import { randomUUID } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type McpFixture, startMcpFixture } from '../../fixtures/start-mcp-fixture.js';
import { checkInvariantsAfterEach } from '../../support/check-invariants-after-each.js';
import { dropFiles, type LocalStack, startLocalStack } from '../../support/local-stack.js';
import { findValue, findValueInBuckets, PlantedEntry, plantedZip } from '../../support/secret-scan.js';

const single = join(import.meta.dirname, '../../../examples/single');
const Canary = 'canary-secret-value-4f1e9d27';
/** Where the test plants the canary in a deflated zip entry, outside `drops/` so no run starts. */
const PlantedKey = 'planted/canary.zip';

describe('secrets at rest', () => {
  let stack: LocalStack;
  // Every run of every test holds the run invariants (docs/state-machine.md §8).
  checkInvariantsAfterEach(() => stack);
  const planted = plantedZip(Canary);
  beforeAll(async () => {
    stack = await startLocalStack();
    await stack.putSecret('DOCS_TOKEN', Canary);
    await stack.drop('single', single);
    // A byte search would miss it: only a scan that inflates zip entries finds it.
    expect(Buffer.from(planted).includes(Canary)).toBe(false);
    await stack.s3.send(
      new PutObjectCommand({ Bucket: stack.cloud.resources.dropBucket, Key: PlantedKey, Body: planted }),
    );
  });
  afterAll(() => stack.stop());

  it('leaves the canary value in no S3 object of the drop or artifacts bucket, zip entries included', async () => {
    const buckets = [stack.cloud.resources.dropBucket, stack.cloud.resources.artifactsBucket];
    for (const bucket of buckets) {
      const { Contents } = await stack.s3.send(new ListObjectsV2Command({ Bucket: bucket }));
      expect(Contents?.length).toBeGreaterThan(0);
    }
    // The scan finds the planted value, and nothing else.
    expect(await findValueInBuckets(stack.s3, buckets, Canary)).toEqual([
      `${stack.cloud.resources.dropBucket}/${PlantedKey}!${PlantedEntry}`,
    ]);
  });

  it('leaves the canary value in no DynamoDB item and no published event', async () => {
    const { Items } = await stack.pipeline.deps
      .client(DynamoDBClient, 'dynamodb')
      .send(new ScanCommand({ TableName: stack.cloud.resources.tableName }));
    expect(Items!.length).toBeGreaterThan(3);
    expect(JSON.stringify(Items)).not.toContain(Canary);
    const events = [...stack.cloud.events.events('agentdrop'), ...stack.cloud.events.events('default')];
    expect(events.length).toBeGreaterThan(1);
    expect(JSON.stringify(events)).not.toContain(Canary);
  });

  it('keeps the value only in the secret store: the harness configuration holds its MCP headers sealed', () => {
    // What the emulators hold for a coalesced save (the run's last log lines, memory events) is on disk too.
    stack.cloud.flush();
    const root = stack.cloud.dataDir;
    const holders: string[] = [];
    const plantedCopies: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) {
          walk(path);
          continue;
        }
        const bytes = readFileSync(path);
        if (findValue(bytes, Canary).length === 0) continue;
        (bytes.equals(planted) ? plantedCopies : holders).push(relative(root, path));
      }
    };
    walk(root);
    // The scan finds the value in the planted zip's deflated entry and where it must be (the secret store).
    expect(plantedCopies.length).toBeGreaterThan(0);
    expect(holders.some((path) => path.startsWith('secretsmanager/'))).toBe(true);
    expect(holders).toEqual(['secretsmanager/secrets.json']);
    // The emulator still serves the header to the harness: sealed at rest, not dropped.
    expect(readFileSync(join(root, 'agentcore', 'state.json'), 'utf8')).toContain(
      '"Authorization": "sealed:v1:',
    );
  });
});

describe('secrets at rest, runtime mode', () => {
  const team = join(import.meta.dirname, '../../../examples/team');
  // Made at run time, so no source file (nor a cache of one) holds it.
  const McpCanary = `canary-runtime-mcp-token-${randomUUID()}`;
  let stack: LocalStack;
  let mcp: McpFixture;
  checkInvariantsAfterEach(() => stack);
  beforeAll(async () => {
    stack = await startLocalStack();
    mcp = await startMcpFixture(McpCanary, ['aws___search_documentation']);
    await stack.putSecret('MCP_TOKEN', McpCanary);
    // examples/team with its MCP server on loopback behind the secret header, and a prompt that calls it.
    const files = await dropFiles(team);
    files.set(
      'agentdrop.yaml',
      new TextEncoder().encode('smoke:\n  prompt: "Ask the researcher to use aws___search_documentation."\n'),
    );
    files.set(
      '.managed-agents/researcher/mcp.json',
      new TextEncoder().encode(
        JSON.stringify({
          mcpServers: {
            'aws-docs': { type: 'http', url: mcp.url, headers: { Authorization: 'Bearer ${MCP_TOKEN}' } },
          },
        }),
      ),
    );
    const [run] = await stack.drop('team', files);
    expect(run!.status).toBe('SUCCEEDED');
  });
  afterAll(async () => {
    await stack.stop();
    await mcp.stop();
  });

  it('used the secret: the runtime sent it to the MCP server', () => {
    expect(mcp.calls.length).toBeGreaterThan(0);
    expect(mcp.refused()).toBe(0);
  });

  it('keeps the secret store readable by its owner only', () => {
    const store = join(stack.cloud.dataDir, 'secretsmanager');
    expect(statSync(store).mode & 0o777).toBe(0o700);
    expect(statSync(join(store, 'secrets.json')).mode & 0o777).toBe(0o600);
  });

  it('finds the value in the secret store, and in no other file of the data directory, zips inflated', () => {
    // What the emulators hold for a coalesced save (the run's last log lines, memory events) is on disk too.
    stack.cloud.flush();
    const root = stack.cloud.dataDir;
    const holders: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir).sort()) {
        const path = join(dir, name);
        const stats = lstatSync(path);
        // An image's node_modules links to the installed dependencies: not data the local cloud wrote.
        if (stats.isSymbolicLink()) continue;
        if (stats.isDirectory()) walk(path);
        else if (findValue(readFileSync(path), McpCanary).length > 0) holders.push(relative(root, path));
      }
    };
    walk(root);
    // The scan works (it finds the value where it must be) and finds it nowhere else.
    expect(holders).toEqual([join('secretsmanager', 'secrets.json')]);
  });
});
