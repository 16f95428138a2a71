import type { DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';

/** A retry strategy as every SDK v3 client's `retryStrategy` accepts it. */
export type SdkRetryStrategy = NonNullable<DynamoDBClientConfig['retryStrategy']>;

/** The SDK's standard mode: 3 attempts in all (aws-sdk-js-v3 `DEFAULT_MAX_ATTEMPTS`). */
export const SdkMaxAttempts = 3;

/**
 * The SDK's standard retry decisions (the errors it classifies as throttling, transient or 5xx are retried, at
 * most `maxAttempts` attempts in all) with a fixed `delayMs` between attempts instead of the exponential
 * backoff, so local runs retry as often as on AWS without waiting as long. It keeps no retry quota, so a long
 * series of failures is retried where the SDK would eventually stop retrying.
 */
export function localRetryStrategy(delayMs: number, maxAttempts: number = SdkMaxAttempts): SdkRetryStrategy {
  const token = (count: number) => ({ getRetryCount: () => count, getRetryDelay: () => delayMs });
  return {
    acquireInitialRetryToken: async () => token(0),
    refreshRetryTokenForRetry: async (previous, errorInfo) => {
      const count = previous.getRetryCount() + 1;
      if (errorInfo.errorType === 'CLIENT_ERROR' || count >= maxAttempts) {
        throw new Error('No retry token available');
      }
      return token(count);
    },
    recordSuccess: () => undefined,
  };
}
