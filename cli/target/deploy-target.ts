import type { BedrockAgentCoreClient } from '@aws-sdk/client-bedrock-agentcore';
import type { BedrockAgentCoreControlClient } from '@aws-sdk/client-bedrock-agentcore-control';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { HistoryEvent } from '@aws-sdk/client-sfn';
import type { DeployStore, ProjectState, Receipt } from '../../functions/lib/store/index.js';
import type { EventBridgeEvent } from '../../local/eventbridge/index.js';
import type { ExecutionStatus, RunnerEvent } from '../../local/runner/index.js';
import type { CliIo } from '../io.js';
import type { PipelineLogGroups } from './pipeline-log-groups.js';

/**
 * Called when a run an action started is found, with the raw event that started it (the execution input); returns where the run's progress events go, or `undefined` to follow it quietly.
 */
export type RunListener = (event: EventBridgeEvent) => ((event: RunnerEvent) => void) | undefined;

/** What an action on a target started, so {@link DeployTarget.settle} can find and follow its runs. */
export interface RunTrigger {
  readonly project: string;
  /** Epoch milliseconds just before the action, on this machine's clock. */
  readonly at: number;
  readonly match: ExecutionMatch;
}

/** How an execution's input (the raw EventBridge event) is recognised as the one an action started. */
export type ExecutionMatch =
  | {
      readonly detailType: 'Object Created' | 'Object Deleted';
      readonly key: string;
      /** The object's (or the delete marker's) version id; null on an unversioned bucket. */
      readonly versionId: string | null;
    }
  | { readonly detailType: 'Redeploy Requested'; readonly eventId: string };

/** A run followed to its end. */
export interface FollowedRun {
  /** The raw event that started it (its execution input). */
  readonly event: EventBridgeEvent;
  readonly project: string;
  readonly executionArn: string;
  readonly status: ExecutionStatus;
  /** The execution's error and cause when it failed. */
  readonly error?: { readonly error: string; readonly cause: string };
  /** States entered, the unit Step Functions bills. */
  readonly transitions: number;
  readonly durationMs: number;
  /** The deploy id the Plan step chose, when the run shows it. */
  readonly deployId: string | null;
}

/** A secret's name and the version id labelled `AWSCURRENT`. Never its value. */
export interface SecretVersion {
  readonly name: string;
  readonly versionId: string | null;
}

/**
 * Where the CLI acts: the embedded local cloud or a deployed AgentDrop stack. Both run the same state
 * machine and keep the same table, so commands are written once against this interface.
 */
export interface DeployTarget {
  readonly kind: 'local' | 'aws';
  /**
   * Whether the runs happen inside this process (the embedded local cloud a command started for itself),
   * so the command must wait for them; false on AWS and on a running local cloud, where runs go on without it.
   */
  readonly runsHere: boolean;
  /** The table's adapters: STATE, receipts, locks. */
  readonly store: DeployStore;
  /** Prefix of the secrets drops reference (`agentdrop/`). */
  readonly secretPrefix: string;
  /** Region of the stack (or of the local cloud): the pipeline plans with it as the default region. */
  readonly region: string;
  /** The stack's name, as its ownership tags carry it (`agentdrop-local` on the local cloud). */
  readonly stackName: string;
  /** Every project's STATE item, sorted by project. */
  listStates(): Promise<ProjectState[]>;
  /** Uploads `drops/<project>.zip`. */
  upload(project: string, zip: Uint8Array): Promise<RunTrigger>;
  /** Whether `drops/<project>.zip` exists (HeadObject). */
  hasDrop(project: string): Promise<boolean>;
  /** Deletes `drops/<project>.zip` (a delete marker on a versioned bucket), which tears the agent down. */
  deleteDrop(project: string): Promise<RunTrigger>;
  /**
   * Puts `Redeploy Requested` on the stack's bus; with `rollbackTo` (`previous` or a version) it asks for a
   * rollback of the `live` endpoint instead (docs/state-machine.md §2.7).
   */
  requestRedeploy(project: string, force: boolean, rollbackTo?: string): Promise<RunTrigger>;
  /** Creates or rotates `<secretPrefix>NAME`; returns the new version id. */
  putSecret(name: string, value: string): Promise<string>;
  listSecrets(): Promise<SecretVersion[]>;
  /**
   * The plan a deploy stored in the artifacts bucket (`plans/<project>/<deployId>.json`), parsed; null when it
   * is absent. Reads only.
   */
  readPlan(project: string, deployId: string): Promise<unknown>;
  /** An object of the artifacts bucket (a build context), or null when it is absent. Reads only. */
  readArtifact(key: string): Promise<Uint8Array | null>;
  /**
   * Every object under `prefix` in `bucket` (the artifacts bucket when null), keyed by the rest of its key: the
   * files of a harness skill bundle. Reads only.
   */
  readObjects(bucket: string | null, prefix: string): Promise<Map<string, Uint8Array>>;
  /**
   * The AgentCore data-plane client (InvokeHarness, InvokeAgentRuntime) of `region`, with the target's
   * credentials and, on the local cloud, its endpoint; closed with the target.
   */
  agentCore(region: string): BedrockAgentCoreClient;
  /**
   * The AgentCore control-plane client of `region` (read by `drift`: GetHarness, GetAgentRuntime, endpoints,
   * tags), with the target's credentials and endpoint; closed with the target.
   */
  agentCoreControl(region: string): BedrockAgentCoreControlClient;
  /** An execution's whole history with its data, oldest first (`GetExecutionHistory`). */
  executionHistory(executionArn: string): Promise<HistoryEvent[]>;
  /**
   * The CloudWatch Logs client of `region` (the SDK is loaded on first use), with the target's credentials and,
   * on the local cloud, its endpoint; closed with the target.
   */
  logs(region: string): Promise<CloudWatchLogsClient>;
  /** The log groups of the pipeline's functions and image build. */
  pipelineLogGroups(): Promise<PipelineLogGroups>;
  /**
   * Creates missing secrets (from environment variables of the same name, else a placeholder) and returns them.
   * Only the local cloud does this; an AWS stack never creates a secret on a push.
   */
  seedSecrets(names: readonly string[], env: CliIo['env']): Promise<SeededSecret[]>;
  /** Finds the runs an action started (and, locally, the runs they start) and follows them to their end. */
  settle(trigger: RunTrigger): Promise<FollowedRun[]>;
  /** The receipt a run wrote; on AWS waits a little for a run that died before writing its own. */
  receiptOf(run: FollowedRun): Promise<Receipt | null>;
  close(): Promise<void>;
}

/** A secret a local push created because it was missing, and where its value came from. */
export interface SeededSecret {
  name: string;
  from: 'environment' | 'placeholder';
}
