export type { BuildPhase, BuildRecord } from './build-record.js';
export { checkBuildContext } from './check-build-context.js';
export type { LocalBuildInput, LocalBuildOutcome } from './run-local-build.js';
export { dockerAvailable, runLocalBuild } from './run-local-build.js';
export type { CodeBuildEmulator, CodeBuildEmulatorOptions } from './start-codebuild-emulator.js';
export { startCodeBuildEmulator } from './start-codebuild-emulator.js';
