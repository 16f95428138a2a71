import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileRuntime } from '../../../core/compile/index.js';
import { type ScriptedModel, startScriptedModel } from '../../../local/model/index.js';
import {
  type SecretsManagerEmulator,
  startSecretsManagerEmulator,
} from '../../../local/secretsmanager/index.js';
import { makeRuntimeTeam } from '../../fixtures/runtime-team.js';
import { type McpFixture, startMcpFixture } from '../../fixtures/start-mcp-fixture.js';
import { invoke, runAgentToExit, startAgent, writeContext } from './generated-agent.js';

const Canary = 'canary-secret-arn-93b1d04c';
const Aws = {
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  AWS_REGION: 'us-west-2',
  AWS_MAX_ATTEMPTS: '1',
};

describe('compileRuntime (secrets from Secrets Manager)', () => {
  let dataDir: string;
  let secrets: SecretsManagerEmulator;
  let model: ScriptedModel;
  let mcp: McpFixture;
  let dir: string;
  let arn: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'agentdrop-compile-sm-'));
    secrets = await startSecretsManagerEmulator({ dataDir });
    const client = new SecretsManagerClient({
      endpoint: secrets.endpoint,
      region: 'us-west-2',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    arn = (await client.send(new CreateSecretCommand({ Name: 'agentdrop/DOCS_TOKEN', SecretString: Canary })))
      .ARN!;
    client.destroy();
    model = await startScriptedModel();
    mcp = await startMcpFixture(Canary);
    const { plan, tree } = makeRuntimeTeam({ mcpUrl: mcp.url });
    dir = writeContext(compileRuntime(plan, tree), 'team-secrets');
  });
  afterAll(async () => {
    await mcp?.stop();
    await model?.stop();
    await secrets?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  describe('when the variable holds the secret ARN', () => {
    it('reads the secret at start-up and sends it as the MCP header', async () => {
      const agent = await startAgent(dir, {
        ...Aws,
        AGENTDROP_MODEL_PROVIDER: 'openai',
        AGENTDROP_MODEL_BASE_URL: model.endpoint,
        AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.endpoint,
        AGENTDROP_MCP_DOCS_AUTHORIZATION: arn,
      });
      try {
        const res = await invoke(agent.url, { query: 'rate limits: triage, researcher, search_docs' });
        const body = (await res.json()) as { result: string; trace: { tool: string; ok: boolean }[] };
        expect(body.trace.find((e) => e.tool === 'search_docs')).toMatchObject({ ok: true });
        expect(mcp.calls).toContain('search_docs:{"query":"rate limits: triage, researcher, search_docs"}');
        expect(mcp.refused()).toBe(0);
        expect(agent.output()).toContain('"message":"secret resolved","secret":"DOCS_TOKEN"');
        expect(agent.output()).not.toContain(Canary);
      } finally {
        await agent.stop();
      }
    });
  });

  describe('when the ARN names no secret', () => {
    it('fails start-up naming the variable and the error', async () => {
      const { code, output } = await runAgentToExit(dir, {
        ...Aws,
        AGENTDROP_MODEL_PROVIDER: 'openai',
        AGENTDROP_MODEL_BASE_URL: model.endpoint,
        AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.endpoint,
        AGENTDROP_MCP_DOCS_AUTHORIZATION: arn.replace('DOCS_TOKEN', 'GONE_TOKEN'),
      });
      expect(code).toBe(1);
      expect(output).toContain(
        'agentdrop: cannot read secret DOCS_TOKEN named by AGENTDROP_MCP_DOCS_AUTHORIZATION (ResourceNotFoundException).',
      );
    });
  });
});
