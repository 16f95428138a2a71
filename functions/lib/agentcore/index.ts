export { adoptByName } from './adopt-by-name.js';
export { listEndpointNames, listResources, listVersions, type ResourceSummary } from './count-resources.js';
export { createOrAdopt } from './create-or-adopt.js';
export { findLiveResourceByName, getLiveResource, type LiveResourceInfo } from './live-resource.js';
export { mutateUnlessBusy } from './mutate-unless-busy.js';
export {
  CandidateEndpoint,
  getNamedEndpoint,
  LiveEndpoint,
  type NamedEndpointInfo,
  type PointedEndpoint,
  pointEndpoint,
} from './named-endpoint.js';
export { isOwned, ownerOf, ownershipTags } from './ownership-tags.js';
export {
  type AgentCoreCallOptions,
  callAgentCore,
  isConflict,
  isNotFound,
  toPipelineError,
} from './service-errors.js';
