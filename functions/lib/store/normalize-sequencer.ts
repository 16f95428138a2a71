/** Width sequencers are padded to, so that string order is S3 order. */
const sequencerWidth = 64;

/**
 * Makes S3 sequencers of one key comparable as plain strings: upper-case hex, right-padded with zeros
 * (aws-practices §1.4: pad the shorter one, then compare lexicographically).
 * @throws InvalidInput-free: returns null for anything that is not a hex string.
 */
export function normalizeSequencer(sequencer: string): string | null {
  const hex = sequencer.trim().toUpperCase();
  if (!/^[0-9A-F]{1,64}$/.test(hex)) return null;
  return hex.padEnd(sequencerWidth, '0');
}
