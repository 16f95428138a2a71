export { deliverAgentLogs, removeAgentLogs, removeRecreatedAgentLogs } from './deliver-agent-logs.js';
