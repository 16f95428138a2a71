import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BedrockAgentCoreClient } from '@aws-sdk/client-bedrock-agentcore';
import { BedrockAgentCoreControlClient } from '@aws-sdk/client-bedrock-agentcore-control';
import {
  type AgentCoreEmulator,
  type AgentCoreEmulatorOptions,
  type EcrImageRecord,
  startAgentCoreEmulator,
} from '../../../../local/agentcore/index.js';

export const Account = '000000000000';
export const Region = 'us-west-2';
export const RoleArn = `arn:aws:iam::${Account}:role/agentdrop-runtime`;
export const Registry = `${Account}.dkr.ecr.${Region}.amazonaws.com`;
export const ArmDigest = `sha256:${'a'.repeat(64)}`;
export const AmdDigest = `sha256:${'b'.repeat(64)}`;

/** The fixture agent: a BedrockAgentCoreApp echoing the prompt, one env var and the session id. */
const fixtureAgent = `import { BedrockAgentCoreApp } from 'bedrock-agentcore/runtime';
const app = new BedrockAgentCoreApp({ invocationHandler: {
  process: async (request, context) => ({
    result: 'echo: ' + request.prompt,
    greeting: process.env.FIXTURE_GREETING ?? null,
    model: process.env.AGENTDROP_MODEL_BASE_URL ?? null,
    session: context.sessionId,
  }),
} });
app.run({ port: Number(process.env.PORT), host: process.env.HOST });
`;

/** An agent that fails while starting, as a container with a broken entry point does. */
const brokenAgent = `console.error('agent failed: missing module');\nprocess.exit(3);\n`;

/** Writes a fixture image context under test/fixtures/generated/ and returns its directory. */
export function writeFixtureContext(name: string, source = fixtureAgent): string {
  const dir = resolve('test/fixtures/generated/agentcore', name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'agent.mjs'), source);
  return dir;
}

/**
 * A local ECR registry: repository `agents/echo` holds one arm64 and one amd64 image of the echo agent,
 * `agents/broken` one arm64 image whose agent exits at start.
 */
export function fakeEcr(contextDir: string): AgentCoreEmulatorOptions['ecr'] {
  const brokenDir = writeFixtureContext('broken', brokenAgent);
  const images: Record<string, EcrImageRecord> = {
    [`agents/echo@${ArmDigest}`]: { digest: ArmDigest, architecture: 'arm64', os: 'linux', contextDir },
    [`agents/echo@${AmdDigest}`]: { digest: AmdDigest, architecture: 'amd64', os: 'linux', contextDir },
    [`agents/broken@${ArmDigest}`]: {
      digest: ArmDigest,
      architecture: 'arm64',
      os: 'linux',
      contextDir: brokenDir,
    },
  };
  return { findImage: (repository, digestOrTag) => images[`${repository}@${digestOrTag}`] };
}

export const armImage = `${Registry}/agents/echo@${ArmDigest}`;
export const amdImage = `${Registry}/agents/echo@${AmdDigest}`;
export const brokenImage = `${Registry}/agents/broken@${ArmDigest}`;

/** A started emulator with real SDK clients pointed at it. */
export interface EmulatorFixture {
  readonly emulator: AgentCoreEmulator;
  readonly control: BedrockAgentCoreControlClient;
  readonly data: BedrockAgentCoreClient;
  readonly dataDir: string;
  /** The emulator's clock (epoch ms); tests move it instead of sleeping. */
  readonly clock: { ms: number };
  /** Moves the emulator's clock forward. */
  advance(ms: number): void;
  /** Stops the emulator and removes the data directory unless `keepData`. */
  close(keepData?: boolean): Promise<void>;
}

/** Starts an emulator on a fresh data directory (or `dataDir`), with overrides. */
export async function startFixture(
  overrides: Partial<AgentCoreEmulatorOptions> = {},
  clientOptions: { maxAttempts?: number; clock?: { ms: number } } = {},
): Promise<EmulatorFixture> {
  const clock = clientOptions.clock ?? { ms: Date.now() };
  const dataDir = overrides.dataDir ?? mkdtempSync(join(tmpdir(), 'agentcore-'));
  const emulator = await startAgentCoreEmulator({
    dataDir,
    region: Region,
    accountId: Account,
    ecr: fakeEcr(writeFixtureContext('echo')),
    s3: {
      endpoint: 'http://127.0.0.1:9',
      region: Region,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    },
    modelEndpoint: 'http://127.0.0.1:9/v1',
    now: () => clock.ms,
    ...overrides,
  });
  const config = {
    region: Region,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: clientOptions.maxAttempts ?? 1,
  };
  const control = new BedrockAgentCoreControlClient({ ...config, endpoint: emulator.controlEndpoint });
  const data = new BedrockAgentCoreClient({ ...config, endpoint: emulator.dataEndpoint });
  return {
    emulator,
    control,
    data,
    dataDir,
    clock,
    advance: (ms) => {
      clock.ms += ms;
    },
    close: async (keepData = false) => {
      control.destroy();
      data.destroy();
      await emulator.stop();
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A runtime session id of 40 characters (the service wants at least 33). */
export function sessionId(tag: string): string {
  return `${tag}-${'0'.repeat(40)}`.slice(0, 40);
}
