export { localRuntimeAgent } from './local-runtime-agent.js';
