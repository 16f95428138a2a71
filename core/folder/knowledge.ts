import { compareCodePoints, type Diagnostic, makeDiagnostic } from '../diagnostics/index.js';
import { decodeUtf8Lenient, normaliseText } from './text.js';
import { join, type TreeIndex } from './tree-index.js';
import type { KnowledgeFile } from './types.js';

const Supported = /\.(md|txt|json|csv)$/i;

/**
 * Reads `knowledge/**` of an agent folder (spec §3.2, §3.7 step 1): supported files decoded with
 * U+FFFD substitution, BOM dropped, LF line ends, trailing LFs removed, in code-point order of path.
 */
export function readKnowledge(
  index: TreeIndex,
  agentDir: string,
  where: string,
): { files: KnowledgeFile[]; diagnostics: Diagnostic[]; seen: number } {
  const diagnostics: Diagnostic[] = [];
  const files: KnowledgeFile[] = [];
  const all = index.filesBelow(join(agentDir, 'knowledge'));
  for (const rel of all) {
    const path = `knowledge/${rel}`;
    if (!Supported.test(rel)) {
      diagnostics.push(
        makeDiagnostic(
          'knowledge.unsupported_file',
          where,
          `Knowledge file '${path}' is not .md, .txt, .json or .csv and is not inlined.`,
        ),
      );
      continue;
    }
    const { text, replaced } = decodeUtf8Lenient(index.file(join(agentDir, path))!);
    if (replaced) {
      diagnostics.push(
        makeDiagnostic(
          'knowledge.decode',
          where,
          `Knowledge file '${path}' is not valid UTF-8; bad bytes became U+FFFD.`,
        ),
      );
    }
    files.push({ path, text: normaliseText(text).replace(/\n+$/, '') });
  }
  files.sort((a, b) => compareCodePoints(a.path, b.path));
  return { files, diagnostics, seen: all.length };
}
