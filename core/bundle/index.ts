export { readDirectoryBundle } from './read-directory-bundle.js';
export { readZipBundle } from './read-zip-bundle.js';
export {
  type BundleLimits,
  type BundleResult,
  DefaultBundleLimits,
  type FileTree,
} from './types.js';
export { zipFiles } from './zip-files.js';
