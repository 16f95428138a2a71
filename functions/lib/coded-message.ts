/**
 * The message a Lambda reports for an error. Lambda passes on only `errorType` (the name) and `errorMessage` to
 * Step Functions, so an error's dotted code leads its message (`drop.missing: …`); the record step splits it
 * again (`describeFailure`). Used by the Lambda middleware and by the local runner, which reports errors as
 * Lambda does.
 */
export function codedMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string' || !code.includes('.') || error.message.startsWith(`${code}: `))
    return error.message;
  return `${code}: ${error.message}`;
}
