import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import {
  Agent,
  type JSONSchema,
  McpClient,
  type MessageData,
  type ToolList,
  tool,
} from '@strands-agents/sdk';
import { OpenAIModel } from '@strands-agents/sdk/models/openai';
import { AgentSkills, Skill } from '@strands-agents/sdk/vended-plugins/skills';
import { parse as parseYaml } from 'yaml';
import { EmulatedS3Options } from '../../functions/lib/emulated-s3-options.js';
import { InternalCaller } from '../faults/index.js';
import { matchesAllowedTools } from './match-allowed-tools.js';
import type { AgentCoreEmulatorOptions } from './types.js';

/** A Strands agent assembled from a harness configuration, with what the emulator noted while doing so. */
export interface HarnessAgent {
  readonly agent: Agent;
  /** MCP tool name → server (harness tool) name, for `mcp_tool_use` blocks. */
  readonly toolServers: ReadonlyMap<string, string>;
  readonly builtinToolCalls: string[];
  readonly skippedMcpServers: { name: string; url: string; reason: string }[];
  readonly skills: string[];
  readonly notes: string[];
  /** Disconnects the MCP clients. */
  close(): Promise<void>;
}

interface HarnessTool {
  readonly type: string;
  readonly name?: string;
  readonly config?: {
    readonly remoteMcp?: { readonly url: string; readonly headers?: Record<string, string> };
  };
}

const mcpConnectTimeoutMs = 3000;

/**
 * Builds the agent a harness runs (agentcore-api.md §12): the model is always the local OpenAI-compatible
 * endpoint (the configured `modelId` is passed on); remote MCP servers are connected, and one that cannot be
 * reached is skipped and noted instead of failing the invocation (DESIGN §5.1); S3 skills are read from the
 * S3 emulator; `shell`, `file_operations`, browser and code interpreter are offered as the service offers them,
 * but every call fails: the local cloud has none of them (DESIGN §8). The emulator notes each call.
 */
export async function buildHarnessAgent(
  options: AgentCoreEmulatorOptions,
  config: Record<string, unknown>,
  history: readonly MessageData[],
): Promise<HarnessAgent> {
  const builtinToolCalls: string[] = [];
  const skippedMcpServers: { name: string; url: string; reason: string }[] = [];
  const notes: string[] = [];
  const toolServers = new Map<string, string>();
  const clients: McpClient[] = [];
  const allowed = config.allowedTools as string[] | undefined;
  const tools: ToolList = [];
  const standIn = (
    name: string,
    description: string,
    properties: NonNullable<JSONSchema['properties']>,
    required: string[],
  ): void => {
    if (!matchesAllowedTools(allowed, name, undefined)) return;
    tools.push(
      tool({
        name,
        description,
        inputSchema: { type: 'object', properties, required },
        callback: (): never => {
          builtinToolCalls.push(name);
          // The local cloud has no sandbox and no browser: the call fails as it would with no service behind
          // it, so no receipt can count it as exercised (DESIGN §8).
          throw new Error(`The ${name} tool is not available on the local cloud.`);
        },
      }),
    );
  };
  standIn('shell', 'Run a shell command in the session', { command: { type: 'string' } }, ['command']);
  standIn(
    'file_operations',
    'Read, write or list files in the session',
    {
      operation: { type: 'string' },
      path: { type: 'string' },
      content: { type: 'string' },
    },
    ['operation', 'path'],
  );
  for (const harnessTool of (config.tools as HarnessTool[] | undefined) ?? []) {
    switch (harnessTool.type) {
      case 'remote_mcp': {
        const remote = harnessTool.config?.remoteMcp;
        if (remote === undefined) break;
        const serverName = harnessTool.name ?? serverNameOf(remote.url);
        const client = new McpClient({
          url: remote.url,
          ...(remote.headers !== undefined ? { headers: remote.headers } : {}),
        });
        try {
          const listed = await withTimeout(client.listTools(), mcpConnectTimeoutMs);
          const kept = listed.filter((t) => matchesAllowedTools(allowed, t.name, serverName));
          for (const t of kept) toolServers.set(t.name, serverName);
          tools.push(...kept);
          clients.push(client);
        } catch (error) {
          skippedMcpServers.push({ name: serverName, url: remote.url, reason: (error as Error).message });
          await client.disconnect().catch(() => undefined);
        }
        break;
      }
      case 'agentcore_browser':
        standIn(
          harnessTool.name ?? 'browser',
          'Browse the web',
          {
            url: { type: 'string' },
            action: { type: 'string' },
          },
          ['url'],
        );
        break;
      case 'agentcore_code_interpreter':
        standIn(
          harnessTool.name ?? 'code_interpreter',
          'Run code in a sandbox',
          {
            language: { type: 'string' },
            code: { type: 'string' },
          },
          ['code'],
        );
        break;
      default:
        notes.push(
          `Tool ${harnessTool.name ?? harnessTool.type} of type ${harnessTool.type} is not emulated.`,
        );
    }
  }
  const roleArn = typeof config.executionRoleArn === 'string' ? config.executionRoleArn : undefined;
  const skills = await loadSkills(options, config.skills, notes, roleArn);
  const modelConfig = Object.values(
    (config.model as Record<string, Record<string, unknown>> | undefined) ?? {},
  )[0];
  const model = new OpenAIModel({
    api: 'chat',
    modelId: typeof modelConfig?.modelId === 'string' ? modelConfig.modelId : 'scripted',
    apiKey: 'agentdrop-local',
    clientConfig: { baseURL: options.modelEndpoint, maxRetries: 0 },
    ...(typeof modelConfig?.maxTokens === 'number' ? { maxTokens: modelConfig.maxTokens } : {}),
    ...(typeof modelConfig?.temperature === 'number' ? { temperature: modelConfig.temperature } : {}),
  });
  const systemPrompt = ((config.systemPrompt as { text?: string }[] | undefined) ?? [])
    .flatMap((block) => (typeof block.text === 'string' ? [block.text] : []))
    .join('\n\n');
  const agent = new Agent({
    model,
    tools,
    messages: [...history],
    printer: false,
    ...(systemPrompt !== '' ? { systemPrompt } : {}),
    ...(skills.length > 0 ? { plugins: [new AgentSkills({ skills })] } : {}),
  });
  return {
    agent,
    toolServers,
    builtinToolCalls,
    skippedMcpServers,
    skills: skills.map((s) => s.name),
    notes,
    close: async () => {
      await Promise.all(clients.map((c) => c.disconnect().catch(() => undefined)));
    },
  };
}

