/** A build phase as BatchGetBuilds returns it (times in epoch seconds). */
export interface BuildPhase {
  readonly phaseType: string;
  readonly phaseStatus?: string;
  readonly startTime: number;
  readonly endTime?: number;
  readonly durationInSeconds?: number;
  readonly contexts?: readonly { readonly statusCode: string; readonly message: string }[];
}

/** A build in the API's JSON shape (the fields the pipeline reads, plus the usual ones). */
export interface BuildRecord {
  readonly id: string;
  readonly arn: string;
  readonly buildNumber: number;
  readonly projectName: string;
  readonly startTime: number;
  readonly endTime?: number;
  readonly currentPhase: string;
  readonly buildStatus: string;
  readonly buildComplete: boolean;
  readonly sourceVersion?: string;
  readonly resolvedSourceVersion?: string;
  readonly initiator: string;
  readonly timeoutInMinutes: number;
  readonly queuedTimeoutInMinutes: number;
  readonly source: { readonly type: string; readonly location: string };
  readonly environment: {
    readonly type: string;
    readonly image: string;
    readonly computeType: string;
    readonly privilegedMode: boolean;
    readonly environmentVariables: readonly {
      readonly name: string;
      readonly value: string;
      readonly type: string;
    }[];
  };
  readonly logs: {
    readonly groupName: string;
    readonly streamName: string;
    readonly deepLink: string;
    readonly cloudWatchLogsArn: string;
  };
  readonly phases: readonly BuildPhase[];
  readonly exportedEnvironmentVariables?: readonly { readonly name: string; readonly value: string }[];
}
