/**
 * Whether a tool passes a harness `allowedTools` list (agentcore-api.md §12): `*`, plain names and globs
 * for built-ins, `@builtin[/name]`, `@server[/tool]` with globs on either part. No list allows everything.
 */
export function matchesAllowedTools(
  allowed: readonly string[] | undefined,
  tool: string,
  server: string | undefined,
): boolean {
  if (allowed === undefined) return true;
  return allowed.some((pattern) => {
    if (pattern === '*') return true;
    if (!pattern.startsWith('@')) return server === undefined && glob(pattern, tool);
    const [scope, name] = pattern.slice(1).split('/', 2) as [string, string | undefined];
    const scopeMatches =
      scope === 'builtin' ? server === undefined : server !== undefined && glob(scope, server);
    return scopeMatches && (name === undefined || glob(name, tool));
  });
}

function glob(pattern: string, value: string): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replaceAll('*', '.*')
    .replaceAll('?', '.');
  return new RegExp(`^${source}$`).test(value);
}
