export { compileCodePackage } from './compile-code-package.js';
export { compileRuntime } from './compile-runtime.js';
export { CompileError, CompileErrorName } from './errors.js';
export {
  buildTeamManifest,
  type TeamAgent,
  type TeamManifest,
  type TeamMcpServer,
  type TeamSecret,
  type TeamSecretHeader,
} from './team-manifest.js';
export type { BuildContext } from './types.js';
export { zipBuildContext } from './zip-build-context.js';
