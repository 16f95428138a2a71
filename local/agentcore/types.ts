import type { FaultInjector } from '../faults/index.js';
import type { RequestIamQuestion } from '../http/index.js';
import type { LogWriter, VendedLogWriter } from '../logs/index.js';
import type { AgentCoreAuthorize } from './iam-requests.js';
import type { AgentCoreQuotaLimits } from './service-quotas.js';

/** An image record of the local ECR registry, as the AgentCore emulator needs it. */
export interface EcrImageRecord {
  /** `sha256:…` digest of the image. */
  readonly digest: string;
  /** CPU architecture the image was built for (`arm64` is the only one AgentCore runs). */
  readonly architecture: string;
  /** Operating system of the image (`linux`). */
  readonly os: string;
  /** Directory holding the build context; `agent.mjs` in it is what a runtime container runs. */
  readonly contextDir: string;
}

/** Options of {@link startAgentCoreEmulator}. */
export interface AgentCoreEmulatorOptions {
  /** Data directory of the local cloud; state lives in `<dataDir>/agentcore/`. */
  readonly dataDir: string;
  /** Region used in ARNs. */
  readonly region: string;
  /** 12-digit account id used in ARNs. */
  readonly accountId: string;
  /** How long resources stay in their transitional status. @default 0 ms each — READY on the next read */
  readonly delays?: {
    readonly createMs?: number;
    readonly updateMs?: number;
    readonly deleteMs?: number;
    /** A memory's CREATING → ACTIVE. @default createMs */
    readonly memoryCreateMs?: number;
  };
  /** Fault queue shared with the other emulators. @default a fresh, empty injector */
  readonly faults?: FaultInjector;
  /** The local ECR registry, used to check runtime images and find their build context. */
  readonly ecr: {
    findImage(repository: string, digestOrTag: string): EcrImageRecord | undefined;
  };
  /** The S3 emulator, where harness skills are read from. */
  readonly s3: {
    readonly endpoint: string;
    readonly region: string;
    readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  };
  /** OpenAI-compatible base URL ending in `/v1` that every agent uses as its model. */
  readonly modelEndpoint: string;
  /** The Secrets Manager emulator, passed to runtime containers. @default none — containers get no endpoint */
  readonly secrets?: { readonly endpoint: string };
  /** Loopback port to listen on. @default 0 — a free port chosen by the system */
  readonly port?: number;
  /** Clock in epoch milliseconds that statuses are computed from. @default Date.now */
  readonly now?: () => number;
  /**
   * Authorizes each routed request after faults and before its handler (the local cloud's IAM); a denial is
   * answered as AccessDeniedException (403). @default none — every request is allowed
   */
  readonly authorize?: AgentCoreAuthorize;
  /**
   * Authorizes what AgentCore does as a resource's execution role (pulling its image, reading its skills,
   * calling its model): the denial message, else undefined (also for a role the local cloud does not know).
   * @default everything allowed
   */
  readonly authorizeRole?: (roleArn: string, questions: readonly RequestIamQuestion[]) => string | undefined;
  /** Where agents' logs go: each runtime container's stdout/stderr, a line per harness invocation. @default nowhere */
  readonly writeLog?: LogWriter;
  /**
   * Where agents' vended logs go (APPLICATION_LOGS: the same lines; USAGE_LOGS: a line per invocation), to the
   * destinations of the deliveries configured for them. @default nowhere
   */
  readonly deliverLog?: VendedLogWriter;
  /**
   * Whether a resource's log type has a delivery (asked before AgentCore makes its own spans of a runtime
   * invocation, so their context reaches the container only when they are kept). @default never
   */
  readonly delivers?: (resourceArn: string, logType: string) => boolean;
  /**
   * Where X-Ray's endpoint resolves for runtime agents (`AWS_ENDPOINT_URL_XRAY`, as AWS DNS resolves
   * `xray.<region>.amazonaws.com`): an agent whose configuration sets `AGENT_OBSERVABILITY_ENABLED=true` exports its
   * spans there, signed. @default none: the switch is dropped and the agents trace nothing
   */
  readonly xrayEndpoint?: string;
  /**
   * The account's quotas, read on every create and update (so a caller holding the object can change them while
   * the emulator runs). @default the documented defaults
   */
  readonly quotas?: AgentCoreQuotaLimits;
}

/** One operation the emulator answered, for tests and the CLI's progress view. */
export interface RecordedCall {
  /** The API operation name (`CreateAgentRuntime`), or `Unknown`. */
  readonly operation: string;
  readonly method: string;
  readonly path: string;
  /** HTTP status sent; 0 when the call was left unanswered (`network_timeout`). */
  readonly status: number;
  /** The error type sent, when the call failed. */
  readonly errorType?: string;
}

/** A harness invocation's side notes (skipped MCP servers, stand-in tool use), for tests and receipts. */
export interface HarnessInvocationRecord {
  readonly harnessId: string;
  readonly runtimeSessionId: string;
  /** The endpoint invoked (`DEFAULT` when the caller named none). */
  readonly qualifier: string;
  /** The harness version that endpoint served for this invocation. */
  readonly version: string;
  /** Stand-in built-in tools the agent called, by tool name. */
  readonly builtinToolCalls: readonly string[];
  /** Remote MCP servers skipped because they could not be reached, with the reason. */
  readonly skippedMcpServers: readonly {
    readonly name: string;
    readonly url: string;
    readonly reason: string;
  }[];
  /** Names of the skills loaded from S3. */
  readonly skills: readonly string[];
  /** Configuration the emulator could not honour (skill sources, gateway or inline tools), one sentence each. */
  readonly notes: readonly string[];
}

/** A running AgentCore emulator. */
export interface AgentCoreEmulator {
  /** Base URL for `@aws-sdk/client-bedrock-agentcore-control`. */
  readonly controlEndpoint: string;
  /** Base URL for `@aws-sdk/client-bedrock-agentcore` (the same listener; paths do not collide). */
  readonly dataEndpoint: string;
  /** The fault queue the emulator consults on every operation. */
  readonly faults: FaultInjector;
  /** Every operation answered so far, in order. */
  calls(): readonly RecordedCall[];
  /** Every harness invocation so far, in order. */
  harnessInvocations(): readonly HarnessInvocationRecord[];
  /** Process ids of the runtime containers now running (one per runtime version invoked). */
  runningAgentPids(): readonly number[];
  /** Writes state still waiting for the coalesced save (memory events) to disk now, as `stop` does. */
  flush(): void;
  /** Stops every runtime container and closes the listener. */
  stop(): Promise<void>;
}
