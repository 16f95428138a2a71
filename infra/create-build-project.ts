import { readFileSync } from 'node:fs';
import { Aws, Duration, Validations } from 'aws-cdk-lib';
import { BuildSpec, LinuxArmBuildImage, Project, Source } from 'aws-cdk-lib/aws-codebuild';
import { Repository, TagMutability, TagStatus } from 'aws-cdk-lib/aws-ecr';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { parse } from 'yaml';
import { acknowledgeWildcards, grant } from './grant.js';
import { repositoryRoot } from './pipeline-function.js';
import type { ResolvedAgentDropProps } from './resolve-props.js';
import { BuildQueuedTimeout } from './run-budget.js';

/** The image build and where it pushes. */
export interface BuildResources {
  readonly project: Project;
  /** Mutable BuildKit registry cache (`<repo>:<project>` tags), apart from the immutable image repositories. */
  readonly cacheRepository: Repository;
  /** `<account>.dkr.ecr.<region>.amazonaws.com` */
  readonly ecrRegistry: string;
}

/** Prefix of the ECR repositories the buildspec creates per project (`agentdrop/<project>`, core/plan). */
export const ImageRepositoryPrefix = 'agentdrop/';

/**
 * Creates the ARM64 image build of `buildspecs/runtime-image.yml` (aws-practices §3): Amazon Linux 2023 aarch64
 * standard 3.0, privileged (Docker daemon), S3 source overridden per build with the build context, explicit
 * timeout; plus the build cache repository. Image repositories are created by the buildspec on first use under
 * `agentdrop/` (immutable tags, scan on push, ownership tags), so the role may create only those, and only with
 * this stack's tag.
 */
export function createBuildProject(
  scope: Construct,
  props: ResolvedAgentDropProps,
  artifactsBucket: IBucket,
): BuildResources {
  const ecrRegistry = `${props.account}.dkr.ecr.${props.region}.${Aws.URL_SUFFIX}`;
  const cacheRepository = new Repository(scope, 'BuildCacheRepository', {
    imageTagMutability: TagMutability.MUTABLE,
    imageScanOnPush: false,
    removalPolicy: props.removalPolicy,
    lifecycleRules: [{ tagStatus: TagStatus.UNTAGGED, maxImageAge: Duration.days(7) }],
  });
  const logGroup = new LogGroup(scope, 'BuildLogs', {
    retention: props.logRetention,
    removalPolicy: props.removalPolicy,
  });
  const buildspec = parse(readFileSync(`${repositoryRoot}buildspecs/runtime-image.yml`, 'utf8')) as Record<
    string,
    unknown
  >;
  const project = new Project(scope, 'ImageBuild', {
    description:
      'agentdrop: builds the generated runtime build context into a linux/arm64 image and pushes it to ECR',
    // The location is a placeholder: BuildImage overrides it with the build context object and its version.
    source: Source.s3({ bucket: artifactsBucket, path: 'builds/' }),
    buildSpec: BuildSpec.fromObjectToYaml(buildspec),
    environment: {
      buildImage: LinuxArmBuildImage.AMAZON_LINUX_2023_STANDARD_3_0,
      computeType: props.codeBuildComputeType,
      privileged: true,
    },
    environmentVariables: {
      ECR_REGISTRY: { value: ecrRegistry },
      CACHE_REPO_NAME: { value: cacheRepository.repositoryName },
      STACK_NAME: { value: props.stackName },
      ECR_LIFECYCLE_POLICY: { value: JSON.stringify(imageLifecyclePolicy(props.imagesPerRepository)) },
    },
    timeout: props.buildTimeout,
    queuedTimeout: BuildQueuedTimeout,
    logging: { cloudWatch: { logGroup } },
  });
  grant(
    project,
    new PolicyStatement({
      sid: 'ReadBuildContexts',
      actions: ['s3:GetObject', 's3:GetObjectVersion'],
      resources: [artifactsBucket.arnForObjects('builds/*')],
    }),
    'Build contexts are keyed builds/<project>/<specHash>.zip (DESIGN §4.3); BuildImage names one per build.',
  );
  cacheRepository.grantPullPush(project);
  acknowledgeWildcards(
    project,
    { resources: ['*'] },
    'ecr:GetAuthorizationToken (granted with the cache repository pull/push) has no resource-level permissions.',
  );
  grantImageRepositories(project, props);
  acknowledgeWildcards(
    project,
    {
      actions: ['s3:GetObject*', 's3:GetBucket*', 's3:List*'],
      resources: [
        `arn:${Aws.PARTITION}:logs:${props.region}:${props.account}:log-group:/aws/codebuild/${project.projectName}:*`,
        `arn:${Aws.PARTITION}:codebuild:${props.region}:${props.account}:report-group/${project.projectName}-*`,
      ],
    },
    'Granted by CodeBuild itself: the S3 source read (Source.s3 on builds/), and its default log group and report groups.',
  );

  Validations.of(project).acknowledge({
    id: 'AwsSolutions-CB4',
    reason:
      'The build produces no artifacts (images go to ECR); its logs and the S3 source are already encrypted.',
  });
  return { project, cacheRepository, ecrRegistry };
}

function grantImageRepositories(project: Project, props: ResolvedAgentDropProps): void {
  const repositories = `arn:${Aws.PARTITION}:ecr:${props.region}:${props.account}:repository/${ImageRepositoryPrefix}*`;
  const why = 'Image repositories are created per project under agentdrop/ by the buildspec (DESIGN §7).';
  grant(
    project,
    new PolicyStatement({
      sid: 'CreateOwnedRepositories',
      actions: ['ecr:CreateRepository', 'ecr:TagResource'],
      resources: [repositories],
      conditions: { StringEquals: { 'aws:RequestTag/agentdrop:stack': props.stackName } },
    }),
    why,
  );
  grant(
    project,
    new PolicyStatement({
      sid: 'PushImages',
      actions: [
        'ecr:DescribeRepositories',
        'ecr:DescribeImages',
        'ecr:BatchCheckLayerAvailability',
        'ecr:BatchGetImage',
        'ecr:GetDownloadUrlForLayer',
        'ecr:InitiateLayerUpload',
        'ecr:UploadLayerPart',
        'ecr:CompleteLayerUpload',
        'ecr:PutImage',
      ],
      resources: [repositories],
    }),
    why,
  );
  grant(
    project,
    new PolicyStatement({
      sid: 'LifecycleOfOwnedRepositories',
      actions: ['ecr:PutLifecyclePolicy'],
      resources: [repositories],
      conditions: { StringEquals: { 'aws:ResourceTag/agentdrop:stack': props.stackName } },
    }),
    why,
  );
}

/** Keeps the newest `count` images of a project repository; runtimes reference images by digest. */
function imageLifecyclePolicy(count: number): object {
  return {
    rules: [
      {
        rulePriority: 1,
        description: `Keep the newest ${count} images`,
        selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: count },
        action: { type: 'expire' },
      },
    ],
  };
}
