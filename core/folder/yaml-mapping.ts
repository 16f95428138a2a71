import { parseDocument } from 'yaml';

/** Result of reading a YAML block that must be a mapping. */
export type YamlMappingResult =
  | { readonly ok: true; readonly value: Readonly<Record<string, unknown>> }
  | { readonly ok: false; readonly problem: string };

/** Alias expansion bound: a YAML "billion laughs" document fails instead of exhausting memory. */
const MaxAliasCount = 100;

/**
 * `key: value` where the key is a plain word and the value a plain scalar of letters, digits and a few safe
 * punctuation marks starting with a letter, or a flow sequence of plain words (`[read, grep]`): no indicator,
 * quote, comment, nesting or block syntax, so YAML reads the value as the text (or the words) itself.
 */
const PlainLine =
  /^([A-Za-z_][A-Za-z0-9_-]*): +(?:([A-Za-z](?:[A-Za-z0-9 ._/()-]*[A-Za-z0-9._/()-])?)|\[ *((?:[A-Za-z][A-Za-z0-9_.-]*(?: *, *[A-Za-z][A-Za-z0-9_.-]*)*)?) *\])$/;
/** Words of that shape the core schema reads as null or a boolean rather than a string. */
const CoreSchemaWord = /^(?:null|Null|NULL|true|True|TRUE|false|False|FALSE)$/;

/**
 * Parses YAML 1.2 with the core schema (no custom tags, no timestamps), rejecting duplicate keys,
 * alias blow-ups and a non-mapping top level. An empty document is an empty mapping.
 */
export function parseYamlMapping(text: string): YamlMappingResult {
  // Most frontmatter (every SKILL.md's name and description) is flat `key: text` lines; reading those
  // directly gives the same mapping as the parser at a small fraction of its cost on a drop of thousands.
  const plain = plainMapping(text);
  if (plain !== undefined) return { ok: true, value: plain };
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

/** The mapping of a document made only of {@link PlainLine}s (and blank lines); undefined for anything else. */
function plainMapping(text: string): Record<string, string | string[]> | undefined {
  const value: Record<string, string | string[]> = {};
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const match = PlainLine.exec(line);
    if (match === null) return undefined;
    const key = match[1] as string;
    const scalar = match[2];
    const words =
      scalar === undefined
        ? (match[3] ?? '')
            .split(',')
            .map((word) => word.trim())
            .filter(Boolean)
        : [];
    if (Object.hasOwn(value, key) || CoreSchemaWord.test(key)) return undefined;
    if ([scalar ?? '', ...words].some((word) => CoreSchemaWord.test(word))) return undefined;
    value[key] = scalar ?? words;
  }
  return value;
}
