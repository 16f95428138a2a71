/**
 * Checks a Docker build context the way a build would fail on it: a `Dockerfile` at the root whose final
 * stage is `FROM --platform=linux/arm64 …`, and every file a `COPY`/`ADD` names present in the context.
 * Returns the problems as sentences (empty when the context builds).
 */
export function checkBuildContext(paths: readonly string[], dockerfile: string | undefined): string[] {
  if (dockerfile === undefined) return ['The build context has no Dockerfile at its root.'];
  const instructions = parseDockerfile(dockerfile);
  const problems: string[] = [];
  const froms = instructions.filter((instruction) => instruction.keyword === 'FROM');
  const last = froms.at(-1);
  if (last === undefined) problems.push('The Dockerfile has no FROM instruction.');
  else if (!/(^|\s)--platform=linux\/arm64(\s|$)/.test(last.args)) {
    problems.push(
      `The final stage must be built for linux/arm64 (FROM --platform=linux/arm64 …), found: FROM ${last.args}`,
    );
  }
  for (const instruction of instructions) {
    if (instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') continue;
    const { flags, sources } = copySources(instruction.args);
    if (flags.some((flag) => flag.startsWith('--from='))) continue;
    for (const source of sources) {
      if (/^https?:\/\//.test(source) || source.includes('$')) continue;
      if (!sourceExists(source, paths)) {
        problems.push(
          `${instruction.keyword} failed: "${source}" not found in the build context (line ${instruction.line}).`,
        );
      }
    }
  }
  return problems;
}

interface Instruction {
  readonly keyword: string;
  readonly args: string;
  readonly line: number;
}

function parseDockerfile(text: string): Instruction[] {
  const instructions: Instruction[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i += 1) {
    const start = i;
    let line = lines[i] ?? '';
    if (/^\s*(#|$)/.test(line)) continue;
    while (line.endsWith('\\') && i + 1 < lines.length) {
      i += 1;
      const next = lines[i] ?? '';
      line = `${line.slice(0, -1)} ${/^\s*#/.test(next) ? '' : next}`;
    }
    const match = /^\s*([A-Za-z]+)\s+(.*)$/.exec(line);
    if (match)
      instructions.push({ keyword: match[1]!.toUpperCase(), args: match[2]!.trim(), line: start + 1 });
  }
  return instructions;
}

function copySources(args: string): { flags: string[]; sources: string[] } {
  const words = args.split(/\s+/).filter(Boolean);
  const flags: string[] = [];
  while (words[0]?.startsWith('--')) flags.push(words.shift()!);
  const rest = words.join(' ');
  let parts: string[];
  if (rest.startsWith('[')) {
    try {
      parts = (JSON.parse(rest) as unknown[]).map(String);
    } catch {
      parts = words;
    }
  } else parts = words;
  return { flags, sources: parts.slice(0, -1) };
}

function sourceExists(source: string, paths: readonly string[]): boolean {
  const normalised = source
    .replace(/^\.\/+/, '')
    .replace(/^\/+/, '')
    .replace(/\/+$/, '');
  if (normalised === '' || normalised === '.') return true;
  if (/[*?[]/.test(normalised)) {
    const pattern = new RegExp(
      `^${normalised
        .replace(/[.+^${}()|\\]/g, '\\$&')
        .replace(/\*/g, '[^/]*')
        .replace(/\?/g, '[^/]')}(/.*)?$`,
    );
    return paths.some((path) => pattern.test(path));
  }
  return paths.some((path) => path === normalised || path.startsWith(`${normalised}/`));
}
