import { AgentdropError } from '../../core/errors.js';

const placeholder = /\$\{([A-Za-z][A-Za-z0-9]*)\}/g;

/** Lists the `${Name}` placeholders a definition uses, sorted. */
export function listPlaceholders(definitionText: string): string[] {
  return [...new Set([...definitionText.matchAll(placeholder)].map((match) => match[1]!))].sort();
}

/**
 * Fills `${Name}` placeholders the way CDK's `definitionSubstitutions` does.
 * @throws SubstitutionMissing naming every placeholder without a value.
 */
export function substituteDefinition(
  definitionText: string,
  values: Readonly<Record<string, string>>,
): string {
  const missing = listPlaceholders(definitionText).filter((name) => values[name] === undefined);
  if (missing.length > 0) {
    throw new AgentdropError('SubstitutionMissing', `No value for the placeholders ${missing.join(', ')}.`, {
      placeholders: missing.join(','),
    });
  }
  // Values go inside JSON strings: escape them as JSON would.
  return definitionText.replace(placeholder, (_match, name: string) =>
    JSON.stringify(values[name]).slice(1, -1),
  );
}
