export { compileRuntime } from './compile-runtime.js';
export { CompileError, CompileErrorName } from './errors.js';
export { pruneLockfile } from './prune-lockfile.js';
export { RuntimeBaseImage, renderDockerfile } from './render-dockerfile.js';
export { RuntimeDependencies } from './runtime-dependencies.js';
export { RuntimeSource } from './runtime-source.js';
export {
  buildTeamManifest,
  type TeamAgent,
  type TeamManifest,
  type TeamMcpServer,
  type TeamSecret,
  type TeamSecretHeader,
} from './team-manifest.js';
export type { BuildContext, CompileOptions } from './types.js';
export { zipBuildContext } from './zip-build-context.js';
