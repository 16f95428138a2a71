import { type Diagnostic, makeDiagnostic } from '../diagnostics/index.js';
import type { DeployMode, ModeSource, RequestedMode } from './types.js';

/** Chooses Harness or Runtime from the deployed set (spec §4); skills, MCP and tools never influence it. */
export function chooseMode(
  requested: RequestedMode,
  source: 'manifest' | 'request',
  agentCount: number,
  entry: string,
): { mode: DeployMode; source: ModeSource; reason: string; diagnostic?: Diagnostic } {
  if (requested === 'runtime') return { mode: 'runtime', source, reason: `runtime requested by ${source}` };
  if (requested === 'harness') {
    if (agentCount <= 1) return { mode: 'harness', source, reason: `harness requested by ${source}` };
    return {
      mode: 'harness',
      source,
      reason: `harness requested by ${source}`,
      diagnostic: makeDiagnostic(
        'harness.team_unsupported',
        'project',
        `A Harness runs one agent, but ${agentCount} agents are deployed; use mode: runtime or an entry without subagents.`,
      ),
    };
  }
  if (agentCount <= 1) {
    return {
      mode: 'harness',
      source: 'auto',
      reason:
        'auto: single agent without subagents, deployed as a config-only AgentCore Harness (no container build)',
    };
  }
  return {
    mode: 'runtime',
    source: 'auto',
    reason: `auto: ${agentCount} agents with delegation under entry '${entry}', deployed together in one AgentCore Runtime container`,
  };
}
