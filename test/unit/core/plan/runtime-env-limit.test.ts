import { describe, expect, it } from 'vitest';
import {
  MaxRuntimeEnvVars,
  PipelineRuntimeVariables,
  pipelineVariableCount,
  planDeploy,
} from '../../../../core/plan/index.js';
import { makeTree } from '../../../support/file-tree.js';

/** A team whose worker's MCP server has `count` templated headers (one secret variable each), memory as given. */
function teamWithSecretVariables(count: number, memory: boolean) {
  const headers = Object.fromEntries(Array.from({ length: count }, (_, i) => [`X-K${i}`, `\${K${i}}`]));
  return makeTree({
    '.managed-agents/lead/agent.md': '---\nsubagents: [worker]\n---\nLead the work.\n',
    '.managed-agents/worker/agent.md': '---\ntools: []\n---\nDo the work.\n',
    '.managed-agents/worker/mcp.json': JSON.stringify({
      mcpServers: { a: { url: 'https://x.example', headers } },
    }),
    ...(memory ? { 'agentdrop.yaml': 'memory: {enabled: true}\n' } : {}),
  });
}

const limitFindings = (count: number, memory: boolean) =>
  planDeploy(teamWithSecretVariables(count, memory), { project: 'demo', mode: 'runtime' }).diagnostics.filter(
    (d) => d.code === 'runtime.env_limit',
  );

describe('runtime.env_limit counts the variables the pipeline adds', () => {
  it('reserves the fingerprint and the traces switch, and the memory id with memory', () => {
    expect(pipelineVariableCount(false)).toBe(2);
    expect(pipelineVariableCount(true)).toBe(3);
    expect(Object.values(PipelineRuntimeVariables)).toEqual([
      'AGENTDROP_FINGERPRINT',
      'AGENTDROP_MEMORY_ID',
      'AGENT_OBSERVABILITY_ENABLED',
    ]);
  });

  it('allows 48 secret variables without memory and refuses 49', () => {
    expect(limitFindings(MaxRuntimeEnvVars - 2, false)).toEqual([]);
    const [finding] = limitFindings(MaxRuntimeEnvVars - 1, false);
    expect(finding?.level).toBe('error');
    expect(finding?.message).toBe(
      "49 secret variables and the pipeline's 2 exceed AgentCore's limit of 50 environment variables (at most 48 secret variables).",
    );
  });

  it('allows 47 secret variables with memory and refuses 48', () => {
    expect(limitFindings(MaxRuntimeEnvVars - 3, true)).toEqual([]);
    expect(limitFindings(MaxRuntimeEnvVars - 2, true).map((d) => d.level)).toEqual(['error']);
  });
});
