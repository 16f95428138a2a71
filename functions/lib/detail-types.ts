/** The `source` of every event agentdrop publishes (DESIGN §4.4). */
export const EventSource = 'agentdrop';

/** Detail types on the agentdrop bus: outcomes (noun + past tense) and the one command (DESIGN §4.4, §7). */
export const DetailType = {
  DeployStarted: 'Deploy Started',
  DeploySucceeded: 'Deploy Succeeded',
  DeployFailed: 'Deploy Failed',
  DeploySkipped: 'Deploy Skipped',
  DeployQueued: 'Deploy Queued',
  AgentDestroyed: 'Agent Destroyed',
  DriftDetected: 'Drift Detected',
  RedeployRequested: 'Redeploy Requested',
} as const;
export type DetailType = (typeof DetailType)[keyof typeof DetailType];
