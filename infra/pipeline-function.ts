import { type CfnElement, type Duration, type RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
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
}

/** The repository root, where `functions/` and `package-lock.json` live. */
export const repositoryRoot = new URL('..', import.meta.url).pathname;

// ESM bundles need `require` for the CommonJS parts of the SDK and middy.
const requireShim =
  "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

/**
 * One pipeline Lambda: Node 22 on arm64, bundled by the local esbuild (never Docker) with the pinned AWS SDK
 * inside (the AgentCore harness API is newer than the SDK the runtime ships), X-Ray active, its own log group
 * with explicit retention, and its own role that starts empty: every grant is made by the caller.
 */
export function createPipelineFunction(
  scope: Construct,
  id: string,
  options: PipelineFunctionOptions,
): NodejsFunction {
  const role = new Role(scope, `${id}Role`, {
    assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
    description: `${options.description} (agentdrop ${id} function)`,
  });
  const logGroup = new LogGroup(scope, `${id}Logs`, {
    retention: options.logRetention,
    removalPolicy: options.removalPolicy,
  });
  const fn = new NodejsFunction(scope, id, {
    entry: `${repositoryRoot}${options.entry}`,
    handler: 'handler',
    projectRoot: repositoryRoot,
    depsLockFilePath: `${repositoryRoot}package-lock.json`,
    description: options.description,
    runtime: Runtime.NODEJS_22_X,
    architecture: Architecture.ARM_64,
    memorySize: options.memorySize,
    timeout: options.timeout,
    tracing: Tracing.ACTIVE,
    role,
    logGroup,
    environment: { NODE_OPTIONS: '--enable-source-maps', ...options.environment },
    bundling: {
      format: OutputFormat.ESM,
      target: 'node22',
      mainFields: ['module', 'main'],
      externalModules: [],
      minify: true,
      sourceMap: true,
      banner: requireShim,
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

function logicalIdOf(scope: Construct, logGroup: LogGroup): string {
  return Stack.of(scope).getLogicalId(logGroup.node.defaultChild as CfnElement);
}
