import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  InvokeAgentRuntimeCommand,
  InvokeHarnessCommand,
  type InvokeHarnessStreamOutput,
  RuntimeClientError,
  StopRuntimeSessionCommand,
  ValidationException,
} from '@aws-sdk/client-bedrock-agentcore';
import { CreateAgentRuntimeCommand, CreateHarnessCommand } from '@aws-sdk/client-bedrock-agentcore-control';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ScriptedModel, startScriptedModel } from '../../../../local/model/index.js';
import { type McpFixture, startMcpFixture } from '../../../fixtures/start-mcp-fixture.js';
import {
  armImage,
  brokenImage,
  type EmulatorFixture,
  Region,
  RoleArn,
  sessionId,
  startFixture,
} from './emulator-fixture.js';

const json = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));

describe('startAgentCoreEmulator — data plane', () => {
  let f: EmulatorFixture;
  let model: ScriptedModel;
  let mcp: McpFixture;
  let s3rver: S3rver;
  let s3Dir: string;
  let s3Endpoint: string;

  beforeAll(async () => {
    model = await startScriptedModel();
    mcp = await startMcpFixture('k1', ['lookup']);
    s3Dir = mkdtempSync(join(tmpdir(), 's3rver-'));
    s3rver = new S3rver({
      port: 0,
      address: '127.0.0.1',
      silent: true,
      directory: s3Dir,
      configureBuckets: [{ name: 'artifacts', configs: [] }],
    });
    const { port } = await s3rver.run();
    s3Endpoint = `http://127.0.0.1:${port}`;
    const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
    const s3 = new S3Client({ endpoint: s3Endpoint, region: Region, credentials, forcePathStyle: true });
    await s3.send(
      new PutObjectCommand({
        Bucket: 'artifacts',
        Key: 'skills/helper/abc/notes/SKILL.md',
        Body: '---\nname: notes\ndescription: Take notes in a fixed format.\n---\nWrite notes as bullet points.\n',
      }),
    );
    s3.destroy();
    f = await startFixture({
      modelEndpoint: model.endpoint,
      s3: { endpoint: s3Endpoint, region: Region, credentials },
    });
  });

  afterAll(async () => {
    const pids = f.emulator.runningAgentPids();
    await f.close();
    for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow();
    await expect(fetch(`${f.emulator.controlEndpoint}/runtimes/`, { method: 'POST' })).rejects.toThrow();
    await Promise.all([model.stop(), mcp.stop(), s3rver.close()]);
    rmSync(s3Dir, { recursive: true, force: true });
  });

  describe('InvokeAgentRuntime', () => {
    let runtimeArn: string;
    beforeAll(async () => {
      const runtime = await f.control.send(
        new CreateAgentRuntimeCommand({
          agentRuntimeName: 'echo',
          roleArn: RoleArn,
          agentRuntimeArtifact: { containerConfiguration: { containerUri: armImage } },
          environmentVariables: { FIXTURE_GREETING: 'hi from env' },
        }),
      );
      runtimeArn = runtime.agentRuntimeArn!;
    });

    it('runs the version image once and forwards payload, content type and session id', async () => {
      const session = sessionId('first');
      const invoke = (prompt: string) =>
        f.data.send(
          new InvokeAgentRuntimeCommand({
            agentRuntimeArn: runtimeArn,
            runtimeSessionId: session,
            contentType: 'application/json',
            accept: 'application/json',
            payload: json({ prompt }),
          }),
        );
      const first = await invoke('hello');
      expect(first.contentType).toContain('application/json');
      expect(first.runtimeSessionId).toBe(session);
      expect(JSON.parse(await first.response!.transformToString())).toEqual({
        result: 'echo: hello',
        greeting: 'hi from env',
        model: model.endpoint,
        session,
      });
      const pids = f.emulator.runningAgentPids();
      expect(pids).toHaveLength(1);
      const second = await invoke('again');
      expect(JSON.parse(await second.response!.transformToString()).result).toBe('echo: again');
      expect(f.emulator.runningAgentPids()).toEqual(pids);

      const stopped = await f.data.send(
        new StopRuntimeSessionCommand({ agentRuntimeArn: runtimeArn, runtimeSessionId: session }),
      );
      expect(stopped.runtimeSessionId).toBe(session);
    });

    it('rejects a session id under 33 characters with ValidationException', async () => {
      const error = await f.data
        .send(
          new InvokeAgentRuntimeCommand({
            agentRuntimeArn: runtimeArn,
            runtimeSessionId: 'too-short',
            payload: json({}),
          }),
        )
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationException);
      expect((error as ValidationException).fieldList?.map((p) => p.name)).toEqual(['runtimeSessionId']);
    });

    it('maps a container error answer to 424 RuntimeClientError', async () => {
      const error = await f.data
        .send(
          new InvokeAgentRuntimeCommand({
            agentRuntimeArn: runtimeArn,
            runtimeSessionId: sessionId('bad'),
            contentType: 'application/json',
            payload: new TextEncoder().encode('{not json'),
          }),
        )
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RuntimeClientError);
      expect(error).toMatchObject({ $metadata: { httpStatusCode: 424 } });
    });
  });

  describe('when the runtime container fails to start', () => {
    it('answers 424 RuntimeClientError with the container output and leaves no process behind', async () => {
      const runtime = await f.control.send(
        new CreateAgentRuntimeCommand({
          agentRuntimeName: 'broken',
          roleArn: RoleArn,
          agentRuntimeArtifact: { containerConfiguration: { containerUri: brokenImage } },
        }),
      );
      const before = f.emulator.runningAgentPids();
      const error = await f.data
        .send(
          new InvokeAgentRuntimeCommand({
            agentRuntimeArn: runtime.agentRuntimeArn,
            runtimeSessionId: sessionId('broken'),
            payload: json({ prompt: 'x' }),
          }),
        )
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RuntimeClientError);
      expect((error as Error).message).toContain('agent failed: missing module');
      expect(f.emulator.runningAgentPids()).toEqual(before);
    });
  });

  describe('InvokeHarness', () => {
    /** Names every tool of the harness: the scripted model calls only the tools a prompt asks for. */
    const Prompt = 'what about tabs: use the sandbox, lookup and the notes skill';
    it('streams the agent loop as an AWS event stream the SDK parses, using MCP and skills, failing the sandbox tools', async () => {
      const created = await f.control.send(
        new CreateHarnessCommand({
          harnessName: 'helper',
          executionRoleArn: RoleArn,
          systemPrompt: [{ text: 'You help with docs.' }],
          tools: [
            {
              type: 'remote_mcp',
              name: 'docs',
              config: { remoteMcp: { url: mcp.url, headers: { Authorization: 'Bearer k1' } } },
            },
            { type: 'remote_mcp', name: 'offline', config: { remoteMcp: { url: 'http://127.0.0.1:9/mcp' } } },
          ],
          skills: [{ s3: { uri: 's3://artifacts/skills/helper/abc/notes/' } }],
          memory: { disabled: {} },
        }),
      );
      const session = sessionId('harness');
      const out = await f.data.send(
        new InvokeHarnessCommand({
          harnessArn: created.harness!.arn,
          runtimeSessionId: session,
          messages: [{ role: 'user', content: [{ text: Prompt }] }],
        }),
      );
      const events: InvokeHarnessStreamOutput[] = [];
      for await (const event of out.stream!) events.push(event);

      const kinds = events.map((e) => Object.keys(e)[0]);
      expect(kinds[0]).toBe('messageStart');
      expect(kinds.at(-1)).toBe('metadata');
      const toolUses = events.flatMap((e) =>
        e.contentBlockStart?.start?.toolUse ? [e.contentBlockStart.start.toolUse] : [],
      );
      expect(toolUses.map((t) => [t.name, t.type, t.serverName])).toEqual([
        ['shell', 'tool_use', undefined],
        ['file_operations', 'tool_use', undefined],
        ['lookup', 'mcp_tool_use', 'docs'],
        ['skills', 'tool_use', undefined],
      ]);
      const stops = events.flatMap((e) => (e.messageStop ? [e.messageStop.stopReason] : []));
      expect(stops).toEqual([
        'tool_use',
        'tool_result',
        'tool_use',
        'tool_result',
        'tool_use',
        'tool_result',
        'tool_use',
        'tool_result',
        'end_turn',
      ]);
      const text = events.flatMap((e) =>
        e.contentBlockDelta?.delta?.text ? [e.contentBlockDelta.delta.text] : [],
      );
      expect(text.join('')).toContain(`lookup answered ${Prompt}`);
      // The local cloud has no sandbox: its tools are offered as on AWS, and every call of them fails.
      const results = events.flatMap((e) =>
        e.contentBlockStart?.start?.toolResult ? [e.contentBlockStart.start.toolResult.status] : [],
      );
      expect(results).toEqual(['error', 'error', 'success', 'success']);
      const resultTexts = events.flatMap((e) =>
        (e.contentBlockDelta?.delta?.toolResult ?? []).flatMap((part) => (part.text ? [part.text] : [])),
      );
      expect(resultTexts[0]).toContain('The shell tool is not available on the local cloud.');
      expect(text.join('')).toContain('Write notes as bullet points.');
      expect(events.at(-1)?.metadata?.usage?.totalTokens).toBeGreaterThan(0);
      expect(mcp.calls).toEqual([`lookup:${JSON.stringify({ query: Prompt })}`]);
      expect(f.emulator.harnessInvocations()).toEqual([
        {
          harnessId: created.harness!.harnessId,
          runtimeSessionId: session,
          qualifier: 'DEFAULT',
          version: '1',
          builtinToolCalls: ['shell', 'file_operations'],
          skippedMcpServers: [{ name: 'offline', url: 'http://127.0.0.1:9/mcp', reason: expect.any(String) }],
          skills: ['notes'],
          notes: [],
        },
      ]);
    });

    it('stops at the maxIterations override with max_iterations_exceeded', async () => {
      const created = await f.control.send(
        new CreateHarnessCommand({ harnessName: 'limited', executionRoleArn: RoleArn }),
      );
      const out = await f.data.send(
        new InvokeHarnessCommand({
          harnessArn: created.harness!.arn,
          runtimeSessionId: sessionId('limited'),
          maxIterations: 1,
          messages: [{ role: 'user', content: [{ text: 'run it in the sandbox' }] }],
        }),
      );
      const kinds: string[] = [];
      for await (const event of out.stream!) {
        kinds.push(
          event.messageStop ? `messageStop:${event.messageStop.stopReason}` : Object.keys(event)[0]!,
        );
      }
      expect(kinds).toEqual([
        'messageStart',
        'contentBlockStart',
        'contentBlockDelta',
        'contentBlockStop',
        'messageStop:max_iterations_exceeded',
        'metadata',
      ]);
    });

    it('rejects an unknown endpoint qualifier with ResourceNotFoundException', async () => {
      const created = await f.control.send(
        new CreateHarnessCommand({ harnessName: 'qualified', executionRoleArn: RoleArn }),
      );
      const error = await f.data
        .send(
          new InvokeHarnessCommand({
            harnessArn: created.harness!.arn,
            qualifier: 'nope',
            runtimeSessionId: sessionId('qualifier'),
            messages: [{ role: 'user', content: [{ text: 'hi' }] }],
          }),
        )
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'ResourceNotFoundException', $metadata: { httpStatusCode: 404 } });
    });

    it('rejects a harness ARN that does not exist and a missing session id', async () => {
      const arn = 'arn:aws:bedrock-agentcore:us-west-2:000000000000:harness/ghost-0123456789';
      await expect(
        f.data.send(
          new InvokeHarnessCommand({
            harnessArn: arn,
            runtimeSessionId: sessionId('ghost'),
            messages: [{ role: 'user', content: [{ text: 'hi' }] }],
          }),
        ),
      ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
      await expect(
        f.data.send(
          new InvokeHarnessCommand({
            harnessArn: arn,
            // The SDK types every required member as `| undefined`; it does not check them (agentcore-api §1.2).
            runtimeSessionId: undefined,
            messages: [{ role: 'user', content: [{ text: 'hi' }] }],
          }),
        ),
      ).rejects.toBeInstanceOf(ValidationException);
    });
  });
});
