import { AgentdropError } from '../../core/errors.js';

/** A CloudFormation template, as far as IAM evaluation reads it. */
export interface CfnTemplate {
  readonly Resources: Readonly<Record<string, CfnResource>>;
}

/** One resource of a {@link CfnTemplate}. */
export interface CfnResource {
  readonly Type: string;
  readonly Properties?: Readonly<Record<string, unknown>>;
}

/** Where the template is "deployed": the values its pseudo parameters and resource references resolve to. */
export interface DeployTarget {
  /** @default '000000000000' — the local cloud's account */
  readonly account?: string;
  /** @default 'us-west-2' — the local cloud's region */
  readonly region?: string;
  /** @default 'aws' */
  readonly partition?: string;
  /** @default 'agentdrop' */
  readonly stackName?: string;
  /**
   * The physical name of a resource by logical id (the local cloud's bucket, table, role names). @default the
   * name property of the resource (`BucketName`, `TableName`, …) when it is a string, else the logical id
   */
  readonly physicalNames?: Readonly<Record<string, string>>;
}

/** A {@link DeployTarget} with every default applied. */
export type ResolvedDeployTarget = Required<DeployTarget>;

/** The local cloud's defaults (agentcore-api §12: us-west-2, 000000000000). */
export function resolveDeployTarget(target: DeployTarget = {}): ResolvedDeployTarget {
  return {
    account: target.account ?? '000000000000',
    region: target.region ?? 'us-west-2',
    partition: target.partition ?? 'aws',
    stackName: target.stackName ?? 'agentdrop',
    physicalNames: target.physicalNames ?? {},
  };
}

/** The property that names a resource of each type (its `Ref` where the type answers Ref with a name). */
export const NameProperty: Readonly<Record<string, string>> = {
  'AWS::S3::Bucket': 'BucketName',
  'AWS::DynamoDB::Table': 'TableName',
  'AWS::IAM::Role': 'RoleName',
  'AWS::Logs::LogGroup': 'LogGroupName',
  'AWS::ECR::Repository': 'RepositoryName',
  'AWS::CodeBuild::Project': 'Name',
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::SQS::Queue': 'QueueName',
  'AWS::Events::EventBus': 'Name',
  'AWS::StepFunctions::StateMachine': 'StateMachineName',
};

/**
 * Resolves the intrinsics of `value` that policies of this stack use (Ref, Fn::GetAtt, Fn::Join, Fn::Sub) to
 * plain strings as the target sees them.
 * @throws UnresolvableIntrinsic for any other intrinsic, an unknown logical id or attribute: a policy the
 * evaluator cannot read exactly is refused rather than guessed (a guess could allow what AWS refuses).
 */
export function resolveIntrinsic(
  value: unknown,
  template: CfnTemplate,
  target: ResolvedDeployTarget,
): unknown {
  if (Array.isArray(value)) return value.map((item) => resolveIntrinsic(item, template, target));
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  const [key] = keys;
  if (keys.length === 1 && key !== undefined && (key === 'Ref' || key.startsWith('Fn::'))) {
    return resolveFunction(key, record[key], template, target);
  }
  return Object.fromEntries(keys.map((name) => [name, resolveIntrinsic(record[name], template, target)]));
}

function resolveFunction(
  name: string,
  argument: unknown,
  template: CfnTemplate,
  target: ResolvedDeployTarget,
): string {
  if (name === 'Ref' && typeof argument === 'string') return resolveRef(argument, template, target);
  if (name === 'Fn::GetAtt') {
    const [logicalId, attribute] =
      typeof argument === 'string' ? argument.split('.') : (argument as string[]);
    return resolveGetAtt(String(logicalId), String(attribute), template, target);
  }
  if (name === 'Fn::Join' && Array.isArray(argument)) {
    const [separator, parts] = argument as [string, unknown[]];
    return parts.map((part) => String(resolveIntrinsic(part, template, target))).join(separator);
  }
  if (name === 'Fn::Sub') {
    const [text, variables] = (Array.isArray(argument) ? argument : [argument, {}]) as [
      string,
      Record<string, unknown>,
    ];
    return text.replace(/\$\{([^}!]+)\}/g, (_, reference: string) => {
      if (reference in variables) return String(resolveIntrinsic(variables[reference], template, target));
      const [logicalId, attribute] = reference.split('.');
      return attribute === undefined
        ? resolveRef(String(logicalId), template, target)
        : resolveGetAtt(String(logicalId), attribute, template, target);
    });
  }
  throw unresolvable(`${name} ${JSON.stringify(argument)}`);
}

