export type { EcrImage, EcrRepository, RecordImageInput } from './ecr-registry.js';
export { EcrRegistry } from './ecr-registry.js';
export type { EcrEmulator, EcrEmulatorOptions, FoundImage } from './start-ecr-emulator.js';
export { startEcrEmulator } from './start-ecr-emulator.js';
