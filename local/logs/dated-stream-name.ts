/**
 * A stream name as AWS services date theirs: `2026/12/04/[$LATEST]<hex>` (Lambda),
 * `2026/12/04/[runtime-logs]<uuid>` (AgentCore); the date is the stream's first day, in UTC.
 */
export function datedStreamName(at: number, kind: string, id: string): string {
  return `${new Date(at).toISOString().slice(0, 10).replaceAll('-', '/')}/[${kind}]${id}`;
}
