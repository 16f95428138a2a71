import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const Prefix = 'sealed:v1:';

/**
 * Seals values the emulator must keep but the data directory must not show (MCP header values of a harness,
 * which carry resolved secrets): AES-256-GCM with a key kept beside the secret store, readable by its owner only
 * (DESIGN §8: no secret value at rest outside the secret store).
 */
export class ValueSealer {
  private readonly key: Buffer;
  private readonly path: string;

  constructor(dataDir: string) {
    const dir = join(dataDir, 'secretsmanager');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    this.path = join(dir, 'agentcore-state.key');
    this.key = readOrCreateKey(this.path);
    chmodSync(this.path, 0o600);
  }

  seal(value: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
    return `${Prefix}${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
  }

  /** The value a {@link seal} produced; any other string as it is. */
  open(value: string): string {
    if (!value.startsWith(Prefix)) return value;
    const bytes = Buffer.from(value.slice(Prefix.length), 'base64');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, 12));
      decipher.setAuthTag(bytes.subarray(12, 28));
      return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
    } catch {
      throw new Error(
        `A sealed value of the AgentCore emulator's state does not open with ${this.path} (the key was replaced or lost); reset the local cloud with: agentdrop local reset`,
      );
    }
  }
}

/** The key file's key; a new one only when there is none (never over an unreadable one), created exclusively. */
function readOrCreateKey(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = randomBytes(32);
  try {
    writeFileSync(path, key, { mode: 0o600, flag: 'wx' });
    return key;
  } catch (error) {
    // Another process created it first: use that one.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(path);
    throw error;
  }
}
