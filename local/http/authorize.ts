import type { IncomingHttpHeaders } from 'node:http';

/** One authorization question a request raises: `action` on `resource` with condition keys in `context`. */
export interface RequestIamQuestion {
  /** `<service prefix>:<Action>`, e.g. `s3:GetObject`. */
  readonly action: string;
  /** The resource ARN, or `*` for actions without a resource type. */
  readonly resource: string;
  /** Condition keys (`aws:ResourceTag/…`, `s3:prefix`, `iam:PassedToService`, …). */
  readonly context?: Readonly<Record<string, string | readonly string[]>>;
}

/** What an emulator hands its `authorize` hook for one request. */
export interface RequestAuthorization {
  /** The access key id of the SigV4 `Authorization` header (`Credential=<AKID>/…`), if signed. */
  readonly accessKeyId: string | undefined;
  /** Every action/resource pair AWS authorizes the request as (all must be allowed); built only when asked. */
  readonly requests: () => readonly RequestIamQuestion[];
}

/** The hook's answer: `undefined` to go on, or the AccessDenied message AWS would send. */
export type AuthorizeRequest = (call: RequestAuthorization) => { readonly denied: string } | undefined;

/** The access key id a SigV4-signed request names (`Credential=<AKID>/<date>/…`). */
export function accessKeyIdOf(headers: IncomingHttpHeaders): string | undefined {
  const authorization = headers.authorization;
  return authorization === undefined ? undefined : /Credential=([^/,\s]+)\//.exec(authorization)?.[1];
}
