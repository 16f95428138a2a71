export {
  type BundleLimits,
  type BundleResult,
  DefaultBundleLimits,
  type FileTree,
} from './types.js';
export { zipFiles } from './zip-files.js';
