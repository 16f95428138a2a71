import { parseDocument } from 'yaml';

/** Result of reading a YAML block that must be a mapping. */
export type YamlMappingResult =
  | { readonly ok: true; readonly value: Readonly<Record<string, unknown>> }
  | { readonly ok: false; readonly problem: string };

/** Alias expansion bound: a YAML "billion laughs" document fails instead of exhausting memory. */
const MaxAliasCount = 100;

/**
 * Parses YAML 1.2 with the core schema (no custom tags, no timestamps), rejecting duplicate keys,
 * alias blow-ups and a non-mapping top level. An empty document is an empty mapping.
 */
export function parseYamlMapping(text: string): YamlMappingResult {
  const doc = parseDocument(text, { version: '1.2', schema: 'core', uniqueKeys: true, prettyErrors: true });
  const first = doc.errors[0];
  if (first) {
    const line = first.linePos?.[0]?.line;
    const what = first.message.split('\n')[0] ?? first.message;
    return { ok: false, problem: line ? `line ${line}: ${what}` : what };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MaxAliasCount });
  } catch (error) {
    return { ok: false, problem: error instanceof Error ? error.message : String(error) };
  }
  if (value === null || value === undefined) return { ok: true, value: {} };
  if (typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, problem: 'the top level is not a mapping' };
  }
  return { ok: true, value: value as Record<string, unknown> };
}
