/** Ownership tags on every resource agentdrop creates (DESIGN §7). */
export function ownershipTags(stackName: string, project: string): Record<string, string> {
  return { 'agentdrop:stack': stackName, 'agentdrop:project': project };
}

/**
 * Who holds a resource by its ownership tags, for a name collision's message: `stack <s>, project <p>` (either part
 * only when only it is tagged), or null for a resource agentdrop did not tag.
 */
export function ownerOf(tags: Readonly<Record<string, string>> | undefined): string | null {
  const parts = [
    tags?.['agentdrop:stack'] !== undefined ? `stack ${tags['agentdrop:stack']}` : undefined,
    tags?.['agentdrop:project'] !== undefined ? `project ${tags['agentdrop:project']}` : undefined,
  ].filter((part) => part !== undefined);
  return parts.length > 0 ? parts.join(', ') : null;
}

/** Whether tags mark a resource as this stack's, for this project: the condition for adoption. */
export function isOwned(
  tags: Readonly<Record<string, string>> | undefined,
  stackName: string,
  project: string,
): boolean {
  return tags?.['agentdrop:stack'] === stackName && tags?.['agentdrop:project'] === project;
}
