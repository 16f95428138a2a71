const geographies = /^(us|us-gov|eu|apac|jp|au|ca|global)\.(.+)$/;

/**
 * The Bedrock ARNs a model call is authorized on (Bedrock user guide, "Prerequisites for inference profiles"):
 * an ARN as given; a cross-region inference profile id (`us.anthropic…`) as the profile and the foundation
 * model it routes to (here only in the local region, the one region the local cloud has); else the foundation
 * model.
 */
export function modelArns(modelId: string, region: string, accountId: string): string[] {
  if (modelId.startsWith('arn:')) return [modelId];
  const foundation = (id: string) => `arn:aws:bedrock:${region}::foundation-model/${id}`;
  const profile = geographies.exec(modelId);
  if (profile === null) return [foundation(modelId)];
  return [`arn:aws:bedrock:${region}:${accountId}:inference-profile/${modelId}`, foundation(profile[2]!)];
}
