import { compareCodePoints, type Diagnostic, makeDiagnostic } from '../diagnostics/index.js';
import { type McpServerSource, templatedSecretName } from '../folder/index.js';
import { sha256Hex } from './sha256.js';
import type { DeployMode, SecretBinding } from './types.js';

/** Default Secrets Manager prefix (spec §1.4). */
export const DefaultSecretPrefix = 'agentdrop/';
/** AgentCore allows at most 50 environment variables (spec §7.2). */
export const MaxRuntimeEnvVars = 50;
/** Longest variable name that leaves room for the `_VALUE` twin within AgentCore's 100 (spec §7.2). */
const MaxEnvNameLength = 94;

/**
 * One binding per templated MCP header of the deployed agents, with Runtime variable names; never a
 * value (spec §7.2). Checks variable collisions (including `_VALUE` twins) and the variable limit, which the
 * `pipelineVariables` the pipeline sets beside them (`pipelineVariableCount`) share.
 */
export function bindSecrets(
  uses: readonly { agent: string; server: McpServerSource }[],
  mode: DeployMode,
  secretPrefix: string,
  pipelineVariables: number,
): { bindings: SecretBinding[]; names: string[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const bindings: SecretBinding[] = [];
  const owners = new Map<string, string>();
  const variables = new Set<string>();
  for (const { agent, server } of uses) {
    for (const [header, value] of Object.entries(server.headers)) {
      const name = templatedSecretName(value);
      if (!name) continue;
      let envVar: string | null = null;
      if (mode === 'runtime') {
        envVar = envVarName(server.name, header, diagnostics);
        const pair = `${server.name}/${header}`;
        for (const variable of [envVar, `${envVar}_VALUE`]) {
          const owner = owners.get(variable);
          if (owner !== undefined && owner !== pair) {
            diagnostics.push(
              makeDiagnostic(
                'secret.env_collision',
                `mcp:${agent}/${server.name}`,
                `Variable ${variable} would serve both ${owner} and ${pair}; rename a server or header.`,
              ),
            );
          }
          owners.set(variable, pair);
        }
        variables.add(envVar);
      }
      bindings.push({
        name,
        secretId: `${secretPrefix}${name}`,
        agent,
        server: server.name,
        header,
        envVar,
        versionId: null,
      });
    }
  }
  bindings.sort(
    (a, b) =>
      compareCodePoints(a.agent, b.agent) ||
      compareCodePoints(a.server, b.server) ||
      compareCodePoints(a.header, b.header),
  );
  const names = [...new Set(bindings.map((binding) => binding.name))].sort(compareCodePoints);
  for (const name of names) {
    diagnostics.push(
      makeDiagnostic('secret.referenced', `secret:${name}`, `\${${name}} → secret '${secretPrefix}${name}'.`),
    );
  }
  if (mode === 'runtime' && variables.size + pipelineVariables > MaxRuntimeEnvVars) {
    diagnostics.push(
      makeDiagnostic(
        'runtime.env_limit',
        'project',
        `${variables.size} secret variables and the pipeline's ${pipelineVariables} exceed AgentCore's limit of ${MaxRuntimeEnvVars} environment variables (at most ${MaxRuntimeEnvVars - pipelineVariables} secret variables).`,
      ),
    );
  }
  return { bindings, names, diagnostics: dedupe(diagnostics) };
}

/** `AGENTDROP_MCP_<SERVER>_<HEADER>`, upper-cased, non-alphanumerics → `_`, shortened past 94 characters. */
function envVarName(server: string, header: string, diagnostics: Diagnostic[]): string {
  const full = `AGENTDROP_MCP_${server}_${header}`.toUpperCase().replace(/[^A-Z0-9]/g, '_');
  if (full.length <= MaxEnvNameLength) return full;
  const short = `${full.slice(0, 85)}_${sha256Hex(full).slice(0, 8)}`;
  diagnostics.push(
    makeDiagnostic(
      'runtime.env_name_shortened',
      `mcp:${server}`,
      `Variable ${full} is shortened to ${short}.`,
    ),
  );
  return short;
}

function dedupe(list: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const key = `${d.code}|${d.where}|${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
