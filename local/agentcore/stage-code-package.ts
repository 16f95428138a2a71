import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { readZipBundle } from '../../core/bundle/index.js';
import { CodePackageLimits } from '../../core/plan/index.js';
import { EmulatedS3Options } from '../../functions/lib/emulated-s3-options.js';
import { InternalCaller } from '../faults/index.js';
import type { EmulatorContext } from './emulator-context.js';
import { validationError } from './service-error.js';

/** `agentRuntimeArtifact.codeConfiguration` as a request carries it (agentcore-api.md §3). */
export interface CodeConfiguration {
  readonly code: {
    readonly s3: { readonly bucket: string; readonly prefix: string; readonly versionId?: string };
  };
  readonly runtime: string;
  readonly entryPoint: readonly string[];
}

/** The code configuration of an artifact, if it is one. */
export function codeConfigurationOf(artifact: unknown): CodeConfiguration | undefined {
  return (artifact as { codeConfiguration?: CodeConfiguration } | undefined)?.codeConfiguration;
}

/**
 * Where a code package is unpacked: one directory per S3 object version, under the emulator's state, so a version
 * created once runs again after a restart without another read.
 */
export function codePackageDir(ctx: EmulatorContext, code: CodeConfiguration): string {
  const { bucket, prefix, versionId } = code.code.s3;
  const id = createHash('sha256')
    .update(`${bucket}\0${prefix}\0${versionId ?? ''}`)
    .digest('hex');
  return join(ctx.options.dataDir, 'agentcore', 'code', id);
}

/**
 * Reads a code package from S3 as Create/UpdateAgentRuntime does and unpacks it for the runtime to run (the
 * caller's `s3:GetObject` was authorized with the request, iam-requests.ts). A missing object, a zip that does not
 * open, or one over AgentCore's limits (250 MB zipped, 750 MB unzipped) is refused with ValidationException.
 */
export async function stageCodePackage(ctx: EmulatorContext, code: CodeConfiguration): Promise<void> {
  const dir = codePackageDir(ctx, code);
  if (existsSync(dir)) return;
  const { bucket, prefix, versionId } = code.code.s3;
  const where = `s3://${bucket}/${prefix}${versionId ? ` (version ${versionId})` : ''}`;
  const s3 = new S3Client({
    endpoint: ctx.options.s3.endpoint,
    region: ctx.options.s3.region,
    credentials: ctx.options.s3.credentials,
    ...EmulatedS3Options,
    userAgentAppId: InternalCaller.Runtime,
  });
  let zip: Uint8Array;
  try {
    const object = await s3.send(
      new GetObjectCommand({ Bucket: bucket, Key: prefix, ...(versionId ? { VersionId: versionId } : {}) }),
    );
    zip = await object.Body!.transformToByteArray();
  } catch (error) {
    throw refused(`The code package ${where} could not be read (${(error as Error).name}).`);
  } finally {
    s3.destroy();
  }
  if (zip.byteLength > CodePackageLimits.maxZipBytes) {
    throw refused(`The code package ${where} is ${zip.byteLength} bytes; the limit is 250 MB.`);
  }
  const unpacked = await readZipBundle(zip, {
    maxTotalBytes: CodePackageLimits.maxUnzippedBytes,
    maxEntryBytes: CodePackageLimits.maxUnzippedBytes,
    maxEntries: 100_000,
  });
  if (!unpacked.ok) {
    throw refused(
      `The code package ${where} is not a usable zip: ${unpacked.diagnostics[0]?.message ?? 'unreadable'}`,
    );
  }
  // A folder of its own per unpack: a retried create, or two runtimes of one package, may unpack at once.
  const partial = `${dir}.${randomUUID()}.tmp`;
  try {
    for (const [path, bytes] of unpacked.tree.files) {
      const target = join(partial, path);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, bytes);
    }
    await mkdir(dirname(dir), { recursive: true });
    await rename(partial, dir).catch((error: NodeJS.ErrnoException) => {
      // Another unpack of the same (content-addressed) package landed first: its files are these files.
      if (!existsSync(dir)) throw error;
    });
  } finally {
    await rm(partial, { recursive: true, force: true });
  }
}

function refused(message: string) {
  return validationError([{ name: 'agentRuntimeArtifact.codeConfiguration.code.s3', message }]);
}
