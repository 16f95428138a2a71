/** The credentials an SDK client signs with, as the SDK's credential providers return them. */
export interface EnvironmentCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
}

/**
 * Stands in for `@aws-sdk/credential-provider-node` in the Lambda bundles (`LambdaBundling.alias`): Lambda
 * gives a function its execution role's credentials in the environment (`AWS_ACCESS_KEY_ID`,
 * `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`), the first link of the SDK's default chain and the only one
 * that ever answers there. The rest of the chain (SSO, shared INI files, web identity, container and
 * instance metadata) and the STS and SSO clients it loads are about 100 KiB of every bundle. Same signature
 * as the SDK's `defaultProvider`: each client calls it with its settings and gets a provider.
 */
export function defaultProvider(): () => Promise<EnvironmentCredentials> {
  return async () => {
    const accessKeyId = process.env.AWS_ACCESS_KEY_ID;
    const secretAccessKey = process.env.AWS_SECRET_ACCESS_KEY;
    if (!accessKeyId || !secretAccessKey) {
      throw new Error(
        'no AWS credentials in the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY): a Lambda bundle ' +
          'reads only those, which Lambda sets from the execution role',
      );
    }
    const sessionToken = process.env.AWS_SESSION_TOKEN;
    const expiration = process.env.AWS_CREDENTIAL_EXPIRATION;
    return {
      accessKeyId,
      secretAccessKey,
      ...(sessionToken ? { sessionToken } : {}),
      ...(expiration ? { expiration: new Date(expiration) } : {}),
    };
  };
}
