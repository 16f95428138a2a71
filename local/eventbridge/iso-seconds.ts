/** ISO 8601 without milliseconds, as EventBridge writes `time`. */
export function isoSeconds(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}
