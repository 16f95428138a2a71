import type { BuildPhase, BuildRecord } from './build-record.js';

/** Opens a phase (no status yet). */
export function openPhase(phaseType: string, now = Date.now() / 1000): BuildPhase {
  return { phaseType, startTime: now };
}

/** Closes the open last phase with a status (and the reason of a failure). */
export function closePhase(
  phases: readonly BuildPhase[],
  phaseStatus: string,
  contexts?: BuildPhase['contexts'],
): BuildPhase[] {
  const now = Date.now() / 1000;
  return phases.map((phase, index) =>
    index === phases.length - 1 && phase.phaseStatus === undefined
      ? {
          ...phase,
          phaseStatus,
          endTime: now,
          durationInSeconds: Math.round(now - phase.startTime),
          ...(contexts !== undefined ? { contexts } : {}),
        }
      : phase,
  );
}

/** The next build number of a project. */
export function nextNumber(builds: ReadonlyMap<string, BuildRecord>, projectName: string): number {
  let highest = 0;
  for (const build of builds.values())
    if (build.projectName === projectName) highest = Math.max(highest, build.buildNumber);
  return highest + 1;
}

/** A build left in progress by a previous process ends FAILED: its work died with that process. */
export function interruptedBuild(build: BuildRecord): BuildRecord {
  if (build.buildComplete) return build;
  const now = Date.now() / 1000;
  return {
    ...build,
    buildStatus: 'FAILED',
    buildComplete: true,
    currentPhase: 'COMPLETED',
    endTime: now,
    phases: [
      ...closePhase(build.phases, 'FAILED', [
        {
          statusCode: 'BUILD_CONTAINER_UNABLE_TO_PULL_IMAGE',
          message: 'The local cloud stopped during the build.',
        },
      ]),
      { phaseType: 'COMPLETED', startTime: now },
    ],
  };
}
