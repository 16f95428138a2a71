/** An EventBridge event as rules and targets see it. */
export interface EventBridgeEvent {
  readonly version: string;
  readonly id: string;
  readonly 'detail-type': string;
  readonly source: string;
  readonly account: string;
  /** ISO 8601 without milliseconds, e.g. `2026-11-25T12:00:00Z`. */
  readonly time: string;
  readonly region: string;
  readonly resources: readonly string[];
  readonly detail: unknown;
}

/**
 * An EventBridge event pattern: each key maps to an array of allowed values/operators or to a nested
 * pattern; `$or` holds alternative patterns.
 */
export type EventPattern = { readonly [key: string]: EventPattern | readonly unknown[] | undefined };

/**
 * Whether `event` matches `pattern`, with EventBridge's rules: every key of the pattern must match; an
 * array lists alternatives (literals or the operators `prefix`, `suffix`, `wildcard`, `equals-ignore-case`,
 * `anything-but`, `exists`, `numeric`); an array-valued field matches if any element does.
 */
export function matchesEventPattern(pattern: EventPattern, event: unknown): boolean {
  return Object.entries(pattern).every(([key, expected]) => {
    if (expected === undefined) return true;
    if (key === '$or') {
      return (
        Array.isArray(expected) &&
        expected.some((alternative) => matchesEventPattern(alternative as EventPattern, event))
      );
    }
    const present = isRecord(event) && key in event;
    const actual = isRecord(event) ? event[key] : undefined;
    if (Array.isArray(expected)) return expected.some((rule) => matchesRule(rule, present, actual));
    return present && matchesEventPattern(expected as EventPattern, actual);
  });
}

function matchesRule(rule: unknown, present: boolean, actual: unknown): boolean {
  if (isRecord(rule) && 'exists' in rule) return rule.exists === present;
  if (!present) return false;
  if (Array.isArray(actual)) return actual.some((element) => matchesValue(rule, element));
  return matchesValue(rule, actual);
}

function matchesValue(rule: unknown, value: unknown): boolean {
  if (!isRecord(rule)) return rule === value;
  if ('prefix' in rule) return matchesAffix(rule.prefix, value, (v, p) => v.startsWith(p));
  if ('suffix' in rule) return matchesAffix(rule.suffix, value, (v, s) => v.endsWith(s));
  if ('wildcard' in rule) return typeof value === 'string' && wildcard(String(rule.wildcard)).test(value);
  if ('equals-ignore-case' in rule) {
    return (
      typeof value === 'string' && value.toLowerCase() === String(rule['equals-ignore-case']).toLowerCase()
    );
  }
  if ('anything-but' in rule) {
    const excluded = rule['anything-but'];
    if (Array.isArray(excluded)) return !excluded.includes(value);
    if (isRecord(excluded)) return !matchesValue(excluded, value);
    return excluded !== value;
  }
  if ('numeric' in rule && Array.isArray(rule.numeric)) return matchesNumeric(rule.numeric, value);
  return false;
}

function matchesAffix(
  affix: unknown,
  value: unknown,
  test: (value: string, affix: string) => boolean,
): boolean {
  if (typeof value !== 'string') return false;
  if (isRecord(affix) && typeof affix['equals-ignore-case'] === 'string') {
    return test(value.toLowerCase(), affix['equals-ignore-case'].toLowerCase());
  }
  return typeof affix === 'string' && test(value, affix);
}

function matchesNumeric(conditions: readonly unknown[], value: unknown): boolean {
  if (typeof value !== 'number') return false;
  for (let i = 0; i + 1 < conditions.length; i += 2) {
    const bound = Number(conditions[i + 1]);
    const ok = {
      '=': value === bound,
      '<': value < bound,
      '<=': value <= bound,
      '>': value > bound,
      '>=': value >= bound,
    }[String(conditions[i])];
    if (ok !== true) return false;
  }
  return true;
}

function wildcard(glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`, 's');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
