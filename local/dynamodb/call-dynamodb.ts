import { request } from 'node:http';

/** The CreateTable request body (the subset the local cloud sends). */
export interface CreateTableInput {
  readonly TableName: string;
  readonly AttributeDefinitions: readonly {
    readonly AttributeName: string;
    readonly AttributeType: string;
  }[];
  readonly KeySchema: readonly { readonly AttributeName: string; readonly KeyType: string }[];
  readonly BillingMode?: string;
}

/**
 * Calls dynalite directly with a placeholder SigV4 header (it checks the header's form, not the
 * signature), so start-up does not load the SDK.
 */
export function callDynamoDb(
  endpoint: string,
  operation: string,
  input: unknown,
): Promise<{ statusCode: number; body: unknown }> {
  const payload = JSON.stringify(input);
  return new Promise((resolve, reject) => {
    const req = request(
      `${endpoint}/`,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': `DynamoDB_20120810.${operation}`,
          'x-amz-date': '20260101T000000Z',
          authorization:
            'AWS4-HMAC-SHA256 Credential=local/20260101/us-west-2/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=0',
          'content-length': Buffer.byteLength(payload),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ statusCode: res.statusCode ?? 0, body: text === '' ? {} : JSON.parse(text) });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}
