declare module 'pbac' {
  /** A condition operator: compares one request value (`undefined` when the key is absent) with one policy value. */
  export type PbacCondition = (this: Pbac, requestValue: unknown, policyValue: unknown) => unknown;

  /** What `evaluate` and `filterPoliciesBy` are asked. */
  export interface PbacRequest {
    readonly action: string;
    readonly resource: string;
    readonly context?: unknown;
    readonly principal?: unknown;
  }

  /** pbac 0.3.x: an IAM-style policy evaluator (MIT, github.com/monken/node-pbac). */
  export default class Pbac {
    constructor(
      policies: unknown,
      options?: {
        readonly conditions?: Record<string, PbacCondition>;
        readonly validateSchema?: boolean;
        readonly validatePolicies?: boolean;
      },
    );
    /** The operators this instance knows, the built-ins plus `options.conditions`. */
    readonly conditions: Record<string, PbacCondition>;
    /** Explicit deny wins, then any allow; otherwise false. */
    evaluate(request: PbacRequest): boolean;
    /** The first statement with `effect` that matches the request, if any. */
    filterPoliciesBy(request: PbacRequest & { readonly effect: 'Allow' | 'Deny' }): unknown;
    /** Looks a condition key up in the request context. */
    getContextValue(key: string, context: unknown): unknown;
  }
}
