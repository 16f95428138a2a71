import type { DiagnosticCode } from './diagnostics/codes.js';

/** Names and ids that explain an error. Never a secret value. */
export type ErrorContext = Readonly<Record<string, string | number | boolean | null | undefined>>;

/** The serialised form of an {@link AgentdropError}, as receipts, events and `--json` output carry it. */
export interface ErrorJson {
  readonly name: string;
  readonly code?: string;
  readonly message: string;
  readonly context: ErrorContext;
}

/**
 * Base of every error agentdrop throws. `name` is PascalCase and is what Step Functions' Retry/Catch
 * match; `code` is the dotted diagnostic code when a diagnostic caused the error (DESIGN §7).
 */
export class AgentdropError extends Error {
  constructor(
    name: string,
    message: string,
    readonly context: ErrorContext = {},
    readonly code?: DiagnosticCode | string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    // Lambda passes on name, message and stack only: Step Functions sees `Error` = name.
    this.name = name;
  }

  toJSON(): ErrorJson {
    return { name: this.name, code: this.code, message: this.message, context: this.context };
  }
}

/** The code a person sees for an error: the diagnostic code when present, else the name. */
export function errorCode(error: { name: string; code?: string }): string {
  return error.code ?? error.name;
}
