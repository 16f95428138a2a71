export { type FileSource, fileSize, OnDemandFiles } from './on-demand-files.js';
export { readDirectoryBundle } from './read-directory-bundle.js';
export { readZipBundle, readZipFile } from './read-zip-bundle.js';
export {
  type BundleLimits,
  type BundleResult,
  DefaultBundleLimits,
  type FileTree,
  type ReadOptions,
} from './types.js';
export { zipFiles } from './zip-files.js';
