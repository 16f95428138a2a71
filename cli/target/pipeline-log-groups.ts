import {
  type CloudFormationClient,
  ListStackResourcesCommand,
  type StackResourceSummary,
} from '@aws-sdk/client-cloudformation';
import { AgentdropError } from '../../core/errors.js';
import { LogGroupNames } from '../../functions/lib/log-group-names.js';
import { LocalResourceNames, localFunctionName } from '../../local/cloud/local-physical-names.js';

/** The pipeline's functions whose log lines `agentdrop logs` shows, by their construct id in the stack. */
export const PipelineLogFunctions = [
  'StartFunction',
  'PlanFunction',
  'HarnessFunction',
  'RuntimeFunction',
  'InvokeFunction',
  'FinalizeFunction',
] as const;
export type PipelineLogFunction = (typeof PipelineLogFunctions)[number];

/** Where the pipeline of a stack logs. */
export interface PipelineLogGroups {
  /** Each function's log group, by construct id. */
  readonly functions: Readonly<Record<PipelineLogFunction, string>>;
  /** The image build project's log group. */
  readonly build: string;
}

/** The local cloud's groups: the functions' and the build project's default groups, as its emulators write them. */
export function localPipelineLogGroups(): PipelineLogGroups {
  return {
    functions: Object.fromEntries(
      PipelineLogFunctions.map((id) => [id, LogGroupNames.lambda(localFunctionName(id))]),
    ) as Record<PipelineLogFunction, string>,
    build: LogGroupNames.codeBuild(LocalResourceNames.buildProjectName),
  };
}

/**
 * A stack's groups: the stack gives each function and the build project a log group of its own
 * (infra/pipeline-function.ts `<id>Logs`, infra/create-build-project.ts `BuildLogs`), named by CloudFormation;
 * they are found among the stack's resources by logical id (`AgentDrop<id>Logs<hash>`).
 * @throws LogGroupsNotFound when the stack has none of them (an older stack)
 */
export async function stackPipelineLogGroups(
  cloudformation: CloudFormationClient,
  stackName: string,
): Promise<PipelineLogGroups> {
  const resources: StackResourceSummary[] = [];
  let nextToken: string | undefined;
  do {
    const page = await cloudformation.send(
      new ListStackResourcesCommand({ StackName: stackName, NextToken: nextToken }),
    );
    resources.push(...(page.StackResourceSummaries ?? []));
    nextToken = page.NextToken;
  } while (nextToken);
  const groupOf = (id: string): string | undefined =>
    resources.find(
      (resource) =>
        resource.ResourceType === 'AWS::Logs::LogGroup' &&
        new RegExp(`^AgentDrop${id}Logs[0-9A-F]{8}$`).test(resource.LogicalResourceId ?? ''),
    )?.PhysicalResourceId;
  const build = groupOf('Build');
  if (build === undefined) {
    throw new AgentdropError(
      'LogGroupsNotFound',
      `Stack ${stackName} has no build log group (AgentDropBuildLogs…); redeploy it with \`npx cdk deploy\`.`,
      {
        stack: stackName,
      },
    );
  }
  return {
    functions: Object.fromEntries(
      PipelineLogFunctions.map((id) => [id, groupOf(id) ?? LogGroupNames.lambda(id)]),
    ) as Record<PipelineLogFunction, string>,
    build,
  };
}
