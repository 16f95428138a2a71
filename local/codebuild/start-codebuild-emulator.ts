import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { EcrEmulator } from '../ecr/index.js';
import type { FaultInjector } from '../faults/index.js';
import { createFaultInjector, FaultKind } from '../faults/index.js';
import type { AuthorizeRequest } from '../http/index.js';
import { optionalString, requiredString, ServiceError, startJsonProtocolServer } from '../http/index.js';
import type { LogWriter } from '../logs/index.js';
import { readJsonFile, writeJsonFile } from '../persist/index.js';
import { closePhase, interruptedBuild, nextNumber, openPhase } from './build-phases.js';
import type { BuildRecord } from './build-record.js';
import { newBuildRecord } from './new-build-record.js';
import type { LocalBuildOutcome } from './run-local-build.js';
import { dockerAvailable, runLocalBuild } from './run-local-build.js';

/** Options of {@link startCodeBuildEmulator}. */
export interface CodeBuildEmulatorOptions {
  /** Builds in `<dataDir>/codebuild/`, image contexts in `<dataDir>/images/`. */
  readonly dataDir: string;
  /** @default 'us-west-2' */
  readonly region?: string;
  /** @default '000000000000' */
  readonly accountId?: string;
  /** @default 0 (a free port) */
  readonly port?: number;
  /** @default a new injector */
  readonly faults?: FaultInjector;
  /** The local cloud's IAM, asked before each operation (see `JsonProtocolServerOptions.authorize`). @default none */
  readonly authorize?: AuthorizeRequest;
  /** Reads the source zip (the S3 emulator's `readObject`). */
  readonly readObject: (bucket: string, key: string, versionId?: string) => Promise<Buffer | undefined>;
  /** Where images are recorded. */
  readonly ecr: Pick<EcrEmulator, 'findImage' | 'recordImage' | 'registryHost' | 'createRepository'>;
  /** Time a build spends provisioning before it runs. @default 0 */
  readonly buildDelayMs?: number;
  /** Also run `docker buildx build --platform linux/arm64` when a Docker engine answers. @default false */
  readonly realDocker?: boolean;
  /** Where each build's output also goes: its `logs.groupName`/`logs.streamName`, as on AWS. @default only the file */
  readonly writeLog?: LogWriter;
}

/** A running CodeBuild emulator. */
export interface CodeBuildEmulator {
  readonly endpoint: string;
  readonly faults: FaultInjector;
  /** A build by id, as BatchGetBuilds returns it. */
  build(id: string): BuildRecord | undefined;
  /** Resolves with the build once it is complete. */
  waitForBuild(id: string): Promise<BuildRecord>;
  stop(): Promise<void>;
}

const invalid = 'InvalidInputException';

/**
 * Starts the CodeBuild emulator (`CodeBuild_20161006.`, JSON 1.1): StartBuild with an S3 source override
 * runs a local build (see `runLocalBuild`) in the background; BatchGetBuilds reports it with phases,
 * `exportedEnvironmentVariables` (IMAGE_URI, IMAGE_DIGEST, BUILD_SKIPPED) and a logs deep link.
 * Fault `build_failed` on `StartBuild` makes the next build fail in its BUILD phase.
 */