function resolveRef(logicalId: string, template: CfnTemplate, target: ResolvedDeployTarget): string {
  switch (logicalId) {
    case 'AWS::AccountId':
      return target.account;
    case 'AWS::Region':
      return target.region;
    case 'AWS::Partition':
      return target.partition;
    case 'AWS::StackName':
      return target.stackName;
    case 'AWS::URLSuffix':
      return 'amazonaws.com';
  }
  const resource = resourceOf(logicalId, template);
  // These types answer Ref with their ARN (CloudFormation resource reference, "Return values").
  if (resource.Type === 'AWS::StepFunctions::StateMachine') return arnOf(logicalId, template, target);
  return physicalName(logicalId, template, target);
}

function resolveGetAtt(
  logicalId: string,
  attribute: string,
  template: CfnTemplate,
  target: ResolvedDeployTarget,
): string {
  if (attribute === 'Arn') return arnOf(logicalId, template, target);
  if (attribute === 'Name') return physicalName(logicalId, template, target);
  if (attribute === 'StreamArn' && resourceOf(logicalId, template).Type === 'AWS::DynamoDB::Table') {
    return `${arnOf(logicalId, template, target)}/stream/*`;
  }
  throw unresolvable(`Fn::GetAtt ${logicalId}.${attribute}`);
}

function physicalName(logicalId: string, template: CfnTemplate, target: ResolvedDeployTarget): string {
  const named = target.physicalNames[logicalId];
  if (named !== undefined) return named;
  const resource = resourceOf(logicalId, template);
  const property = NameProperty[resource.Type];
  const value = property === undefined ? undefined : resource.Properties?.[property];
  return typeof value === 'string' ? value : logicalId;
}

function arnOf(logicalId: string, template: CfnTemplate, target: ResolvedDeployTarget): string {
  const { partition, region, account } = target;
  const name = physicalName(logicalId, template, target);
  const type = resourceOf(logicalId, template).Type;
  const regional = (service: string, resource: string) =>
    `arn:${partition}:${service}:${region}:${account}:${resource}`;
  switch (type) {
    case 'AWS::S3::Bucket':
      return `arn:${partition}:s3:::${name}`;
    case 'AWS::IAM::Role':
      return `arn:${partition}:iam::${account}:role/${name}`;
    case 'AWS::DynamoDB::Table':
      return regional('dynamodb', `table/${name}`);
    case 'AWS::Logs::LogGroup':
      return regional('logs', `log-group:${name}:*`);
    case 'AWS::ECR::Repository':
      return regional('ecr', `repository/${name}`);
    case 'AWS::CodeBuild::Project':
      return regional('codebuild', `project/${name}`);
    case 'AWS::Lambda::Function':
      return regional('lambda', `function:${name}`);
    case 'AWS::SQS::Queue':
      return regional('sqs', name);
    case 'AWS::Events::EventBus':
      return regional('events', `event-bus/${name}`);
    case 'AWS::StepFunctions::StateMachine':
      return regional('states', `stateMachine:${name}`);
    default:
      throw unresolvable(`Fn::GetAtt ${logicalId}.Arn of ${type}`);
  }
}

function resourceOf(logicalId: string, template: CfnTemplate): CfnResource {
  const resource = template.Resources[logicalId];
  if (!resource) throw unresolvable(`Ref ${logicalId}`);
  return resource;
}

function unresolvable(what: string): AgentdropError {
  return new AgentdropError('UnresolvableIntrinsic', `Cannot resolve ${what} for IAM evaluation.`, {
    intrinsic: what,
  });
}
