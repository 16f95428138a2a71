/**
 * The source regions each cross-Region inference profile geography accepts requests from, from "Supported
 * Regions and models for inference profiles" of the Bedrock user guide
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/inference-profiles-support.html), read 2026-12-04.
 * A profile `<geo>.<provider>.<model>` called from a region its geography does not include is refused by
 * Bedrock, so the deployed agent could never answer: preflight fails it with `model.unavailable_in_region`.
 */
export const InferenceGeosSource = {
  url: 'https://docs.aws.amazon.com/bedrock/latest/userguide/inference-profiles-support.html',
  readOn: '2026-12-04',
} as const;

const commercial = (region: string): boolean => !region.startsWith('us-gov-') && !region.startsWith('cn-');

/** Whether a profile of geography `geo` can be called from `region`. */
export const InferenceGeoAccepts: Readonly<Record<string, (region: string) => boolean>> = {
  us: (region) => region.startsWith('us-') && commercial(region),
  'us-gov': (region) => region.startsWith('us-gov-'),
  eu: (region) => region.startsWith('eu-'),
  apac: (region) => region.startsWith('ap-'),
  jp: (region) => region === 'ap-northeast-1' || region === 'ap-northeast-3',
  au: (region) => region === 'ap-southeast-2' || region === 'ap-southeast-4',
  ca: (region) => region === 'ca-central-1' || region === 'ca-west-1',
  global: commercial,
};
