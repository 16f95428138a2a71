import { existsSync } from 'node:fs';
import { type CfnElement, type Duration, type RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code, Function as LambdaFunction, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

/** Options of {@link createPipelineFunction}. */
export interface PipelineFunctionOptions {
  /** Path of the handler file exporting `handler`, relative to the repository root. */
  readonly entry: string;
  readonly description: string;
  readonly environment: Readonly<Record<string, string>>;
  readonly timeout: Duration;
  readonly memorySize: number;
  readonly logRetention: RetentionDays;
  readonly removalPolicy: RemovalPolicy;
  /**
   * Ship the pre-bundled runtime agent beside the handler (`runtime-agent.mjs`, the path `readConfig` defaults to).
   * @default false
   */
  readonly withRuntimeAgent?: boolean;
}

/**
 * The repository root, where `functions/`, `statemachine/` and `package-lock.json` live; in the installed
 * package, `dist/`, which holds the same assets and the prebuilt bundles under `lambda/`.
 */
export const repositoryRoot = new URL('..', import.meta.url).pathname;

/** Context key: `true` bundles each function with its source map (and `--enable-source-maps`) for debugging. */
export const LambdaSourceMapsContextKey = 'lambdaSourceMaps';

/**
 * How every handler is bundled, by the package build and by NodejsFunction alike: one minified ESM file for
 * Node 22 with everything inside; ESM bundles need `require` for the CommonJS parts of the SDK and middy.
 * `alias` swaps packages for modules of the repository (paths from its root): the SDK's credential chain
 * for the environment credentials Lambda sets (functions/lib/lambda-credentials.ts).
 */
export const LambdaBundling = {
  target: 'node22',
  mainFields: ['module', 'main'],
  minify: true,
  banner: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  alias: { '@aws-sdk/credential-provider-node': 'functions/lib/lambda-credentials.ts' },
} as const;

/** Where the package build puts the bundle of a handler entry (`functions/plan/handler.ts` → `lambda/plan`). */
export function prebuiltBundleDir(entry: string): string {
  return `lambda/${entry.split('/')[1]}`;
}

/**
 * One pipeline Lambda: Node 22 on arm64, bundled with the pinned AWS SDK inside (the AgentCore harness API is
 * newer than the SDK the runtime ships), X-Ray active, its own log group with explicit retention, and its own
 * role that starts empty: every grant is made by the caller. The installed package deploys the bundle its
 * build made (`npm run build:dist`); a clone bundles the handler with the local esbuild (never Docker).
 * Source maps stay out of the zip unless the context sets `lambdaSourceMaps` (a clone only).
 */
export function createPipelineFunction(
  scope: Construct,
  id: string,
  options: PipelineFunctionOptions,
): LambdaFunction {
  const role = new Role(scope, `${id}Role`, {
    assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
    description: `${options.description} (agentdrop ${id} function)`,
  });
  const logGroup = new LogGroup(scope, `${id}Logs`, {
    retention: options.logRetention,
    removalPolicy: options.removalPolicy,
  });
  const prebuilt = `${repositoryRoot}${prebuiltBundleDir(options.entry)}`;
  const isPrebuilt = existsSync(`${prebuilt}/index.mjs`);
  const sourceMapsWanted = [true, 'true'].includes(scope.node.tryGetContext(LambdaSourceMapsContextKey));
  const sourceMaps = sourceMapsWanted && !isPrebuilt;
  const common = {
    description: options.description,
    runtime: Runtime.NODEJS_22_X,
    architecture: Architecture.ARM_64,
    memorySize: options.memorySize,
    timeout: options.timeout,
    tracing: Tracing.ACTIVE,
    role,
    logGroup,
    environment: { ...(sourceMaps ? { NODE_OPTIONS: '--enable-source-maps' } : {}), ...options.environment },
  };
  const fn = isPrebuilt
    ? new LambdaFunction(scope, id, { ...common, code: Code.fromAsset(prebuilt), handler: 'index.handler' })
    : new NodejsFunction(scope, id, {
        ...common,
        entry: `${repositoryRoot}${options.entry}`,
        handler: 'handler',
        projectRoot: repositoryRoot,
        depsLockFilePath: `${repositoryRoot}package-lock.json`,
        bundling: {
          ...(options.withRuntimeAgent ? { commandHooks: runtimeAgentHooks } : {}),
          format: OutputFormat.ESM,
          target: LambdaBundling.target,
          mainFields: [...LambdaBundling.mainFields],
          externalModules: [],
          minify: LambdaBundling.minify,
          sourceMap: sourceMaps,
          banner: LambdaBundling.banner,
          esbuildArgs: Object.fromEntries(
            Object.entries(LambdaBundling.alias).map(([name, path]) => [
              `--alias:${name}`,
              `${repositoryRoot}${path}`,
            ]),
          ),
          forceDockerBundling: false,
        },
      });
  logGroup.grantWrite(role);
  Validations.of(role).acknowledge({
    id: `AwsSolutions-IAM5[Resource::<${logicalIdOf(scope, logGroup)}.Arn>:*]`,
    reason: "Log streams are created at run time; the grant is limited to this function's own log group.",
  });
  Validations.of(role).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason: 'X-Ray PutTraceSegments/PutTelemetryRecords have no resource-level permissions (active tracing).',
  });
  return fn;
}

/**
 * A clone has no package build: the runtime agent is bundled into the function's asset after the handler, by the
 * same script the package build uses (`scripts/write-runtime-agent.ts`, run with tsx).
 */
const runtimeAgentHooks = {
  beforeBundling: (): string[] => [],
  beforeInstall: (): string[] => [],
  afterBundling: (_inputDir: string, outputDir: string): string[] => [
    // tsx by its resolved URL: the bundling shell's working directory need not see this repository's node_modules.
    `"${process.execPath}" --import "${import.meta.resolve('tsx')}" "${repositoryRoot}scripts/write-runtime-agent.ts" "${outputDir}/${RuntimeAgentFile}"`,
  ],
};

/** The runtime agent's file name beside a handler's bundle (`functions/lib/config.ts` reads it there). */
export const RuntimeAgentFile = 'runtime-agent.mjs';

function logicalIdOf(scope: Construct, logGroup: LogGroup): string {
  return Stack.of(scope).getLogicalId(logGroup.node.defaultChild as CfnElement);
}
