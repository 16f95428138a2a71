import type { CaughtError } from '../contract.js';
import { PipelineErrorName } from '../errors.js';

/** What the record step tells about a failure: the receipt's `error` plus the build log link. */
export interface FailureDescription {
  /** The dotted code when a diagnostic caused the error, else the name (DESIGN §7). */
  readonly code: string;
  readonly name: string;
  readonly message: string;
  readonly state: string | null;
  readonly buildLogUrl: string | null;
}

/** A message led by its dotted code (`PipelineError`: Lambda passes on name and message only). */
const CodedMessage = /^([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+): (.+)$/s;

/**
 * Reads `$.error` (one key: the failing state, docs/state-machine.md §1) into a description. The cause is
 * Lambda's `{errorType, errorMessage, trace}` JSON for Lambda states, `{Build: …}` for a failed BuildImage
 * (reported as `BuildFailed` with the build log link), or plain text from other integrations.
 */
export function describeFailure(
  errors: Readonly<Record<string, CaughtError>> | undefined,
): FailureDescription {
  const [state, caught] = Object.entries(errors ?? {})[0] ?? [null, undefined];
  if (!caught) {
    return {
      code: 'States.Runtime',
      name: 'States.Runtime',
      message: 'The run failed without an error record.',
      state,
      buildLogUrl: null,
    };
  }
  const cause = parseJson(caught.Cause);
  const build = (cause as { Build?: BuildCause } | null)?.Build;
  if (build && typeof build === 'object') return describeBuild(build, state);
  const lambdaMessage = (cause as { errorMessage?: unknown } | null)?.errorMessage;
  const text = typeof lambdaMessage === 'string' ? lambdaMessage : caught.Cause || caught.Error;
  const coded = CodedMessage.exec(text);
  return {
    code: coded?.[1] ?? caught.Error,
    name: caught.Error,
    message: coded?.[2] ?? text,
    state,
    buildLogUrl: null,
  };
}

interface BuildCause {
  readonly Id?: string;
  readonly BuildStatus?: string;
  readonly Logs?: { readonly DeepLink?: string };
  readonly Phases?: readonly {
    readonly PhaseType?: string;
    readonly PhaseStatus?: string;
    readonly Contexts?: readonly { readonly Message?: string }[];
  }[];
}

function describeBuild(build: BuildCause, state: string | null): FailureDescription {
  const failed = (build.Phases ?? []).find(
    (phase) => phase.PhaseStatus !== undefined && phase.PhaseStatus !== 'SUCCEEDED',
  );
  const detail = failed?.Contexts?.map((context) => context.Message).find((message) => message) ?? null;
  const where = failed?.PhaseType ? ` in phase ${failed.PhaseType}` : '';
  return {
    code: PipelineErrorName.BuildFailed,
    name: PipelineErrorName.BuildFailed,
    message: `The image build ${build.Id ?? ''} ended ${build.BuildStatus ?? 'FAILED'}${where}${detail ? `: ${detail}` : '.'}`,
    state,
    buildLogUrl: build.Logs?.DeepLink ?? null,
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
