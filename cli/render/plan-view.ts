import type { Diagnostic } from '../../core/diagnostics/index.js';
import type { AgentPlan, Plan } from '../../core/plan/index.js';

const Levels = [
  ['error', 'Errors'],
  ['warning', 'Warnings'],
  ['info', 'Info'],
] as const;

/** Human view of a plan: what would be deployed, why, and every diagnostic grouped by level. */
export function renderPlan(plan: Plan): string {
  const lines: string[] = [];
  const field = (label: string, value: string): void => {
    lines.push(`${label.padEnd(11)}${value}`);
  };
  field('Project', plan.project);
  field('Mode', plan.mode ? `${plan.mode} — ${plan.reason}` : plan.reason);
  if (plan.name) field('Resource', `${plan.name}${plan.nameTruncated ? ' (shortened)' : ''}`);
  field('Region', plan.region);
  if (plan.ecrRepository) field('Image', `${plan.ecrRepository}:${plan.imageTag ?? '(after fixing errors)'}`);
  if (plan.code) {
    field(
      'Code',
      `${plan.code.runtime} ${plan.code.entryPoint.join(' ')} (agent ${plan.code.agentBundleHash.slice(0, 12)}, no image build)`,
    );
  }
  if (plan.agents.length > 0) {
    lines.push('', 'Agents');
    for (const agent of plan.agents) lines.push(...agentLines(agent, plan));
  }
  if (plan.skillBundles.length > 0) {
    lines.push('', 'Skills');
    for (const skill of plan.skillBundles) {
      lines.push(
        `  ${skill.name}  ${skill.contentHash.slice(0, 12)}  ${skill.files.length} file(s)  used by ${skill.usedBy.join(', ')}`,
      );
    }
  }
  const servers = plan.agents.flatMap((agent) => agent.mcp.map((mcp) => ({ agent: agent.name, mcp })));
  if (servers.length > 0) {
    lines.push('', 'MCP servers');
    for (const { agent, mcp } of servers) {
      const secrets = plan.secretBindings
        .filter((b) => b.agent === agent && b.server === mcp.server)
        .map((b) => b.secretId);
      const filter =
        mcp.allowedTools === null ? 'all tools' : `tools ${mcp.allowedTools.join(', ') || '(none)'}`;
      const enforced = mcp.allowedTools !== null && !mcp.filterEnforced ? ' (not enforced)' : '';
      lines.push(`  ${agent}/${mcp.server}  ${mcp.url}`);
      lines.push(`      ${filter}${enforced}${secrets.length > 0 ? `; secrets ${secrets.join(', ')}` : ''}`);
    }
  }
  lines.push('', 'Diagnostics');
  for (const [level, title] of Levels) {
    const list = plan.diagnostics.filter((d) => d.level === level);
    lines.push(`  ${title} (${list.length})`);
    for (const diagnostic of list) lines.push(`    ${diagnosticLine(diagnostic)}`);
  }
  lines.push('');
  if (plan.specHash) field('Spec hash', plan.specHash);
  lines.push(`Deployable: ${plan.deployable ? 'yes' : 'no'}`);
  return `${lines.join('\n')}\n`;
}

function agentLines(agent: AgentPlan, plan: Plan): string[] {
  const parents = plan.agents
    .filter((other) => other.subagents.includes(agent.name))
    .map((other) => other.name);
  const role =
    agent.name === plan.root
      ? 'entry'
      : parents.length > 0
        ? `subagent of ${parents.join(', ')}`
        : 'not reachable';
  const lines = [`  ${agent.name}  (${role})  ${agent.folderModel} → ${agent.model}`];
  if (agent.subagents.length > 0) lines.push(`      delegates to ${agent.subagents.join(', ')}`);
  const tools = agent.builtinToolTypes.length > 0 ? agent.builtinToolTypes.join(', ') : 'none';
  lines.push(`      built-ins ${agent.builtinTools.join(', ') || '(none)'} → ${tools}`);
  if (agent.skills.length > 0) lines.push(`      skills ${agent.skills.join(', ')}`);
  if (agent.knowledge.inlined.length > 0) lines.push(`      knowledge ${agent.knowledge.inlined.join(', ')}`);
  return lines;
}

/** One line per diagnostic: `code  where  message`, with line breaks folded. */
export function diagnosticLine(diagnostic: Diagnostic): string {
  return `${diagnostic.code}  ${diagnostic.where}  ${diagnostic.message.replace(/\s*\n\s*/g, ' ')}`;
}
