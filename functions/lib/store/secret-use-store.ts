import { DeleteCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { itemKeys } from './keys.js';
import type { StoreOptions } from './store-options.js';

/**
 * Which deployed projects bind which secret (names only, never values), so a rotated secret redeploys exactly
 * the projects that use it. Kept as `PROJECT#<p>`/`SECRETS` (the project's names) plus one
 * `SECRET#<name>`/`PROJECT#<p>` item per binding.
 */
export class SecretUseStore {
  constructor(private readonly options: StoreOptions) {}

  /**
   * Makes `names` the project's bindings ([] forgets the project). Safe to repeat and to resume after a crash:
   * new bindings are written first, stale ones deleted next, the project's list last.
   */
  async replace(project: string, names: readonly string[]): Promise<void> {
    const previous = await this.namesOf(project);
    const next = [...new Set(names)].sort();
    for (const name of next) {
      await this.options.documents.send(
        new PutCommand({
          TableName: this.options.tableName,
          Item: { ...itemKeys.secretUse(name, project), project, secret: name },
        }),
      );
    }
    for (const name of previous.filter((each) => !next.includes(each))) {
      await this.options.documents.send(
        new DeleteCommand({ TableName: this.options.tableName, Key: itemKeys.secretUse(name, project) }),
      );
    }
    if (next.length === 0) {
      await this.options.documents.send(
        new DeleteCommand({ TableName: this.options.tableName, Key: itemKeys.projectSecrets(project) }),
      );
      return;
    }
    await this.options.documents.send(
      new PutCommand({
        TableName: this.options.tableName,
        Item: { ...itemKeys.projectSecrets(project), project, names: next },
      }),
    );
  }

  /** The secret names the project binds, sorted; [] when none. */
  async namesOf(project: string): Promise<string[]> {
    const { Item } = await this.options.documents.send(
      new GetCommand({
        TableName: this.options.tableName,
        Key: itemKeys.projectSecrets(project),
        ConsistentRead: true,
      }),
    );
    return [...((Item?.names as string[] | undefined) ?? [])];
  }

  /** The projects that bind `secret`, sorted. */
  async projectsUsing(secret: string): Promise<string[]> {
    const projects: string[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.options.documents.send(
        new QueryCommand({
          TableName: this.options.tableName,
          KeyConditionExpression: 'PK = :pk',
          ExpressionAttributeValues: { ':pk': itemKeys.secretUse(secret, '').PK },
          ConsistentRead: true,
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      for (const item of page.Items ?? []) projects.push(String(item.project));
      start = page.LastEvaluatedKey;
    } while (start);
    return projects.sort();
  }
}
