import { randomUUID } from 'node:crypto';
import { LogGroupNames } from '../../functions/lib/log-group-names.js';
import { openPhase } from './build-phases.js';
import type { BuildRecord } from './build-record.js';

/** A new build record as StartBuild returns it: IN_PROGRESS, QUEUED, with log names and a console deep link. */
export function newBuildRecord(input: {
  projectName: string;
  location: string;
  variables: BuildRecord['environment']['environmentVariables'];
  region: string;
  accountId: string;
  buildNumber: number;
}): BuildRecord {
  const uuid = randomUUID();
  const id = `${input.projectName}:${uuid}`;
  const now = Date.now() / 1000;
  const groupName = LogGroupNames.codeBuild(input.projectName);
  return {
    id,
    arn: `arn:aws:codebuild:${input.region}:${input.accountId}:build/${id}`,
    buildNumber: input.buildNumber,
    projectName: input.projectName,
    startTime: now,
    currentPhase: 'QUEUED',
    buildStatus: 'IN_PROGRESS',
    buildComplete: false,
    initiator: 'agentdrop-local',
    timeoutInMinutes: 60,
    queuedTimeoutInMinutes: 480,
    source: { type: 'S3', location: input.location },
    environment: {
      type: 'ARM_CONTAINER',
      image: 'aws/codebuild/amazonlinux-aarch64-standard:3.0',
      computeType: 'BUILD_GENERAL1_MEDIUM',
      privilegedMode: true,
      environmentVariables: input.variables,
    },
    logs: {
      groupName,
      streamName: uuid,
      deepLink: `https://console.aws.amazon.com/cloudwatch/home?region=${input.region}#logsV2:log-groups/log-group/${encodeURIComponent(encodeURIComponent(groupName))}/log-events/${uuid}`,
      cloudWatchLogsArn: `arn:aws:logs:${input.region}:${input.accountId}:log-group:${groupName}:log-stream:${uuid}`,
    },
    phases: [
      {
        phaseType: 'SUBMITTED',
        phaseStatus: 'SUCCEEDED',
        startTime: now,
        endTime: now,
        durationInSeconds: 0,
      },
      openPhase('QUEUED', now),
    ],
  };
}
