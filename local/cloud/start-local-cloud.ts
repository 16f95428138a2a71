import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LogGroupNames } from '../../functions/lib/log-group-names.js';
import type { AgentCoreEmulator, AgentCoreQuotaLimits } from '../agentcore/index.js';
import { createQuotaLimits, startAgentCoreEmulator } from '../agentcore/index.js';
import type { CodeBuildEmulator } from '../codebuild/index.js';
import { startCodeBuildEmulator } from '../codebuild/index.js';
import type { DynamoDbEmulator } from '../dynamodb/index.js';
import { agentdropTable, startDynamoDbEmulator } from '../dynamodb/index.js';
import type { EcrEmulator } from '../ecr/index.js';
import { startEcrEmulator } from '../ecr/index.js';
import type { EventBridgeEmulator } from '../eventbridge/index.js';
import { startEventBridgeEmulator } from '../eventbridge/index.js';
import type { CallRecorder, FaultFlag, FaultInjector } from '../faults/index.js';
import { createCallRecorder, createFaultInjector } from '../faults/index.js';
import type { CfnTemplate } from '../iam/index.js';
import { localStackTemplate } from '../iam/index.js';
import type { LogsEmulator } from '../logs/index.js';
import { startLogsEmulator } from '../logs/index.js';
import type { ScriptedModel } from '../model/index.js';
import { startScriptedModel } from '../model/index.js';
import { type OtlpReceiver, startOtlpReceiver } from '../otlp/index.js';
import type { S3Emulator } from '../s3/index.js';
import { startS3Emulator } from '../s3/index.js';
import type { SecretsManagerEmulator } from '../secretsmanager/index.js';
import { startSecretsManagerEmulator } from '../secretsmanager/index.js';
import { type ServiceQuotasEmulator, startServiceQuotasEmulator } from '../servicequotas/index.js';
import type { LocalClientConfig, LocalSdkOptions, LocalSdkSettings } from './client-config.js';
import { LocalCredentials, localClientConfig, localSdkSettings } from './client-config.js';
import { lockDataDir } from './data-dir-lock.js';
import { LocalDataMarker } from './local-data-marker.js';
import { createLocalIam, type LocalIam } from './local-iam.js';
import { LocalResourceNames } from './local-physical-names.js';
import { LocalService, localServiceOf } from './local-service.js';
import { LocalPrincipals } from './pipeline-functions.js';

/** Options of {@link startLocalCloud}. */
export interface LocalCloudOptions {
  /** Where all state lives. @default '.agentdrop/local' under the working directory */
  readonly dataDir?: string;
  /** @default 'us-west-2' (DESIGN §7) */
  readonly region?: string;
  /** @default '000000000000' (DESIGN §7) */
  readonly accountId?: string;
  /** Emulated latencies. @default 0 for each: resources are READY on the next read, builds run at once */
  readonly delays?: {
    /** AgentCore CREATING → READY. */
    readonly createMs?: number;
    /** AgentCore UPDATING → READY. */
    readonly updateMs?: number;
    /** AgentCore DELETING → gone. */
    readonly deleteMs?: number;
    /** AgentCore Memory CREATING → ACTIVE. @default createMs */
    readonly memoryCreateMs?: number;
    /** CodeBuild provisioning before a build runs. */
    readonly buildMs?: number;
  };
  /** First port; services take consecutive ports in {@link LocalService} order. @default free ports */
  readonly basePort?: number;
  /** Faults set before the first request (the CLI's `--fault`). @default none */
  readonly faults?: readonly FaultFlag[];
  /** Builds also run `docker buildx` (needs a Docker engine). @default false */
  readonly realDocker?: boolean;
  /** Timeouts and retries of the SDK clients `clientConfig` and `sdkSettings` configure. @default see {@link LocalSdkOptions} */
  readonly sdk?: LocalSdkOptions;
  /**
   * The template whose IAM the local cloud enforces (DESIGN §8): every request signed with a local principal's
   * key (the pipeline's functions sign as `PlanFunction`, `HarnessFunction`, …, the runner's service
   * integrations as `StateMachine`, a runtime container as its execution role's name) is evaluated against that
   * principal's role and refused as AWS refuses it.
   * Requests signed with the emulator key (tests, the CLI: the user) are never evaluated.
   * @default the committed snapshot of the local stack (local/iam/local-stack-template.json)
   */
  readonly iam?: { readonly template: CfnTemplate };
  /** The account's AgentCore quotas, over the documented defaults (`LocalCloud.quotas` changes them later). @default none */
  readonly quotas?: Partial<AgentCoreQuotaLimits>;
}

