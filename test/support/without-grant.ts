import type { CfnTemplate } from '../../local/iam/index.js';

interface PolicyResource {
  readonly Type: string;
  readonly Properties: { PolicyDocument: { Statement: { Action: unknown; Resource?: unknown }[] } };
}

/**
 * The template with `action` removed from the policy of the role `AgentDrop<principal>Role…` (a function or
 * `DeployStateMachine`), only from statements whose resources mention `onResource` when given.
 * @throws when nothing was removed (the test would prove nothing).
 */
export function withoutGrant(
  template: CfnTemplate,
  principal: string,
  action: string,
  onResource?: string,
): CfnTemplate {
  const copy = structuredClone(template) as unknown as { Resources: Record<string, PolicyResource> };
  let removed = 0;
  for (const [id, resource] of Object.entries(copy.Resources)) {
    if (resource.Type !== 'AWS::IAM::Policy' || !id.startsWith(`AgentDrop${principal}Role`)) continue;
    for (const statement of resource.Properties.PolicyDocument.Statement) {
      if (onResource !== undefined && !JSON.stringify(statement.Resource).includes(onResource)) continue;
      const actions = ([] as string[]).concat(statement.Action as string | string[]);
      statement.Action = actions.filter((candidate) => candidate !== action);
      removed += actions.length - (statement.Action as string[]).length;
    }
  }
  if (removed === 0) throw new Error(`the ${principal} role grants no ${action}`);
  return copy as unknown as CfnTemplate;
}
