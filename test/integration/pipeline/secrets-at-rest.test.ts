import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalStack, startLocalStack } from '../../support/local-stack.js';

const single = join(import.meta.dirname, '../../../examples/single');
const Canary = 'canary-secret-value-4f1e9d27';

describe('secrets at rest', () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await startLocalStack();
    await stack.putSecret('DOCS_TOKEN', Canary);
    await stack.drop('single', single);
  });
  afterAll(() => stack.stop());

  it('leaves the canary value in no S3 object of the drop or artifacts bucket', async () => {
    const found: string[] = [];
    for (const bucket of [stack.cloud.resources.dropBucket, stack.cloud.resources.artifactsBucket]) {
      const { Contents } = await stack.s3.send(new ListObjectsV2Command({ Bucket: bucket }));
      expect(Contents?.length).toBeGreaterThan(0);
      for (const { Key } of Contents ?? []) {
        const { Body } = await stack.s3.send(new GetObjectCommand({ Bucket: bucket, Key }));
        if (Buffer.from(await Body!.transformToByteArray()).includes(Canary)) found.push(`${bucket}/${Key}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('leaves the canary value in no DynamoDB item and no published event', async () => {
    const { Items } = await stack.pipeline.deps.clients.dynamodb.send(
      new ScanCommand({ TableName: stack.cloud.resources.tableName }),
    );
    expect(Items!.length).toBeGreaterThan(3);
    expect(JSON.stringify(Items)).not.toContain(Canary);
    const events = [...stack.cloud.events.events('agentdrop'), ...stack.cloud.events.events('default')];
    expect(events.length).toBeGreaterThan(1);
    expect(JSON.stringify(events)).not.toContain(Canary);
  });

  it('keeps the value only where AWS keeps it: the harness configuration and the secret store', () => {
    const root = stack.cloud.dataDir;
    const holders: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (readFileSync(path).includes(Canary)) holders.push(relative(root, path).split('/')[0]!);
      }
    };
    walk(root);
    // The scan finds the value where it must be (the secret store), and nowhere else.
    expect(holders).toContain('secretsmanager');
    expect([...new Set(holders)].filter((dir) => dir !== 'agentcore' && dir !== 'secretsmanager')).toEqual(
      [],
    );
  });
});