/** The running local cloud. */
export interface LocalCloud {
  readonly region: string;
  readonly accountId: string;
  /** Absolute path of the data directory. */
  readonly dataDir: string;
  /** Base URL of every service. */
  readonly endpoints: Readonly<Record<LocalService, string>>;
  /** Names of the resources created on start. */
  readonly resources: {
    readonly dropBucket: string;
    readonly artifactsBucket: string;
    readonly tableName: string;
  };
  /** Config for an SDK client of `service` (`s3`, `dynamodb`, `eventbridge`/`events`, …). */
  clientConfig(service: LocalService | string): LocalClientConfig;
  readonly s3: S3Emulator;
  readonly dynamodb: DynamoDbEmulator;
  readonly events: EventBridgeEmulator;
  readonly codebuild: CodeBuildEmulator;
  readonly ecr: EcrEmulator;
  readonly secrets: SecretsManagerEmulator;
  /** CloudWatch Logs: what the pipeline's functions, the builds and the agents log. */
  readonly logs: LogsEmulator;
  readonly agentcore: AgentCoreEmulator;
  readonly servicequotas: ServiceQuotasEmulator;
  /**
   * X-Ray's OTLP traces endpoint as runtime agents reach it (`AWS_ENDPOINT_URL_XRAY`): signed exports the local IAM
   * allows are written to `aws/spans` in `logs`.
   */
  readonly otlp: OtlpReceiver;
  /**
   * The account's AgentCore quotas: what the AgentCore emulator enforces and the Service Quotas emulator reports.
   * Mutable: a test lowers one (`cloud.quotas.runtimesPerAccount = 1`) and both see it on their next call.
   */
  readonly quotas: AgentCoreQuotaLimits;
  readonly model: ScriptedModel;
  /** The fault injector of a service. */
  faults(service: LocalService | string): FaultInjector;
  /** Every call the emulators received, in order (each service reports through its fault injector). */
  readonly calls: CallRecorder;
  /** The stack's IAM this cloud enforces; the local pipeline checks its in-process Lambda invokes with it. */
  readonly iam: LocalIam;
  /** Timeouts and retries for an SDK client built elsewhere (the pipeline's Lambdas); fresh per call. */
  sdkSettings(): LocalSdkSettings;
  /** Milliseconds `startLocalCloud` took. */
  readonly startupMs: number;
  /** Writes what the emulators keep for a coalesced save (log events, memory events) to the data directory now. */
  flush(): void;
  /** Stops every service and closes every port; safe to call twice. */
  stop(): Promise<void>;
}

/** The drop bucket, artifacts bucket and table the local cloud creates on start. */
const LocalResources = {
  dropBucket: LocalResourceNames.dropBucket,
  artifactsBucket: LocalResourceNames.artifactsBucket,
  tableName: LocalResourceNames.tableName,
} as const;

const portOffsets: Readonly<Record<LocalService, number>> = {
  s3: 0,
  dynamodb: 1,
  eventbridge: 2,
  codebuild: 3,
  ecr: 4,
  secretsmanager: 5,
  agentcore: 6,
  'agentcore-control': 6,
  model: 7,
  // 8 is the local server's Step Functions endpoint.
  logs: 9,
  servicequotas: 10,
  otlp: 11,
};

/**
 * Starts the embedded local cloud (DESIGN §5) on loopback: S3, DynamoDB, EventBridge, CodeBuild, ECR,
 * Secrets Manager, CloudWatch Logs, AgentCore, Service Quotas and the scripted model, with state under `dataDir` that
 * survives a restart.
 * S3 object events reach the EventBridge `default` bus; the drop and artifacts buckets and the agentdrop
 * table exist once it resolves.
 */
