import type { FieldProblem } from './service-error.js';

/** A member constraint of the service model (agentcore-api.md §0), checked by {@link checkShape}. */
export type Shape =
  | { readonly kind: 'string'; readonly min?: number; readonly max?: number; readonly pattern?: RegExp }
  | { readonly kind: 'integer' | 'float'; readonly min?: number; readonly max?: number }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'enum'; readonly values: readonly string[] }
  | { readonly kind: 'document' }
  | { readonly kind: 'forbidden'; readonly reason: string }
  | { readonly kind: 'list'; readonly item: Shape; readonly min?: number; readonly max?: number }
  | {
      readonly kind: 'map';
      readonly key: Shape;
      readonly value: Shape;
      readonly min?: number;
      readonly max?: number;
    }
  | { readonly kind: 'struct'; readonly members: Readonly<Record<string, Member>> }
  | { readonly kind: 'union'; readonly members: Readonly<Record<string, Shape>> };

/** A struct member: its shape and whether the model marks it required. */
export interface Member {
  readonly shape: Shape;
  readonly required: boolean;
}

type Bounds = { readonly min?: number; readonly max?: number };

/** Builders for {@link Shape}s; patterns are full matches, as the model means them. */
export const S = {
  string: (bounds: Bounds = {}, pattern?: string): Shape => ({
    kind: 'string',
    ...bounds,
    ...(pattern !== undefined ? { pattern: new RegExp(`^(?:${pattern})$`, 'u') } : {}),
  }),
  integer: (bounds: Bounds = {}): Shape => ({ kind: 'integer', ...bounds }),
  float: (bounds: Bounds = {}): Shape => ({ kind: 'float', ...bounds }),
  boolean: (): Shape => ({ kind: 'boolean' }),
  enum: (...values: string[]): Shape => ({ kind: 'enum', values }),
  document: (): Shape => ({ kind: 'document' }),
  /** A member the operation refuses whenever it is present (e.g. an Update-only member sent to Create). */
  forbidden: (reason: string): Shape => ({ kind: 'forbidden', reason }),
  list: (item: Shape, bounds: Bounds = {}): Shape => ({ kind: 'list', item, ...bounds }),
  map: (key: Shape, value: Shape, bounds: Bounds = {}): Shape => ({ kind: 'map', key, value, ...bounds }),
  struct: (members: Record<string, Shape | Member>): Shape => ({
    kind: 'struct',
    members: Object.fromEntries(
      Object.entries(members).map(([name, m]) => [name, 'required' in m ? m : { shape: m, required: false }]),
    ),
  }),
  union: (members: Record<string, Shape>): Shape => ({ kind: 'union', members }),
  unit: (): Shape => ({ kind: 'struct', members: {} }),
  required: (shape: Shape): Member => ({ shape, required: true }),
} as const;

/**
 * Checks a JSON value against a shape and returns every problem found, each named by its dotted member path
 * (`agentRuntimeArtifact.containerConfiguration.containerUri`). Unknown struct members are ignored, as the
 * service's deserializer ignores them.
 */
export function checkShape(shape: Shape, value: unknown, path: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  visit(shape, value, path, problems);
  return problems;
}

function visit(shape: Shape, value: unknown, path: string, out: FieldProblem[]): undefined {
  const fail = (constraint: string): undefined => {
    out.push({
      name: path,
      message: `Value at '${path}' failed to satisfy constraint: ${constraint}`,
    });
  };
  switch (shape.kind) {
    case 'string': {
      if (typeof value !== 'string') return fail('Member must be a string');
      const length = [...value].length;
      if (shape.min !== undefined && length < shape.min)
        return fail(`Member must have length greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && length > shape.max)
        return fail(`Member must have length less than or equal to ${shape.max}`);
      if (shape.pattern !== undefined && !shape.pattern.test(value))
        return fail(`Member must satisfy regular expression pattern: ${shape.pattern.source.slice(4, -2)}`);
      return;
    }
    case 'integer':
    case 'float': {
      if (
        typeof value !== 'number' ||
        !Number.isFinite(value) ||
        (shape.kind === 'integer' && !Number.isInteger(value))
      )
        return fail(`Member must be ${shape.kind === 'integer' ? 'an integer' : 'a number'}`);
      if (shape.min !== undefined && value < shape.min)
        return fail(`Member must have value greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && value > shape.max)
        return fail(`Member must have value less than or equal to ${shape.max}`);
      return;
    }
    case 'boolean':
      if (typeof value !== 'boolean') fail('Member must be a boolean');
      return;
    case 'enum':
      if (typeof value !== 'string' || !shape.values.includes(value))
        fail(`Member must satisfy enum value set: [${shape.values.join(', ')}]`);
      return;
    case 'document':
      return;
    case 'forbidden':
      return fail(shape.reason);
    case 'list': {
      if (!Array.isArray(value)) return fail('Member must be a list');
      if (shape.min !== undefined && value.length < shape.min)
        return fail(`Member must have length greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && value.length > shape.max)
        return fail(`Member must have length less than or equal to ${shape.max}`);
      value.forEach((item, i) => {
        visit(shape.item, item, `${path}.${i + 1}.member`, out);
      });
      return;
    }
    case 'map': {
      if (!isObject(value)) return fail('Member must be a map');
      const entries = Object.entries(value);
      if (shape.min !== undefined && entries.length < shape.min)
        return fail(`Member must have length greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && entries.length > shape.max)
        return fail(`Member must have length less than or equal to ${shape.max}`);
      for (const [key, item] of entries) {
        visit(shape.key, key, `${path}.${key}.key`, out);
        visit(shape.value, item, `${path}.${key}.value`, out);
      }
      return;
    }
    case 'struct': {
      if (!isObject(value)) return fail('Member must be a structure');
      for (const [name, member] of Object.entries(shape.members)) {
        const memberPath = path === '' ? name : `${path}.${name}`;
        const item = value[name];
        if (item === undefined || item === null) {
          if (member.required) {
            out.push({
              name: memberPath,
              message: `Value null at '${memberPath}' failed to satisfy constraint: Member must not be null`,
            });
          }
          continue;
        }
        visit(member.shape, item, memberPath, out);
      }
      return;
    }
    case 'union': {
      if (!isObject(value)) return fail('Member must be a union');
      const set = Object.keys(value).filter((k) => value[k] !== undefined && value[k] !== null);
      if (set.length !== 1)
        return fail(`Member must have exactly one of [${Object.keys(shape.members).join(', ')}]`);
      const key = set[0]!;
      const memberShape = shape.members[key];
      if (memberShape === undefined)
        return fail(`Member must be one of [${Object.keys(shape.members).join(', ')}], not ${key}`);
      visit(memberShape, value[key], `${path}.${key}`, out);
      return;
    }
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
