import { isConflict } from './service-errors.js';

/**
 * Creates a resource with a deterministic clientToken, the way DESIGN §6 asks: a token the service
 * refuses because its resource was deleted is dropped once; a name held by our own resource is adopted
 * (updated) instead of duplicated. `create(token)` sends the create call; `adopt()` updates the holder.
 */
export async function createOrAdopt<T>(
  token: string,
  create: (clientToken: string | undefined) => Promise<T>,
  adopt: () => Promise<T>,
): Promise<T> {
  try {
    return await create(token);
  } catch (error) {
    if (!isConflict(error)) throw error;
    if (/client ?token/i.test((error as Error).message)) return create(undefined);
    return adopt();
  }
}