export async function startLocalCloud(options: LocalCloudOptions = {}): Promise<LocalCloud> {
  const started = performance.now();
  const region = options.region ?? 'us-west-2';
  const accountId = options.accountId ?? '000000000000';
  // Built first: a template the evaluator cannot read fails the start before anything is locked or listening.
  const iam = createLocalIam(options.iam?.template ?? localStackTemplate(), {
    region,
    account: accountId,
    stackName: LocalResourceNames.stackName,
  });
  const dataDir = resolve(options.dataDir ?? join('.agentdrop', 'local'));
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(join(dataDir, LocalDataMarker), 'agentdrop local cloud data directory\n');
  const unlock = lockDataDir(dataDir);
  const port = (service: LocalService): number =>
    options.basePort === undefined ? 0 : options.basePort + portOffsets[service];
  const calls = createCallRecorder();
  const injectors = new Map<LocalService, FaultInjector>();
  const faultsOf = (name: LocalService | string): FaultInjector => {
    const service = localServiceOf(name);
    if (service === undefined) throw new Error(`Unknown local service ${name}.`);
    // The AgentCore control and data planes share one listener and one injector.
    const key = service === LocalService.AgentCoreControl ? LocalService.AgentCore : service;
    let injector = injectors.get(key);
    if (injector === undefined) {
      injector = createFaultInjector({ service: key, recorder: calls });
      injectors.set(key, injector);
    }
    return injector;
  };
  for (const flag of options.faults ?? []) faultsOf(flag.service).set(flag.operation, flag.fault);

  const common = { dataDir, region, accountId };
  const quotas = createQuotaLimits(options.quotas);
  const authorize = iam.authorize;
  const stoppers: (() => Promise<void>)[] = [];
  const track = <T extends { stop(): Promise<void> }>(service: T): T => {
    stoppers.push(() => service.stop());
    return service;
  };
  const stopAll = async (): Promise<void> => {
    const results = await Promise.allSettled(
      stoppers
        .splice(0)
        .reverse()
        .map((stop) => stop()),
    );
    const failure = results.find((result) => result.status === 'rejected');
    if (failure !== undefined) throw (failure as PromiseRejectedResult).reason;
  };

  try {
    const eventBridge = startEventBridgeEmulator({
      ...common,
      port: port('eventbridge'),
      faults: faultsOf('eventbridge'),
      authorize,
    }).then(track);
    const [events, ecr, secrets, dynamodb, model, logs, servicequotas] = await Promise.all([
      eventBridge,
      startEcrEmulator({ ...common, port: port('ecr'), faults: faultsOf('ecr'), authorize }).then(track),
      startSecretsManagerEmulator({
        ...common,
        port: port('secretsmanager'),
        faults: faultsOf('secretsmanager'),
        authorize,
        // CloudTrail → EventBridge on AWS: a rotated secret's event reaches the default bus.
        onEvent: (event) => void eventBridge.then((bus) => bus.publish('default', event)),
      }).then(track),
      startDynamoDbEmulator({
        dataDir,
        region,
        accountId,
        port: port('dynamodb'),
        faults: faultsOf('dynamodb'),
        authorize,
      }).then(track),
      startScriptedModel({
        port: port('model'),
        region,
        accountId,
        authorizeRole: iam.authorizeRole,
      }).then(track),
      startLogsEmulator({ ...common, port: port('logs'), faults: faultsOf('logs'), authorize }).then(track),
      startServiceQuotasEmulator({
        quotas,
        region,
        accountId,
        port: port('servicequotas'),
        faults: faultsOf('servicequotas'),
        authorize,
      }).then(track),
    ]);
    const otlp = await startOtlpReceiver({
      port: port('otlp'),
      region,
      writeLog: logs.write,
      authorize,
    }).then(track);
    const s3 = await startS3Emulator({
      ...common,
      port: port('s3'),
      faults: faultsOf('s3'),
      authorize,
      principals: Object.keys(LocalPrincipals),
      buckets: [LocalResources.dropBucket, LocalResources.artifactsBucket],
      onEvent: (event) => events.publish('default', event),
    }).then(track);
    const [codebuild, agentcore] = await Promise.all([
      startCodeBuildEmulator({
        ...common,
        port: port('codebuild'),
        faults: faultsOf('codebuild'),
        authorize,
        readObject: (bucket, key, versionId) => s3.readObject(bucket, key, versionId),
        ecr,
        buildDelayMs: options.delays?.buildMs ?? 0,
        writeLog: logs.write,
        realDocker: options.realDocker ?? false,
      }).then(track),
      startAgentCore({
        ...common,
        options,
        port: port('agentcore'),
        faults: faultsOf('agentcore'),
        iam,
        ecr,
        s3,
        model,
        secrets,
        logs,
        otlp,
        quotas,
      }).then(track),
      dynamodb.ensureTable(agentdropTable(LocalResources.tableName)),
    ]);
    // The stack's destinations for agents' logs (AWS::Logs::LogGroup and AWS::Logs::DeliveryDestination) and traces.
    for (const kind of ['application', 'usage'] as const) {
      logs.ensureDeliveryDestination(
        LogGroupNames.agentLogDestination(LocalResourceNames.stackName, kind),
        LogGroupNames.agentLogs(LocalResourceNames.stackName, kind),
      );
    }
    logs.ensureTraceDestination(LogGroupNames.agentTraceDestination(LocalResourceNames.stackName));

    const endpoints: Record<LocalService, string> = {
      s3: s3.endpoint,
      dynamodb: dynamodb.endpoint,
      eventbridge: events.endpoint,
      codebuild: codebuild.endpoint,
      ecr: ecr.endpoint,
      secretsmanager: secrets.endpoint,
      logs: logs.endpoint,
      agentcore: agentcore.dataEndpoint,
      'agentcore-control': agentcore.controlEndpoint,
      model: model.endpoint,
      servicequotas: servicequotas.endpoint,
      otlp: otlp.endpoint,
    };
    let stopping: Promise<void> | undefined;
    return {
      region,
      accountId,
      dataDir,
      endpoints,
      resources: { ...LocalResources },
      clientConfig(name) {
        const service = localServiceOf(name);
        if (service === undefined) throw new Error(`Unknown local service ${name}.`);
        return localClientConfig(endpoints[service], region, service === LocalService.S3, options.sdk);
      },
      sdkSettings: () => localSdkSettings(options.sdk),
      s3,
      dynamodb,
      events,
      codebuild,
      ecr,
      secrets,
      logs,
      agentcore,
      servicequotas,
      otlp,
      quotas,
      model,
      faults: faultsOf,
      calls,
      iam,
      startupMs: Math.round(performance.now() - started),
      flush() {
        logs.flush();
        agentcore.flush();
      },
      stop() {
        stopping ??= stopAll().finally(unlock);
        return stopping;
      },
    };
  } catch (error) {
    await stopAll().catch(() => undefined);
    unlock();
    throw error;
  }
}

