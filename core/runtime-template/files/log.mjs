// @ts-check
// Structured logs on stdout/stderr, and the one way start-up stops: a message naming what to fix.

/**
 * Writes one JSON log line; warnings and errors go to stderr.
 * @param {'info' | 'warn' | 'error'} level
 * @param {string} message
 * @param {Record<string, unknown>} fields
 */
export function log(level, message, fields) {
  const line = JSON.stringify({ level, message, ...fields });
  if (level === 'error' || level === 'warn') console.error(line);
  else console.log(line);
}

/**
 * Stops the process with exit code 1 and `agentdrop: <message>` on stderr (never a secret value).
 * @param {string} message
 * @returns {never}
 */
export function fail(message) {
  console.error(`agentdrop: ${message}`);
  process.exit(1);
}
