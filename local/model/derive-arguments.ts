import { promptNames } from '../../core/receipt/index.js';

/**
 * Derives deterministic tool-call arguments from a tool's JSON schema: required string properties get the
 * prompt text (the first enum value when the schema lists one), numbers and integers 1, booleans true,
 * arrays one derived item, objects their own derived properties. A `skill_name` property takes the skill of
 * the system prompt's `<available_skills>` block that the prompt names, else the first listed, so the Strands
 * skills tool loads a real skill.
 */
export function deriveArguments(
  schema: unknown,
  prompt: string,
  systemPrompt: string,
): Record<string, unknown> {
  const value = deriveValue(schema, prompt, systemPrompt, '');
  return isRecord(value) ? value : {};
}

function deriveValue(schema: unknown, prompt: string, systemPrompt: string, key: string): unknown {
  if (!isRecord(schema)) return prompt;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  if ('const' in schema) return schema.const;
  const variants = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(variants) && variants.length > 0)
    return deriveValue(variants[0], prompt, systemPrompt, key);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object':
      return deriveObject(schema, prompt, systemPrompt);
    case 'array':
      return [deriveValue(schema.items, prompt, systemPrompt, key)];
    case 'number':
    case 'integer':
      return 1;
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      if (key === 'skill_name') return skillName(systemPrompt, prompt) ?? prompt;
      return prompt;
  }
}

function deriveObject(
  schema: Record<string, unknown>,
  prompt: string,
  systemPrompt: string,
): Record<string, unknown> {
  const properties = isRecord(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required)
    ? schema.required.filter((k): k is string => typeof k === 'string')
    : [];
  const out: Record<string, unknown> = {};
  for (const key of required) {
    out[key] = deriveValue(properties[key], prompt, systemPrompt, key);
  }
  return out;
}

function skillName(systemPrompt: string, prompt: string): string | undefined {
  const names = availableSkills(systemPrompt);
  return names.find((name) => promptNames(prompt, name)) ?? names[0];
}

/** The skills listed in a system prompt's `<available_skills>` block (the Strands skills plugin writes it). */
export function availableSkills(systemPrompt: string): string[] {
  const block = /<available_skills>([\s\S]*?)<\/available_skills>/.exec(systemPrompt)?.[1] ?? '';
  return [...block.matchAll(/<name>([^<]+)<\/name>/g)].map((match) => match[1]!.trim());
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