/** The single place the AgentCore emulator (local/agentcore/) is wired into the local cloud. */
function startAgentCore(input: {
  dataDir: string;
  region: string;
  accountId: string;
  options: LocalCloudOptions;
  port: number;
  faults: FaultInjector;
  iam: LocalIam;
  ecr: EcrEmulator;
  s3: S3Emulator;
  model: ScriptedModel;
  secrets: SecretsManagerEmulator;
  logs: LogsEmulator;
  otlp: OtlpReceiver;
  quotas: AgentCoreQuotaLimits;
}): Promise<AgentCoreEmulator> {
  const delays = input.options.delays;
  return startAgentCoreEmulator({
    dataDir: input.dataDir,
    region: input.region,
    accountId: input.accountId,
    delays: {
      ...(delays?.createMs !== undefined ? { createMs: delays.createMs } : {}),
      ...(delays?.updateMs !== undefined ? { updateMs: delays.updateMs } : {}),
      ...(delays?.deleteMs !== undefined ? { deleteMs: delays.deleteMs } : {}),
      ...(delays?.memoryCreateMs !== undefined ? { memoryCreateMs: delays.memoryCreateMs } : {}),
    },
    faults: input.faults,
    ecr: input.ecr,
    s3: { endpoint: input.s3.endpoint, region: input.region, credentials: { ...LocalCredentials } },
    modelEndpoint: input.model.endpoint,
    secrets: { endpoint: input.secrets.endpoint },
    port: input.port,
    authorize: input.iam.authorize,
    authorizeRole: input.iam.authorizeRole,
    writeLog: input.logs.write,
    deliverLog: input.logs.deliver,
    delivers: input.logs.delivers,
    xrayEndpoint: input.otlp.endpoint,
    quotas: input.quotas,
  });
}