export async function startCodeBuildEmulator(options: CodeBuildEmulatorOptions): Promise<CodeBuildEmulator> {
  const region = options.region ?? 'us-west-2';
  const accountId = options.accountId ?? '000000000000';
  const faults = options.faults ?? createFaultInjector();
  const directory = join(options.dataDir, 'codebuild');
  const statePath = join(directory, 'builds.json');
  mkdirSync(join(directory, 'logs'), { recursive: true });
  const builds = new Map<string, BuildRecord>(
    readJsonFile<BuildRecord[]>(statePath, []).map((build) => [build.id, interruptedBuild(build)]),
  );
  const tokens = new Map<string, string>();
  const waiters = new Map<string, ((build: BuildRecord) => void)[]>();
  const running = new Set<Promise<void>>();
  const timers = new Set<NodeJS.Timeout>();
  let stopping = false;

  const save = (build: BuildRecord): void => {
    builds.set(build.id, build);
    writeJsonFile(statePath, [...builds.values()]);
    if (build.buildComplete) {
      for (const resolve of waiters.get(build.id) ?? []) resolve(build);
      waiters.delete(build.id);
    }
  };

  /** One line of a build's output: to its file and, like CodeBuild's `[Container]` lines, to its log stream. */
  const writeBuildLog = (id: string, line: string): void => {
    const at = new Date();
    appendFileSync(join(directory, 'logs', `${id.split(':')[1]}.log`), `[${at.toISOString()}] ${line}\n`);
    const { logs } = builds.get(id)!;
    options.writeLog?.(logs.groupName, logs.streamName, [
      {
        message: `[Container] ${at.toISOString().replace('T', ' ').replace('Z', '')} ${line}`,
        timestamp: at.getTime(),
      },
    ]);
  };

  let dockerAnswers: Promise<boolean> | undefined;
  const useDocker = async (log: (line: string) => void): Promise<boolean> => {
    if (options.realDocker !== true) return false;
    dockerAnswers ??= dockerAvailable();
    const available = await dockerAnswers;
    if (!available) log('No Docker engine answers: checking the context without docker buildx');
    return available;
  };

  const execute = async (id: string, failBuild: string | undefined): Promise<void> => {
    const log = (line: string): void => writeBuildLog(id, line);
    const enterPhase = (phaseType: string): void => {
      const build = builds.get(id)!;
      log(`Entering phase ${phaseType}`);
      save({
        ...build,
        currentPhase: phaseType,
        phases: [...closePhase(build.phases, 'SUCCEEDED'), openPhase(phaseType)],
      });
    };
    const build = builds.get(id)!;
    const environment = Object.fromEntries(
      build.environment.environmentVariables.map((v) => [v.name, v.value]),
    );
    let outcome: LocalBuildOutcome;
    try {
      outcome = await runLocalBuild({
        sourceLocation: build.source.location,
        ...(build.sourceVersion !== undefined ? { sourceVersion: build.sourceVersion } : {}),
        environment,
        dataDir: options.dataDir,
        readObject: options.readObject,
        ecr: options.ecr,
        realDocker: await useDocker(log),
        ...(failBuild !== undefined ? { failBuild } : {}),
        onPhase: enterPhase,
        output: log,
      });
    } catch (error) {
      outcome = {
        kind: 'failed',
        phaseType: builds.get(id)!.currentPhase,
        statusCode: 'BUILD_CONTAINER_UNABLE_TO_PULL_IMAGE',
        message: (error as Error).message,
      };
    }
    const current = builds.get(id)!;
    const now = Date.now() / 1000;
    if (outcome.kind === 'failed') log(`Phase ${outcome.phaseType} failed: ${outcome.message}`);
    const phases =
      outcome.kind === 'succeeded'
        ? closePhase(current.phases, 'SUCCEEDED')
        : closePhase(current.phases, 'FAILED', [
            { statusCode: outcome.statusCode, message: outcome.message },
          ]);
    save({
      ...current,
      currentPhase: 'COMPLETED',
      buildStatus: outcome.kind === 'succeeded' ? 'SUCCEEDED' : 'FAILED',
      buildComplete: true,
      endTime: now,
      phases: [
        ...closePhase([...phases, openPhase('FINALIZING')], 'SUCCEEDED'),
        { phaseType: 'COMPLETED', startTime: now },
      ],
      ...(outcome.kind === 'succeeded'
        ? {
            exportedEnvironmentVariables: Object.entries(outcome.exported).map(([name, value]) => ({
              name,
              value,
            })),
          }
        : {}),
    });
    log(`Build ${outcome.kind === 'succeeded' ? 'succeeded' : 'failed'}`);
  };

  const server = await startJsonProtocolServer({
    targetPrefix: 'CodeBuild_20161006',
    faults,
    serverErrorType: 'InternalFailure',
    actionPrefix: 'codebuild',
    ...(options.authorize ? { authorize: options.authorize } : {}),
    resourcesOf: (_operation, input) => {
      // A build id is `<project>:<uuid>`: build operations are authorized on the project.
      const projects =
        typeof input.projectName === 'string'
          ? [input.projectName]
          : Array.isArray(input.ids)
            ? input.ids.map((id) => String(id).split(':')[0])
            : [];
      if (projects.length === 0) return ['*'];
      return [...new Set(projects)].map((name) => `arn:aws:codebuild:${region}:${accountId}:project/${name}`);
    },
    port: options.port ?? 0,
    operations: {
      StartBuild: (input, fault) => {
        const projectName = requiredString(input, 'projectName', invalid);
        const token = optionalString(input, 'idempotencyToken', invalid);
        const previous = token === undefined ? undefined : tokens.get(`${projectName}/${token}`);
        if (previous !== undefined) return { build: builds.get(previous) };
        const sourceType = optionalString(input, 'sourceTypeOverride', invalid) ?? 'S3';
        if (sourceType !== 'S3') {
          throw new ServiceError(invalid, `The local CodeBuild only builds S3 sources, not ${sourceType}.`);
        }
        const location = optionalString(input, 'sourceLocationOverride', invalid)?.replace(/^s3:\/\//, '');
        if (location === undefined || !/^[^/]+\/.+/.test(location)) {
          throw new ServiceError(
            invalid,
            'Invalid source location: expected <bucket>/<key> for an S3 source.',
          );
        }
        const variables = Array.isArray(input.environmentVariablesOverride)
          ? (input.environmentVariablesOverride as { name?: unknown; value?: unknown; type?: unknown }[]).map(
              (v) => ({
                name: String(v.name ?? ''),
                value: String(v.value ?? ''),
                type: typeof v.type === 'string' ? v.type : 'PLAINTEXT',
              }),
            )
          : [];
        let failBuild: string | undefined;
        let delayMs = options.buildDelayMs ?? 0;
        if (fault?.kind === FaultKind.BuildFailed) {
          failBuild = fault.reason ?? 'The build failed (injected fault).';
        } else if (fault?.kind === FaultKind.SlowReady) {
          delayMs += fault.delayMs ?? 0;
        }
        const build = newBuildRecord({
          projectName,
          location,
          variables,
          region,
          accountId,
          buildNumber: nextNumber(builds, projectName),
        });
        const sourceVersion = optionalString(input, 'sourceVersion', invalid);
        const stored =
          sourceVersion === undefined
            ? build
            : { ...build, sourceVersion, resolvedSourceVersion: sourceVersion };
        save(stored);
        if (token !== undefined) tokens.set(`${projectName}/${token}`, build.id);
        writeBuildLog(build.id, `Build ${build.id} queued`);
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (stopping) return;
          save({
            ...builds.get(build.id)!,
            currentPhase: 'PROVISIONING',
            phases: [...closePhase(builds.get(build.id)!.phases, 'SUCCEEDED'), openPhase('PROVISIONING')],
          });
          const run = execute(build.id, failBuild).finally(() => running.delete(run));
          running.add(run);
        }, delayMs);
        timers.add(timer);
        return { build: stored };
      },
      BatchGetBuilds: (input) => {
        if (!Array.isArray(input.ids) || input.ids.length === 0 || input.ids.length > 100) {
          throw new ServiceError(
            invalid,
            '1 validation error detected: ids must hold between 1 and 100 build ids.',
          );
        }
        const ids = input.ids.map(String);
        return {
          builds: ids.flatMap((id) => (builds.has(id) ? [builds.get(id)] : [])),
          buildsNotFound: ids.filter((id) => !builds.has(id)),
        };
      },
    },
  });

  return {
    endpoint: server.endpoint,
    faults,
    build: (id) => builds.get(id),
    waitForBuild(id) {
      const build = builds.get(id);
      if (build === undefined) return Promise.reject(new Error(`No build ${id}.`));
      if (build.buildComplete) return Promise.resolve(build);
      return new Promise((resolve) => waiters.set(id, [...(waiters.get(id) ?? []), resolve]));
    },
    async stop() {
      stopping = true;
      for (const timer of timers) clearTimeout(timer);
      await server.close();
      await Promise.all([...running]);
    },
  };
}
