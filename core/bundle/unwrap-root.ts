import type { TreeEntry } from './tree-entry.js';

/** Root names that mark a project root, so a lone directory beside none of them is a wrapper (spec §1.2). */
const ProjectMarkers: ReadonlySet<string> = new Set([
  '.managed-agents',
  'agent.md',
  'CLAUDE.md',
  'agentdrop.yaml',
]);

/**
 * The wrapper directory to strip, as a `name/` prefix, or `undefined`. A drop whose root holds none of
 * `.managed-agents/`, `agent.md`, `CLAUDE.md`, `agentdrop.yaml` but exactly one directory and nothing
 * else is unwrapped once; the directory's name is irrelevant (spec §1.2).
 */
export function wrapperPrefix(entries: Iterable<TreeEntry>): string | undefined {
  let top: string | undefined;
  for (const entry of entries) {
    const slash = entry.path.indexOf('/');
    const name = slash === -1 ? entry.path : entry.path.slice(0, slash);
    if (ProjectMarkers.has(name)) return undefined;
    // A file at the root, even one named like the directory, means the root holds more than a wrapper.
    if (slash === -1 && !entry.isDirectory) return undefined;
    if (top === undefined) top = name;
    else if (top !== name) return undefined;
  }
  return top === undefined ? undefined : `${top}/`;
}
