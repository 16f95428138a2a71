import { type ByteSink, fileSize, hashFileInto } from '../bundle/on-demand-files.js';
import type { FileTree } from '../bundle/types.js';
import { compareCodePoints } from '../diagnostics/index.js';

interface DirNode {
  readonly files: string[];
  readonly dirs: string[];
}

/**
 * Directory view over a FileTree, built once: immediate children and recursive listings by folder,
 * including the tree's empty directories. Paths are `/`-joined; the root folder is ''.
 */
export class TreeIndex {
  private readonly nodes = new Map<string, DirNode>();

  constructor(readonly tree: FileTree) {
    this.node('');
    for (const path of tree.files.keys()) {
      const parts = path.split('/');
      const dir = this.addFolders(parts.slice(0, -1));
      this.node(dir).files.push(parts[parts.length - 1]!);
    }
    for (const path of tree.emptyDirectories ?? []) this.addFolders(path.split('/'));
    for (const node of this.nodes.values()) {
      node.files.sort(compareCodePoints);
      node.dirs.sort(compareCodePoints);
    }
  }

  /** Bytes of a file, or undefined; a tree of on-demand files reads them each time. */
  file(path: string): Uint8Array | undefined {
    return this.tree.files.get(path);
  }

  /** Whether the tree has a file at `path` (without reading it). */
  hasFile(path: string): boolean {
    return this.tree.files.has(path);
  }

  /** Feeds a file's bytes to `hash` (streamed from an on-demand file, not held); false when absent. */
  hashFile(path: string, hash: ByteSink): boolean {
    return hashFileInto(this.tree.files, path, hash);
  }

  /** The size of a file in bytes (without reading an on-demand file), or undefined. */
  fileSize(path: string): number | undefined {
    return fileSize(this.tree.files, path);
  }

  isDir(path: string): boolean {
    return this.nodes.has(path);
  }

  /** Names of the files directly in `dir`. */
  filesIn(dir: string): readonly string[] {
    return this.nodes.get(dir)?.files ?? [];
  }

  /** Names of the folders directly in `dir`. */
  dirsIn(dir: string): readonly string[] {
    return this.nodes.get(dir)?.dirs ?? [];
  }

  /** Every file below `dir`, as paths relative to it, in code-point order. */
  filesBelow(dir: string): string[] {
    const out: string[] = [];
    const walk = (current: string, rel: string): void => {
      for (const name of this.filesIn(current)) out.push(join(rel, name));
      for (const name of this.dirsIn(current)) walk(join(current, name), join(rel, name));
    };
    walk(dir, '');
    return out.sort(compareCodePoints);
  }

  /** Adds the folder `parts` and its parents; returns its path. */
  private addFolders(parts: readonly string[]): string {
    let dir = '';
    for (const part of parts) {
      const child = join(dir, part);
      if (!this.nodes.has(child)) this.node(dir).dirs.push(part);
      this.node(child);
      dir = child;
    }
    return dir;
  }

  private node(dir: string): DirNode {
    let node = this.nodes.get(dir);
    if (!node) {
      node = { files: [], dirs: [] };
      this.nodes.set(dir, node);
    }
    return node;
  }
}

/** Joins archive path segments, treating '' as the root. */
export function join(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}
