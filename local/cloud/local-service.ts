/** The services of the local cloud, as `endpoints`, `clientConfig` and `faults` name them. */
export const LocalService = {
  S3: 's3',
  DynamoDb: 'dynamodb',
  EventBridge: 'eventbridge',
  CodeBuild: 'codebuild',
  Ecr: 'ecr',
  SecretsManager: 'secretsmanager',
  /** `@aws-sdk/client-cloudwatch-logs`. */
  Logs: 'logs',
  /** `@aws-sdk/client-bedrock-agentcore` (data plane). */
  AgentCore: 'agentcore',
  /** `@aws-sdk/client-bedrock-agentcore-control`. */
  AgentCoreControl: 'agentcore-control',
  /** The scripted OpenAI-compatible model (not an AWS service). */
  Model: 'model',
  /** `@aws-sdk/client-service-quotas` (AgentCore's quotas only). */
  ServiceQuotas: 'servicequotas',
  /** The OTLP/HTTP trace receiver writing spans to `aws/spans` (not an AWS API: AWS's collector endpoint). */
  Otlp: 'otlp',
} as const;
export type LocalService = (typeof LocalService)[keyof typeof LocalService];

/** Other spellings accepted for a service (SDK package and signing names). */
const LocalServiceAliases: Readonly<Record<string, LocalService>> = {
  events: LocalService.EventBridge,
  secrets: LocalService.SecretsManager,
  'secrets-manager': LocalService.SecretsManager,
  'cloudwatch-logs': LocalService.Logs,
  'bedrock-agentcore': LocalService.AgentCore,
  'bedrock-agentcore-control': LocalService.AgentCoreControl,
  'service-quotas': LocalService.ServiceQuotas,
};

/** Resolves a service name or alias, or `undefined` when it names no local service. */
export function localServiceOf(name: string): LocalService | undefined {
  const values: readonly string[] = Object.values(LocalService);
  return values.includes(name) ? (name as LocalService) : LocalServiceAliases[name];
}
