/**
 * Where AgentCore serves each kind of agent, from "Supported AWS Regions" of the AgentCore developer guide
 * (https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/agentcore-regions.html), read 2026-12-04.
 * Update both lists and the date together; a region missing here fails preflight with `region.unsupported`.
 */
export const AgentCoreRegionsSource = {
  url: 'https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/agentcore-regions.html',
  readOn: '2026-12-04',
} as const;

/** Regions serving AgentCore Runtime (microVMs). */
export const RuntimeRegions: ReadonlySet<string> = new Set([
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'eu-central-1',
  'eu-west-1',
  'eu-west-2',
  'eu-south-1',
  'eu-west-3',
  'eu-south-2',
  'eu-north-1',
  'ap-southeast-5',
  'ap-south-1',
  'ap-south-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-7',
  'ap-northeast-1',
  'ap-northeast-2',
  'ca-central-1',
  'sa-east-1',
  'us-gov-west-1',
]);

/** Regions serving AgentCore harnesses (preview; spec §8 still warns outside its four launch regions). */
export const HarnessRegions: ReadonlySet<string> = new Set([
  'us-east-1',
  'us-east-2',
  'us-west-2',
  'eu-central-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-north-1',
  'ap-south-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-northeast-1',
  'ap-northeast-2',
  'ca-central-1',
  'sa-east-1',
  'us-gov-west-1',
]);
