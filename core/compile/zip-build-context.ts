import { zipFiles } from '../bundle/index.js';
import type { BuildContext } from './types.js';

/**
 * Zips a build context deterministically (sorted entries, fixed timestamps and permissions): the same
 * context always gives the same bytes, so CodeBuild sources are content-addressed.
 */
export function zipBuildContext(context: BuildContext): Uint8Array {
  return zipFiles(context.files);
}
