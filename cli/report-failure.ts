import { CommanderError } from 'commander';
import type { Diagnostic } from '../core/diagnostics/index.js';
import { AgentdropError, errorCode } from '../core/errors.js';
import { type CliConventions, usageLine } from './cli-conventions.js';
import { type CliIo, ExitCode } from './io.js';
import { diagnosticLine } from './render/plan-view.js';
import { UsageError } from './usage-error.js';

/** How {@link reportFailure} reports. */
export interface FailureReportOptions extends CliConventions {
  /** Print the stack of an unexpected error. */
  readonly verbose: boolean;
}

/**
 * Reports an error that ended a command and returns the exit code (STYLE §2.9): `usage: … (see … --help)` and
 * exit 2 for a usage error, `code: message` and exit 1 for our errors, and with `--json` also one
 * `{ "error": { name, code, message, context } }` object on stdout (the human line stays on stderr).
 */
export function reportFailure(error: unknown, io: CliIo, options: FailureReportOptions): number {
  if (error instanceof CommanderError) {
    // Help exits 0; a parse error was already printed as one usage line.
    if (error.exitCode === 0) return ExitCode.Ok;
    if (options.json) writeErrorJson(io, usageJson(error.message.replace(/^error: /, ''), options.command()));
    return ExitCode.Usage;
  }
  if (error instanceof UsageError) {
    io.stderr(usageLine(error.message, options.command()));
    if (options.json) writeErrorJson(io, usageJson(error.message, options.command()));
    return ExitCode.Usage;
  }
  if (error instanceof AgentdropError) {
    io.stderr(`${errorCode(error)}: ${error.message}\n`);
    const diagnostics = diagnosticsOf(error);
    for (const diagnostic of diagnostics) io.stderr(`  ${diagnosticLine(diagnostic)}\n`);
    if (options.json) {
      writeErrorJson(io, {
        ...error.toJSON(),
        code: errorCode(error),
        ...(diagnostics.length > 0 ? { diagnostics } : {}),
      });
    }
    return ExitCode.Failed;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`Unexpected: ${message}\n`);
  if (options.verbose && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
  if (options.json) {
    const name = error instanceof Error ? error.name : 'Error';
    writeErrorJson(io, { name, code: 'Unexpected', message, context: {} });
  }
  return ExitCode.Failed;
}

/** An error that carries the diagnostics that caused it (a refused drop). */
export interface WithDiagnostics {
  readonly diagnostics: readonly Diagnostic[];
}

function diagnosticsOf(error: AgentdropError): readonly Diagnostic[] {
  const { diagnostics } = error as Partial<WithDiagnostics>;
  return Array.isArray(diagnostics) ? diagnostics : [];
}

function usageJson(message: string, command: string): Record<string, unknown> {
  return { name: 'UsageError', code: 'UsageError', message, context: { command }, help: `${command} --help` };
}

function writeErrorJson(io: CliIo, error: Record<string, unknown>): void {
  io.stdout(`${JSON.stringify({ error }, null, 2)}\n`);
}
