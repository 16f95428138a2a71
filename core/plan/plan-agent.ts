import { compareCodePoints, type Diagnostic, makeDiagnostic } from '../diagnostics/index.js';
import type { AgentSource, McpServerSource, Project, SkillSource } from '../folder/index.js';
import { resolveMcp, resolveSkills } from './attachments.js';
import { attachBuiltins, DefaultRuntimeBuiltins } from './builtins.js';
import { inlineKnowledge } from './knowledge-inline.js';
import { DefaultModel, resolveModel } from './models.js';
import type { PlanOptions } from './plan-deploy.js';
import type { AgentPlan, DeployMode, McpPlan } from './types.js';

/** What planning one agent records for the plan-wide checks (servers, skills). */
export interface AgentUses {
  readonly servers: { agent: string; server: McpServerSource }[];
  readonly skills: { agent: string; skill: SkillSource }[];
}

/**
 * Plans one deployed agent: model, instruction with knowledge, built-ins, skills and MCP servers
 * (spec §3.4–§3.8, §5, §8). Findings go to `diagnostics`; attachments to `uses`.
 */
export function planAgent(
  agent: AgentSource,
  project: Project,
  mode: DeployMode,
  region: string,
  options: PlanOptions,
  skipUnsupported: boolean,
  diagnostics: Diagnostic[],
  uses: AgentUses,
): AgentPlan {
  const where = `agent:${agent.name}`;
  const folderModel =
    agent.model ?? project.manifest.defaultModel ?? options.stackDefaultModel ?? DefaultModel;
  const model = resolveModel(folderModel, region, where);
  diagnostics.push(model.diagnostic);
  const knowledge = inlineKnowledge(agent, where);
  diagnostics.push(...knowledge.diagnostics);
  const builtins = attachBuiltins(
    agent.tools,
    mode,
    agent.name,
    where,
    options.runtimeBuiltins ?? DefaultRuntimeBuiltins,
  );
  diagnostics.push(...builtins.diagnostics);

  const skills = resolveSkills(agent, project);
  diagnostics.push(...skills.diagnostics);
  for (const skill of skills.items) uses.skills.push({ agent: agent.name, skill });

  const servers = resolveMcp(agent, project);
  diagnostics.push(...servers.diagnostics);
  const mcp: McpPlan[] = [];
  for (const server of servers.items) {
    const serverWhere = `mcp:${agent.name}/${server.name}`;
    if (server.transport === 'stdio') {
      diagnostics.push(
        skipUnsupported
          ? makeDiagnostic(
              'mcp.stdio_skipped',
              serverWhere,
              `stdio server '${server.name}' cannot run on AgentCore and is left out.`,
            )
          : makeDiagnostic(
              'mcp.stdio_unsupported',
              serverWhere,
              `stdio server '${server.name}' cannot run on AgentCore; host it over HTTPS (or set skipUnsupported: true).`,
            ),
      );
      continue;
    }
    uses.servers.push({ agent: agent.name, server });
    mcp.push(mcpPlan(server, mode, serverWhere, diagnostics));
  }
  mcp.sort((a, b) => compareCodePoints(a.server, b.server));
  return {
    name: agent.name,
    description: agent.description,
    folderModel,
    model: model.model ?? folderModel,
    instruction: knowledge.instruction,
    knowledge: knowledge.knowledge,
    mcp,
    skills: skills.items.map((skill) => skill.name).sort(compareCodePoints),
    subagents: agent.subagents,
    builtinTools: agent.tools.builtins,
    builtinToolTypes: builtins.types,
  };
}

function mcpPlan(
  server: McpServerSource,
  mode: DeployMode,
  where: string,
  diagnostics: Diagnostic[],
): McpPlan {
  const allowed = server.allowedTools;
  const approvals = (allowed ?? [])
    .filter((tool) => tool.policy === 'ask')
    .map((tool) => tool.name)
    .sort(compareCodePoints);
  if (approvals.length > 0) {
    diagnostics.push(
      makeDiagnostic(
        'tools.approval_unsupported',
        where,
        `Server '${server.name}': approval (:ask) is not supported; ${approvals.join(', ')} run(s) without a prompt.`,
      ),
    );
  }
  if (mode === 'harness' && allowed !== null) {
    diagnostics.push(
      makeDiagnostic(
        'harness.mcp_filter_unenforced',
        where,
        `The Harness does not enforce allowedTools of server '${server.name}'; every tool of the server is available.`,
      ),
    );
  }
  return {
    server: server.name,
    url: server.url ?? '',
    headers: server.headers,
    allowedTools: allowed === null ? null : allowed.map((tool) => tool.name).sort(compareCodePoints),
    approvals,
    filterEnforced: mode === 'runtime',
  };
}
