import { type Diagnostic, makeDiagnostic } from '../diagnostics/index.js';
import { BuiltinTool } from '../plan/types.js';
import { parseToolEntry } from './tool-entry.js';
import type { ToolRequest } from './types.js';

const AllBuiltins: readonly BuiltinTool[] = Object.values(BuiltinTool);

const TokenToBuiltin: Readonly<Record<string, BuiltinTool>> = {
  read: 'read',
  glob: 'glob',
  grep: 'grep',
  bash: 'bash',
  write: 'write',
  edit: 'edit',
  multiedit: 'edit',
  webfetch: 'web_fetch',
  web_fetch: 'web_fetch',
  websearch: 'web_search',
  web_search: 'web_search',
};

/**
 * Maps a frontmatter `tools` value to built-ins (spec §3.8). `undefined`/`null` means all eight;
 * the caller has already checked that `tools` is a list.
 */
export function mapToolTokens(
  tools: readonly unknown[] | null,
  where: string,
): { request: ToolRequest; diagnostics: Diagnostic[] } {
  if (tools === null)
    return { request: { explicit: false, builtins: AllBuiltins, approvals: [] }, diagnostics: [] };
  const diagnostics: Diagnostic[] = [];
  const builtins = new Set<BuiltinTool>();
  const approvals = new Set<BuiltinTool>();
  for (const token of tools) {
    if (typeof token !== 'string' || token.trim() === '') {
      diagnostics.push(
        makeDiagnostic(
          'tools.invalid',
          where,
          `tools has an empty or non-string entry (${JSON.stringify(token)}).`,
        ),
      );
      continue;
    }
    const entry = parseToolEntry(token);
    const name = entry.name.toLowerCase();
    if (name.startsWith('mcp__')) {
      diagnostics.push(
        makeDiagnostic(
          'tools.mcp_token_ignored',
          where,
          `tools entry '${entry.name}' is ignored: MCP tools come from the MCP file.`,
        ),
      );
      continue;
    }
    const builtin = TokenToBuiltin[name];
    if (!builtin) {
      diagnostics.push(
        makeDiagnostic(
          'tools.unmapped',
          where,
          `tools entry '${entry.name}' has no AgentCore equivalent and is dropped.`,
        ),
      );
      continue;
    }
    builtins.add(builtin);
    if (entry.policy === 'ask') approvals.add(builtin);
  }
  return {
    request: { explicit: true, builtins: [...builtins].sort(), approvals: [...approvals].sort() },
    diagnostics,
  };
}
