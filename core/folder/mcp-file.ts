import { type Diagnostic, makeDiagnostic } from '../diagnostics/index.js';
import { checkHeaderValue, urlHasCredential } from './secret-templates.js';
import { decodeUtf8Strict, normaliseText } from './text.js';
import { parseToolEntry } from './tool-entry.js';
import type { McpServerSource, ToolEntry } from './types.js';
import { UrlHost, urlHost } from './url-host.js';

const ServerName = /^[A-Za-z0-9_-]{1,64}$/;
const ReservedNames = new Set(['agentcore_browser', 'agentcore_code_interpreter']);
const HttpToken = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Characters an HTTP field value cannot hold (RFC 9110 §5.5): a header split or a truncated value. */
const FieldValueBreak = /[\r\n\0]/;
const ServerKeys = new Set([
  'type',
  'url',
  'command',
  'args',
  'headers',
  'env',
  'allowedTools',
  'allowed_tools',
]);
const UrlTypes = new Set(['url', 'http', 'streamable-http', 'sse']);

/**
 * Parses one MCP file (spec §3.6, §7.1). `owner` names the agent (or `shared`) for `where`.
 * Servers with errors are reported and left out; stdio servers are kept (the planner decides).
 */
export function parseMcpFile(
  file: string,
  bytes: Uint8Array,
  owner: string,
): { servers: Map<string, McpServerSource>; diagnostics: Diagnostic[] } {
  const servers = new Map<string, McpServerSource>();
  const diagnostics: Diagnostic[] = [];
  const fileWhere = `mcp:${owner}/${baseName(file)}`;
  const text = decodeUtf8Strict(bytes);
  let json: unknown;
  try {
    if (text === null) throw new Error('not valid UTF-8');
    json = JSON.parse(normaliseText(text));
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    diagnostics.push(makeDiagnostic('mcp.invalid', fileWhere, `${file} is not valid JSON (${why}).`));
    return { servers, diagnostics };
  }
  if (!isRecord(json)) {
    diagnostics.push(
      makeDiagnostic('mcp.invalid', fileWhere, `${file}: the top level must be an object (pointer '').`),
    );
    return { servers, diagnostics };
  }
  const key = 'mcpServers' in json ? 'mcpServers' : 'mcp_servers' in json ? 'mcp_servers' : null;
  for (const other of Object.keys(json)) {
    if (other !== key) {
      diagnostics.push(
        makeDiagnostic('mcp.unknown_key', fileWhere, `${file}: unknown key '${other}' is ignored.`),
      );
    }
  }
  const map = key ? json[key] : undefined;
  if (!isRecord(map)) {
    diagnostics.push(
      makeDiagnostic(
        'mcp.invalid',
        fileWhere,
        `${file}: expected an object at '/mcpServers' mapping server names to configs.`,
      ),
    );
    return { servers, diagnostics };
  }
  for (const [name, config] of Object.entries(map)) {
    const where = `mcp:${owner}/${name}`;
    const before = diagnostics.length;
    const server = parseServer(file, `/${key}/${escapePointer(name)}`, name, config, where, diagnostics);
    const failed = diagnostics.slice(before).some((d) => d.level === 'error');
    if (server && !failed) servers.set(name, server);
  }
  return { servers, diagnostics };
}

function parseServer(
  file: string,
  pointer: string,
  name: string,
  config: unknown,
  where: string,
  out: Diagnostic[],
): McpServerSource | null {
  if (!ServerName.test(name) || ReservedNames.has(name)) {
    out.push(
      makeDiagnostic(
        'mcp.invalid_name',
        where,
        ReservedNames.has(name)
          ? `MCP server name '${name}' is reserved for AgentCore built-in tools.`
          : `MCP server name ${JSON.stringify(name)} must match ^[A-Za-z0-9_-]{1,64}$.`,
      ),
    );
    return null;
  }
  if (!isRecord(config)) {
    out.push(makeDiagnostic('mcp.invalid', where, `${file}: '${pointer}' must be an object.`));
    return null;
  }
  for (const key of Object.keys(config)) {
    if (!ServerKeys.has(key)) {
      out.push(
        makeDiagnostic('mcp.unknown_key', where, `Server '${name}': unknown key '${key}' is ignored.`),
      );
    }
  }
  const transport = transportOf(file, pointer, name, config, where, out);
  if (!transport) return null;
  const headers = readHeaders(file, pointer, name, config.headers, where, out);
  const allowedTools = readAllowedTools(
    file,
    pointer,
    name,
    config.allowedTools ?? config.allowed_tools,
    where,
    out,
  );
  let url: string | null = null;
  if (transport === 'url') {
    url = readUrl(name, config.url, where, out);
    if (config.env !== undefined) {
      out.push(
        makeDiagnostic(
          'mcp.env_ignored',
          where,
          `Server '${name}': env is not forwarded to a URL server; use headers.`,
        ),
      );
    }
  }
  if (headers === null || allowedTools === undefined) return null;
  return { name, transport, url, headers, allowedTools, file };
}

