export { deliverAgentLogs, removeAgentLogs } from './deliver-agent-logs.js';
