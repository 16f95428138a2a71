export type { LocalServer, LocalServerOptions } from './start-local-server.js';
export { startLocalServer } from './start-local-server.js';
