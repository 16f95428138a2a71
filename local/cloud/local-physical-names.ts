import { AgentdropError } from '../../core/errors.js';
import type { CfnTemplate } from '../iam/index.js';

/** Names of the local cloud's resources that a stack on AWS would name itself (DESIGN §7 defaults). */
export const LocalResourceNames = {
  stackName: 'agentdrop-local',
  eventBusName: 'agentdrop',
  dropBucket: 'agentdrop-drops',
  artifactsBucket: 'agentdrop-artifacts',
  tableName: 'agentdrop',
  buildProjectName: 'agentdrop-runtime-image',
  harnessExecutionRole: 'agentdrop-harness-execution',
  runtimeExecutionRole: 'agentdrop-runtime-execution',
} as const;

/** The function name of a pipeline Lambda on the local cloud (`PlanFunction` → `agentdrop-plan`). */
export function localFunctionName(construct: string): string {
  return `agentdrop-${construct.replace(/Function$/, '').toLowerCase()}`;
}

/** The stack's constructs whose generated names the local cloud replaces with its own (by `AgentDrop<id>`). */
const namedConstructs: readonly (readonly [id: string, type: string, name: string])[] = [
  ['DropBucket', 'AWS::S3::Bucket', LocalResourceNames.dropBucket],
  ['ArtifactsBucket', 'AWS::S3::Bucket', LocalResourceNames.artifactsBucket],
  ['Table', 'AWS::DynamoDB::Table', LocalResourceNames.tableName],
  ['ImageBuild', 'AWS::CodeBuild::Project', LocalResourceNames.buildProjectName],
  ['HarnessExecutionRole', 'AWS::IAM::Role', LocalResourceNames.harnessExecutionRole],
  ['RuntimeExecutionRole', 'AWS::IAM::Role', LocalResourceNames.runtimeExecutionRole],
  ...['PlanFunction', 'HarnessFunction', 'RuntimeFunction', 'InvokeFunction', 'FinalizeFunction'].map(
    (id) => [id, 'AWS::Lambda::Function', localFunctionName(id)] as const,
  ),
];

/**
 * The physical names of the template's resources as the local cloud creates them, by logical id, so the
 * template's grants name the buckets, table, functions and roles the local pipeline really uses.
 * @throws IamResourceMissing when the template lacks one of them (a renamed construct would otherwise make
 *   every grant on it miss, or worse, go unnoticed).
 */
export function localPhysicalNames(template: CfnTemplate): Record<string, string> {
  const names: Record<string, string> = {};
  for (const [id, type, name] of namedConstructs) {
    const pattern = new RegExp(`^AgentDrop${id}[0-9A-F]{8}$`);
    const logicalId = Object.keys(template.Resources).find(
      (candidate) => pattern.test(candidate) && template.Resources[candidate]?.Type === type,
    );
    if (logicalId === undefined) {
      throw new AgentdropError('IamResourceMissing', `The template has no ${type} AgentDrop${id}….`, {
        id,
        type,
      });
    }
    names[logicalId] = name;
  }
  return names;
}
