/**
 * Runs of the fault sweep and races that break the run invariants today, with the defect each one shows. They
 * run as `it.fails` so the suite stays green while the state machine and record step are being fixed: a fixed
 * run then fails as "expected to fail" and its entry must be deleted here. Temporary by design (issue "Failure
 * paths: every run ends in exactly one outcome, proven by a fault sweep").
 */

/** The defects observed, by id (used in test names). */
export const KnownDefect = {
  planFailurePath: 'plan-failure-path',
  failedCreateUnrecorded: 'failed-create-unrecorded',
  recordSuccessHalfWritten: 'record-success-half-written',
  teardownHalfDone: 'teardown-half-done',
  queuedDeleteLost: 'queued-delete-lost',
} as const;
export type KnownDefect = (typeof KnownDefect)[keyof typeof KnownDefect];

/** What each defect looks like from the invariants. */
export const knownDefectViolations: Readonly<Record<KnownDefect, string>> = {
  'plan-failure-path':
    'Plan threw (an SDK error it does not turn into a retried name, or a crash): the failure path reads ' +
    '$.plan.project in ReleaseLockAfterFailure, so the execution fails with States.Runtime — 0 outcome events, ' +
    'no receipt (no-path-error, one-outcome)',
  'failed-create-unrecorded':
    'the run fails after CreateHarness/CreateAgentRuntime made the resource (status check AccessDenied or ' +
    'timeout, a crashed Lambda, a smoke test whose throttling/5xx/timeout becomes SmokeTestFailed with no ' +
    'retry, an S3/DynamoDB error in SmokeTest or RecordSuccess): the new resource exists, STATE records nothing ' +
    'and nothing records it for clean-up (no-orphan); the next drop adopts it',
  'record-success-half-written':
    'RecordSuccess wrote STATE, then failed (receipt PutItem failed, or the Lambda crashed and is not retried): ' +
    'RecordFailure rewrites the receipt as failed and Deploy Failed goes out while STATE points to that deploy ' +
    '(records-agree); the next drop is skipped as unchanged, so the disagreement stays (next-drop-succeeds)',
  'teardown-half-done':
    'the harness is deleted, then the run fails (DeleteHarness crashed after deleting, the status check got ' +
    "AccessDenied or a timeout, RecordDestroyed's STATE delete failed): Deploy Failed, and STATE still records " +
    'the deleted harness (records-agree)',
  'queued-delete-lost':
    'the delete is queued behind a deploy; the deploy hands it over as Redeploy Requested, whose Plan finds no ' +
    'drop (InvalidInput), and the failure path dies with States.Runtime: no Agent Destroyed, STATE and the ' +
    'harness stay',
};

