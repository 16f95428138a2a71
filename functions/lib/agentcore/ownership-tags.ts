/** Ownership tags on every resource agentdrop creates (DESIGN §7). */
export function ownershipTags(stackName: string, project: string): Record<string, string> {
  return { 'agentdrop:stack': stackName, 'agentdrop:project': project };
}

/** Whether tags mark a resource as this stack's, for this project: the condition for adoption. */
export function isOwned(
  tags: Readonly<Record<string, string>> | undefined,
  stackName: string,
  project: string,
): boolean {
  return tags?.['agentdrop:stack'] === stackName && tags?.['agentdrop:project'] === project;
}
