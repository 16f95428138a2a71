declare module 'asl-validator' {
  /** One finding of the validator; assert on `Error code` (messages are noisy, toolchain.md §6). */
  export interface AslValidationError {
    readonly 'Error code': string;
    readonly Message: string;
  }

  /** Validates an Amazon States Language definition. */
  export default function aslValidator(
    definition: unknown,
    options?: { readonly checkPaths?: boolean; readonly checkArn?: boolean },
  ): { readonly isValid: boolean; readonly errors: readonly AslValidationError[] };
}