/** Sweep runs that break an invariant today, per scenario, by run key (see `runKey`). */
export const knownSweepDefects: Readonly<Record<string, Readonly<Record<string, KnownDefect>>>> = {
  'harness deploy': {
    'Plan lambda:Plan#0 lambda_crash': KnownDefect.planFailurePath,
    'Plan dynamodb:PutItem#0 throttle': KnownDefect.planFailurePath,
    'Plan dynamodb:PutItem#0 server_error': KnownDefect.planFailurePath,
    'Plan dynamodb:PutItem#0 access_denied': KnownDefect.planFailurePath,
    'Plan dynamodb:PutItem#0 network_timeout': KnownDefect.planFailurePath,
    'Plan dynamodb:PutItem#1 throttle': KnownDefect.planFailurePath,
    'Plan dynamodb:PutItem#1 server_error': KnownDefect.planFailurePath,
    'Plan dynamodb:PutItem#1 access_denied': KnownDefect.planFailurePath,
    'Plan dynamodb:PutItem#1 network_timeout': KnownDefect.planFailurePath,
    'Plan dynamodb:GetItem#0 throttle': KnownDefect.planFailurePath,
    'Plan dynamodb:GetItem#0 server_error': KnownDefect.planFailurePath,
    'Plan dynamodb:GetItem#0 access_denied': KnownDefect.planFailurePath,
    'Plan dynamodb:GetItem#0 network_timeout': KnownDefect.planFailurePath,
    'Plan s3:GetObject#0 throttle': KnownDefect.planFailurePath,
    'Plan s3:GetObject#0 server_error': KnownDefect.planFailurePath,
    'Plan s3:GetObject#0 access_denied': KnownDefect.planFailurePath,
    'Plan s3:GetObject#0 network_timeout': KnownDefect.planFailurePath,
    'Plan secretsmanager:DescribeSecret#0 throttle': KnownDefect.planFailurePath,
    'Plan secretsmanager:DescribeSecret#0 server_error': KnownDefect.planFailurePath,
    'Plan secretsmanager:DescribeSecret#0 network_timeout': KnownDefect.planFailurePath,
    'Plan agentcore:ListHarnesses#0 access_denied': KnownDefect.planFailurePath,
    'Plan agentcore:ListHarnesses#0 network_timeout': KnownDefect.planFailurePath,
    'Plan s3:PutObject#1 throttle': KnownDefect.planFailurePath,
    'Plan s3:PutObject#1 server_error': KnownDefect.planFailurePath,
    'Plan s3:PutObject#1 access_denied': KnownDefect.planFailurePath,
    'Plan s3:PutObject#1 network_timeout': KnownDefect.planFailurePath,
    'Plan s3:HeadObject#0 throttle': KnownDefect.planFailurePath,
    'Plan s3:HeadObject#0 server_error': KnownDefect.planFailurePath,
    'Plan s3:HeadObject#0 access_denied': KnownDefect.planFailurePath,
    'Plan s3:HeadObject#0 network_timeout': KnownDefect.planFailurePath,
    'Plan s3:PutObject#3 throttle': KnownDefect.planFailurePath,
    'Plan s3:PutObject#3 server_error': KnownDefect.planFailurePath,
    'Plan s3:PutObject#3 access_denied': KnownDefect.planFailurePath,
    'Plan s3:PutObject#3 network_timeout': KnownDefect.planFailurePath,
    'CreateOrUpdateHarness lambda:CreateOrUpdateHarness#0 lambda_crash': KnownDefect.failedCreateUnrecorded,
    'GetHarnessStatus lambda:GetHarnessStatus#0 lambda_crash': KnownDefect.failedCreateUnrecorded,
    'GetHarnessStatus agentcore:GetHarness#0 access_denied': KnownDefect.failedCreateUnrecorded,
    'GetHarnessStatus agentcore:GetHarness#0 network_timeout': KnownDefect.failedCreateUnrecorded,
    'SmokeTest lambda:SmokeTest#0 lambda_crash': KnownDefect.failedCreateUnrecorded,
    'SmokeTest s3:GetObject#2 throttle': KnownDefect.failedCreateUnrecorded,
    'SmokeTest s3:GetObject#2 server_error': KnownDefect.failedCreateUnrecorded,
    'SmokeTest s3:GetObject#2 access_denied': KnownDefect.failedCreateUnrecorded,
    'SmokeTest s3:GetObject#2 network_timeout': KnownDefect.failedCreateUnrecorded,
    'SmokeTest agentcore:InvokeHarness#0 throttle': KnownDefect.failedCreateUnrecorded,
    'SmokeTest agentcore:InvokeHarness#0 server_error': KnownDefect.failedCreateUnrecorded,
    'SmokeTest agentcore:InvokeHarness#0 access_denied': KnownDefect.failedCreateUnrecorded,
    'SmokeTest agentcore:InvokeHarness#0 network_timeout': KnownDefect.failedCreateUnrecorded,
    'RecordSuccess s3:GetObject#4 throttle': KnownDefect.failedCreateUnrecorded,
    'RecordSuccess s3:GetObject#4 server_error': KnownDefect.failedCreateUnrecorded,
    'RecordSuccess s3:GetObject#4 access_denied': KnownDefect.failedCreateUnrecorded,
    'RecordSuccess s3:GetObject#4 network_timeout': KnownDefect.failedCreateUnrecorded,
    'RecordSuccess dynamodb:PutItem#2 throttle': KnownDefect.failedCreateUnrecorded,
    'RecordSuccess dynamodb:PutItem#2 server_error': KnownDefect.failedCreateUnrecorded,
    'RecordSuccess dynamodb:PutItem#2 access_denied': KnownDefect.failedCreateUnrecorded,
    'RecordSuccess dynamodb:PutItem#2 network_timeout': KnownDefect.failedCreateUnrecorded,
    'RecordSuccess lambda:RecordSuccess#0 lambda_crash': KnownDefect.recordSuccessHalfWritten,
    'RecordSuccess dynamodb:PutItem#3 throttle': KnownDefect.recordSuccessHalfWritten,
    'RecordSuccess dynamodb:PutItem#3 server_error': KnownDefect.recordSuccessHalfWritten,
    'RecordSuccess dynamodb:PutItem#3 access_denied': KnownDefect.recordSuccessHalfWritten,
    'RecordSuccess dynamodb:PutItem#3 network_timeout': KnownDefect.recordSuccessHalfWritten,
  },
  'runtime deploy': {
    'Plan agentcore:ListAgentRuntimes#0 access_denied': KnownDefect.planFailurePath,
    'Plan agentcore:ListAgentRuntimes#0 network_timeout': KnownDefect.planFailurePath,
    'CreateOrUpdateRuntime lambda:CreateOrUpdateRuntime#0 lambda_crash': KnownDefect.failedCreateUnrecorded,
    'GetRuntimeStatus lambda:GetRuntimeStatus#0 lambda_crash': KnownDefect.failedCreateUnrecorded,
    'GetRuntimeStatus agentcore:GetAgentRuntime#0 access_denied': KnownDefect.failedCreateUnrecorded,
    'GetRuntimeStatus agentcore:GetAgentRuntime#0 network_timeout': KnownDefect.failedCreateUnrecorded,
    'SmokeTest agentcore:InvokeAgentRuntime#0 throttle': KnownDefect.failedCreateUnrecorded,
    'SmokeTest agentcore:InvokeAgentRuntime#0 server_error': KnownDefect.failedCreateUnrecorded,
    'SmokeTest agentcore:InvokeAgentRuntime#0 access_denied': KnownDefect.failedCreateUnrecorded,
    'SmokeTest agentcore:InvokeAgentRuntime#0 network_timeout': KnownDefect.failedCreateUnrecorded,
  },
  'unchanged push': {
    'Plan lambda:Plan#0 lambda_crash': KnownDefect.planFailurePath,
    'Plan dynamodb:PutItem#0 throttle': KnownDefect.planFailurePath,
    'Plan dynamodb:PutItem#0 server_error': KnownDefect.planFailurePath,
    'Plan dynamodb:PutItem#0 access_denied': KnownDefect.planFailurePath,
    'Plan dynamodb:PutItem#0 network_timeout': KnownDefect.planFailurePath,
    'Plan dynamodb:PutItem#1 throttle': KnownDefect.planFailurePath,
    'Plan dynamodb:PutItem#1 server_error': KnownDefect.planFailurePath,
    'Plan dynamodb:PutItem#1 access_denied': KnownDefect.planFailurePath,
    'Plan dynamodb:PutItem#1 network_timeout': KnownDefect.planFailurePath,
    'Plan dynamodb:GetItem#0 throttle': KnownDefect.planFailurePath,
    'Plan dynamodb:GetItem#0 server_error': KnownDefect.planFailurePath,
    'Plan dynamodb:GetItem#0 access_denied': KnownDefect.planFailurePath,
    'Plan dynamodb:GetItem#0 network_timeout': KnownDefect.planFailurePath,
    'Plan s3:GetObject#0 throttle': KnownDefect.planFailurePath,
    'Plan s3:GetObject#0 server_error': KnownDefect.planFailurePath,
    'Plan s3:GetObject#0 access_denied': KnownDefect.planFailurePath,
    'Plan s3:GetObject#0 network_timeout': KnownDefect.planFailurePath,
    'Plan secretsmanager:DescribeSecret#0 throttle': KnownDefect.planFailurePath,
    'Plan secretsmanager:DescribeSecret#0 server_error': KnownDefect.planFailurePath,
    'Plan secretsmanager:DescribeSecret#0 network_timeout': KnownDefect.planFailurePath,
    'Plan agentcore:GetHarness#0 access_denied': KnownDefect.planFailurePath,
    'Plan agentcore:GetHarness#0 network_timeout': KnownDefect.planFailurePath,
  },
  teardown: {
    'Plan lambda:Plan#0 lambda_crash': KnownDefect.planFailurePath,
    'Plan dynamodb:PutItem#0 throttle': KnownDefect.planFailurePath,
    'Plan dynamodb:PutItem#0 server_error': KnownDefect.planFailurePath,
    'Plan dynamodb:PutItem#0 access_denied': KnownDefect.planFailurePath,
    'Plan dynamodb:PutItem#0 network_timeout': KnownDefect.planFailurePath,
    'Plan dynamodb:PutItem#1 throttle': KnownDefect.planFailurePath,
    'Plan dynamodb:PutItem#1 server_error': KnownDefect.planFailurePath,
    'Plan dynamodb:PutItem#1 access_denied': KnownDefect.planFailurePath,
    'Plan dynamodb:PutItem#1 network_timeout': KnownDefect.planFailurePath,
    'Plan dynamodb:GetItem#0 throttle': KnownDefect.planFailurePath,
    'Plan dynamodb:GetItem#0 server_error': KnownDefect.planFailurePath,
    'Plan dynamodb:GetItem#0 access_denied': KnownDefect.planFailurePath,
    'Plan dynamodb:GetItem#0 network_timeout': KnownDefect.planFailurePath,
    'DeleteHarness lambda:DeleteHarness#0 lambda_crash': KnownDefect.teardownHalfDone,
    'GetHarnessStatus lambda:GetHarnessStatus#0 lambda_crash': KnownDefect.teardownHalfDone,
    'GetHarnessStatus agentcore:GetHarness#0 access_denied': KnownDefect.teardownHalfDone,
    'GetHarnessStatus agentcore:GetHarness#0 network_timeout': KnownDefect.teardownHalfDone,
    'RecordDestroyed dynamodb:DeleteItem#0 throttle': KnownDefect.teardownHalfDone,
    'RecordDestroyed dynamodb:DeleteItem#0 server_error': KnownDefect.teardownHalfDone,
    'RecordDestroyed dynamodb:DeleteItem#0 access_denied': KnownDefect.teardownHalfDone,
    'RecordDestroyed dynamodb:DeleteItem#0 network_timeout': KnownDefect.teardownHalfDone,
  },
};
