import { compareCodePoints, type Diagnostic, makeDiagnostic } from '../diagnostics/index.js';
import { entryWhere } from './entry-where.js';
import type { TreeEntry } from './tree-entry.js';

/**
 * Finds entries that cannot coexist in one tree (spec §2): the same NFC path twice
 * (`bundle.duplicate_entry`, a trailing `/` ignored), a file at a path that is also a directory, and
 * paths equal under case folding, implied parent directories included (`bundle.path_conflict`).
 * Entries are compared in code-point order, so the result does not depend on archive order.
 */
export function findPathConflicts(entries: readonly TreeEntry[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const byPath = new Map<string, TreeEntry[]>();
  for (const entry of entries) {
    const group = byPath.get(entry.path);
    if (group === undefined) byPath.set(entry.path, [entry]);
    else group.push(entry);
  }
  const paths = [...byPath.keys()].sort(compareCodePoints);

  const firstChild = new Map<string, string>();
  for (const path of paths) {
    const group = byPath.get(path)!;
    if (group.length > 1) {
      diagnostics.push(
        makeDiagnostic(
          'bundle.duplicate_entry',
          entryWhere(path),
          `entry "${entryWhere(path)}" appears ${group.length} times after NFC normalisation ` +
            "(a trailing '/' ignored); the limit is once per path",
        ),
      );
    }
    for (const parent of parentsOf(path)) {
      if (!firstChild.has(parent)) firstChild.set(parent, path);
    }
  }

  for (const path of paths) {
    const child = firstChild.get(path);
    if (child !== undefined && byPath.get(path)!.some((entry) => !entry.isDirectory)) {
      diagnostics.push(
        makeDiagnostic(
          'bundle.path_conflict',
          entryWhere(path),
          `entry "${entryWhere(path)}" is a file but also the directory of "${entryWhere(child)}"; ` +
            'a path must be either a file or a directory',
        ),
      );
    }
  }

  diagnostics.push(...caseConflicts(paths, firstChild));
  return diagnostics;
}

/** Every path of the tree, explicit or implied by a child, grouped by its case-folded form. */
function caseConflicts(paths: readonly string[], firstChild: ReadonlyMap<string, string>): Diagnostic[] {
  const all = [...new Set([...paths, ...firstChild.keys()])].sort(compareCodePoints);
  const firstByFold = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  for (const path of all) {
    const fold = caseFold(path);
    const first = firstByFold.get(fold);
    if (first === undefined) {
      firstByFold.set(fold, path);
      continue;
    }
    diagnostics.push(
      makeDiagnostic(
        'bundle.path_conflict',
        entryWhere(path),
        `entry "${entryWhere(path)}" and "${entryWhere(first)}" are equal under case folding; ` +
          'paths must differ in more than letter case',
      ),
    );
  }
  return diagnostics;
}

function parentsOf(path: string): string[] {
  const parents: string[] = [];
  for (let i = path.indexOf('/'); i !== -1; i = path.indexOf('/', i + 1)) parents.push(path.slice(0, i));
  return parents;
}

// Upper then lower case approximates Unicode full case folding (ß ≡ SS ≡ ss) without a table.
function caseFold(path: string): string {
  return path.toUpperCase().toLowerCase().normalize('NFC');
}
