import type { LocalEndpoints } from '../../local/endpoints/index.js';

/** The lines `local start`, `local start --detach` and `local status` print for a running local cloud. */
export function describeCloud(cloud: LocalEndpoints): string {
  const width = Math.max(...Object.keys(cloud.endpoints).map((name) => name.length));
  const rows = Object.entries(cloud.endpoints).map(([name, url]) => `  ${name.padEnd(width)}  ${url}\n`);
  return [
    `Local cloud running in ${cloud.dataDir} (pid ${cloud.pid}).\n`,
    ...rows,
    `Region ${cloud.region}, account ${cloud.accountId}, credentials ${cloud.credentials.accessKeyId} / ${cloud.credentials.secretAccessKey}.\n`,
    `Endpoint file: ${cloud.dataDir}/endpoints.json${cloud.logFile ? `; log: ${cloud.logFile}` : ''}.\n`,
    `Every agentdrop command on this data directory uses it; so can the AWS CLI, e.g. aws --endpoint-url ${cloud.endpoints.s3 ?? ''} s3 ls s3://${cloud.resources.dropBucket}/\n`,
    `Stop it with: agentdrop local stop --data ${cloud.dataDir}\n`,
  ].join('');
}
