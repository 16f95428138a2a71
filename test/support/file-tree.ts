import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { FileTree } from '../../core/bundle/index.js';
import { compareCodePoints } from '../../core/diagnostics/index.js';

/** Builds a FileTree from `{ path: text | bytes }`, as the bundle reader would return it. */
export function makeTree(files: Readonly<Record<string, string | Uint8Array>>): FileTree {
  const entries = Object.entries(files)
    .map(([path, content]): [string, Uint8Array] => [
      path,
      typeof content === 'string' ? new TextEncoder().encode(content) : content,
    ])
    .sort(([a], [b]) => compareCodePoints(a, b));
  return { files: new Map(entries) };
}

/** Reads a folder on disk into a FileTree without the bundle checks (test fixtures only). */
export function treeFromDir(dir: string): FileTree {
  const files: Record<string, Uint8Array> = {};
  const walk = (current: string): void => {
    for (const name of readdirSync(current)) {
      const path = join(current, name);
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(dir, path).split('\\').join('/')] = readFileSync(path);
    }
  };
  walk(dir);
  return makeTree(files);
}
