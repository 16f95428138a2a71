/**
 * The ARNs a DynamoDB call acts on: its table (`TableName`), the index of a Query or Scan on one
 * (`table/<t>/index/<i>`), or every table of a batch (`RequestItems`).
 */
export function dynamoDbResources(
  input: Readonly<Record<string, unknown>>,
  target: { readonly region: string; readonly accountId: string },
): string[] {
  const table = (name: string) => `arn:aws:dynamodb:${target.region}:${target.accountId}:table/${name}`;
  if (typeof input.TableName === 'string') {
    return [
      typeof input.IndexName === 'string'
        ? `${table(input.TableName)}/index/${input.IndexName}`
        : table(input.TableName),
    ];
  }
  if (typeof input.RequestItems === 'object' && input.RequestItems !== null) {
    return Object.keys(input.RequestItems).map(table);
  }
  return ['*'];
}
