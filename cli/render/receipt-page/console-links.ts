import type { Receipt } from '../../../functions/lib/store/index.js';
import type { RunStep } from '../../target/run-steps.js';

/** A link of the run report to the AWS console. */
export interface ConsoleLink {
  readonly label: string;
  readonly url: string;
}

/**
 * Where to look at a run in the AWS console: the execution, its state machine's log group, the build and the log
 * groups it wrote to — the build's, and the pipeline functions' (`functionLogGroups`: CloudFormation names them, so
 * they come from the stack's resources, not from the function names). None for a receipt of the local cloud, whose
 * runs the console cannot show.
 */
export function consoleLinks(
  receipt: Receipt,
  steps: readonly RunStep[] | null,
  functionLogGroups: readonly string[],
): ConsoleLink[] {
  if (receipt.emulated) return [];
  // arn:aws:states:<region>:<account>:execution:<stateMachine>:<name>
  const [, partition, , region, , , stateMachine] = receipt.executionArn.split(':');
  if (!region || !stateMachine) return [];
  // The commercial partition's console; other partitions have other hosts and no links here.
  if (partition !== 'aws') return [];
  const host = `${region}.console.aws.amazon.com`;
  const links: ConsoleLink[] = [
    {
      label: 'Execution',
      url:
        receipt.links.console ??
        `https://${host}/states/home?region=${region}#/v2/executions/details/${receipt.executionArn}`,
    },
  ];
  const logGroup = (name: string): ConsoleLink => ({
    label: `Log group ${name}`,
    // The console's fragment encodes the name twice, with `$` for `%`.
    url: `https://${host}/cloudwatch/home?region=${region}#logsV2:log-groups/log-group/${encodeURIComponent(name).replace(/%/g, '$25')}`,
  });
  const groups = [`/aws/vendedlogs/states/${stateMachine}`, ...functionLogGroups];
  for (const step of steps ?? []) {
    const task = step.task;
    if (task?.kind === 'codebuild') {
      if (task.buildId !== null) {
        links.push({
          label: `Build ${task.buildId}`,
          url: `https://${host}/codesuite/codebuild/projects/${encodeURIComponent(task.projectName)}/build/${encodeURIComponent(task.buildId)}/?region=${region}`,
        });
      }
      if (task.logGroupName !== null) groups.push(task.logGroupName);
    }
  }
  if (receipt.links.buildLog) links.push({ label: 'Build log', url: receipt.links.buildLog });
  links.push(...[...new Set(groups)].map(logGroup));
  return dedupe(links);
}

function dedupe(links: readonly ConsoleLink[]): ConsoleLink[] {
  return [...new Map(links.map((link) => [link.url, link])).values()];
}