/**
 * Reads `s3://bucket/prefix/` skills from the S3 emulator; the skill is named by its last path segment. AgentCore
 * reads them as the execution role: a listing or read the role may not make is noted like any unreadable skill.
 */
async function loadSkills(
  options: AgentCoreEmulatorOptions,
  sources: unknown,
  notes: string[],
  roleArn: string | undefined,
): Promise<Skill[]> {
  const asRole = (action: string, resource: string, context?: Record<string, string>) => {
    const denied =
      roleArn === undefined
        ? undefined
        : options.authorizeRole?.(roleArn, [{ action, resource, ...(context ? { context } : {}) }]);
    if (denied !== undefined) throw new Error(denied);
  };
  const list = Array.isArray(sources) ? (sources as Record<string, { uri?: string }>[]) : [];
  if (list.length === 0) return [];
  const s3 = new S3Client({
    endpoint: options.s3.endpoint,
    region: options.s3.region,
    credentials: options.s3.credentials,
    ...EmulatedS3Options,
    // The harness's own reads, told apart from the pipeline's by the local cloud's call recorder.
    userAgentAppId: InternalCaller.Harness,
  });
  const skills: Skill[] = [];
  try {
    for (const source of list) {
      const uri = source.s3?.uri;
      if (uri === undefined) {
        notes.push(
          `Skill source ${Object.keys(source)[0] ?? 'unknown'} is not emulated; only s3 skills are loaded.`,
        );
        continue;
      }
      const match = /^s3:\/\/([^/]+)\/(.*)$/.exec(uri);
      if (match === null) {
        notes.push(`Skill ${uri} is not an s3://bucket/prefix/ URI.`);
        continue;
      }
      const bucket = match[1]!;
      const prefix = match[2]!.endsWith('/') || match[2] === '' ? match[2]! : `${match[2]}/`;
      const name = prefix.split('/').filter(Boolean).pop() ?? bucket;
      try {
        asRole('s3:ListBucket', `arn:aws:s3:::${bucket}`, { 's3:prefix': prefix });
        const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
        const key = (listed.Contents ?? [])
          .map((o) => o.Key ?? '')
          .find((k) => k === `${prefix}SKILL.md` || k === `${prefix}skill.md`);
        if (key === undefined) {
          notes.push(`Skill ${uri} has no SKILL.md.`);
          continue;
        }
        asRole('s3:GetObject', `arn:aws:s3:::${bucket}/${key}`);
        const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        const text = (await object.Body?.transformToString('utf8')) ?? '';
        skills.push(skillOf(name, text));
      } catch (error) {
        notes.push(`Skill ${uri} could not be read: ${(error as Error).message}`);
      }
    }
  } finally {
    s3.destroy();
  }
  return skills;
}

function skillOf(name: string, text: string): Skill {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  const front = match === null ? {} : (parseYaml(match[1]!) as Record<string, unknown> | null);
  const description = typeof front?.description === 'string' ? front.description : `Skill ${name}`;
  return new Skill({ name, description, instructions: match === null ? text : match[2]! });
}

function serverNameOf(url: string): string {
  try {
    return new URL(url).hostname.replaceAll('.', '_');
  } catch {
    return 'mcp';
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