function transportOf(
  file: string,
  pointer: string,
  name: string,
  config: Record<string, unknown>,
  where: string,
  out: Diagnostic[],
): 'url' | 'stdio' | null {
  const { type } = config;
  if (type === undefined || type === null) {
    if (config.url !== undefined) return 'url';
    if (config.command !== undefined) return 'stdio';
    out.push(makeDiagnostic('mcp.invalid', where, `${file}: '${pointer}' has neither url nor command.`));
    return null;
  }
  const value = typeof type === 'string' ? type.toLowerCase() : '';
  if (UrlTypes.has(value)) {
    if (value === 'sse') {
      out.push(
        makeDiagnostic(
          'mcp.sse_transport',
          where,
          `Server '${name}' uses SSE; SSE-only servers may fail on AgentCore.`,
        ),
      );
    }
    if (config.url === undefined || config.url === null) {
      out.push(
        makeDiagnostic('mcp.missing_url', where, `Server '${name}' has type '${String(type)}' but no url.`),
      );
      return null;
    }
    return 'url';
  }
  if (value === 'stdio') return 'stdio';
  out.push(
    makeDiagnostic(
      'mcp.unknown_type',
      where,
      `Server '${name}' has unknown type ${JSON.stringify(type)}; accepted: url, http, streamable-http, sse, stdio.`,
    ),
  );
  return null;
}

function readUrl(name: string, raw: unknown, where: string, out: Diagnostic[]): string | null {
  let url: URL | null = null;
  try {
    if (typeof raw === 'string') url = new URL(raw);
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    out.push(makeDiagnostic('mcp.invalid_url', where, `Server '${name}' url must be an absolute https URL.`));
    return null;
  }
  if (urlHasCredential(url)) {
    out.push(
      makeDiagnostic(
        'secret.literal',
        where,
        `Server '${name}' url carries a credential (user info or a credential query parameter); put it in a header as \${NAME}.`,
      ),
    );
    return null;
  }
  const host = urlHost(url);
  if (host === UrlHost.LinkLocal) {
    out.push(
      makeDiagnostic(
        'mcp.invalid_url',
        where,
        `Server '${name}' url host ${url.hostname} is a link-local or cloud metadata address; an MCP server needs a routable host.`,
      ),
    );
    return null;
  }
  if (host === UrlHost.Loopback) {
    out.push(
      makeDiagnostic(
        'mcp.local_url',
        where,
        `Server '${name}' url host ${url.hostname} is loopback: reachable only on the local cloud, not from AgentCore.`,
      ),
    );
  }
  if (url.protocol === 'http:') {
    out.push(makeDiagnostic('mcp.insecure_url', where, `Server '${name}' uses http://; https is expected.`));
  }
  return raw as string;
}

function readHeaders(
  file: string,
  pointer: string,
  name: string,
  raw: unknown,
  where: string,
  out: Diagnostic[],
): Record<string, string> | null {
  if (raw === undefined || raw === null) return {};
  if (!isRecord(raw)) {
    out.push(
      makeDiagnostic('mcp.invalid', where, `${file}: '${pointer}/headers' must be an object of strings.`),
    );
    return null;
  }
  const headers: Record<string, string> = {};
  let ok = true;
  for (const [header, value] of Object.entries(raw)) {
    if (!HttpToken.test(header) || typeof value !== 'string' || value === '') {
      out.push(
        makeDiagnostic(
          'mcp.invalid_header',
          where,
          `Server '${name}' header ${JSON.stringify(header)} needs an HTTP token name and a non-empty string value.`,
        ),
      );
      ok = false;
      continue;
    }
    if (FieldValueBreak.test(value)) {
      out.push(
        makeDiagnostic(
          'mcp.invalid_header',
          where,
          `Server '${name}' header '${header}' has a CR, LF or NUL in its value; an HTTP header value is one line.`,
        ),
      );
      ok = false;
      continue;
    }
    const check = checkHeaderValue(header, value);
    if (check.kind === 'bad_template') {
      out.push(
        makeDiagnostic(
          'secret.template_syntax',
          where,
          `Server '${name}' header '${header}' has a malformed secret placeholder; write exactly one \${NAME} (NAME = [A-Za-z_][A-Za-z0-9_]*).`,
        ),
      );
      ok = false;
    } else if (check.kind === 'literal_credential') {
      out.push(
        makeDiagnostic(
          'secret.literal',
          where,
          `Server '${name}' header '${header}' looks like a literal credential; store it as a secret and write \${NAME} instead.`,
        ),
      );
      ok = false;
    }
    headers[header] = value;
  }
  return ok ? headers : null;
}

/** Returns null for "every tool", undefined when invalid. */
function readAllowedTools(
  file: string,
  pointer: string,
  name: string,
  raw: unknown,
  where: string,
  out: Diagnostic[],
): ToolEntry[] | null | undefined {
  if (raw === undefined || raw === null) return null;
  if (!Array.isArray(raw)) {
    out.push(
      makeDiagnostic('mcp.invalid', where, `${file}: '${pointer}/allowedTools' must be a list of strings.`),
    );
    return undefined;
  }
  const byName = new Map<string, ToolEntry>();
  for (const item of raw) {
    const entry = typeof item === 'string' ? parseToolEntry(item) : { name: '', policy: null };
    if (entry.name === '') {
      out.push(
        makeDiagnostic('mcp.invalid_tool', where, `Server '${name}' allowedTools has an empty tool name.`),
      );
      return undefined;
    }
    const previous = byName.get(entry.name);
    if (previous) {
      const policy =
        previous.policy === 'ask' || entry.policy === 'ask' ? 'ask' : (previous.policy ?? entry.policy);
      out.push(
        makeDiagnostic(
          'mcp.duplicate_tool',
          where,
          `Server '${name}' lists tool '${entry.name}' twice; policy '${policy ?? 'allow'}' is kept.`,
        ),
      );
      byName.set(entry.name, { name: entry.name, policy });
    } else {
      byName.set(entry.name, entry);
    }
  }
  return [...byName.values()];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
