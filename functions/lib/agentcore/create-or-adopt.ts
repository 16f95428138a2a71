import { isConflict } from './service-errors.js';

/** How {@link createOrAdopt} reads a failed create. */
export interface CreateOrAdoptOptions {
  /**
   * Which failures of the create send it to `adopt`; any other is rethrown.
   * @default a conflict (the name is held)
   */
  readonly adoptOn?: (error: unknown) => boolean;
}

/**
 * Creates a resource with a deterministic clientToken, the way DESIGN §6 asks: a token the service
 * refuses because its resource was deleted is dropped once; a name held by our own resource is adopted
 * instead of duplicated. `create(token)` sends the create call; `adopt()` finds the holder and adopts it
 * (throwing NameCollision when it is not ours), or answers null when none holds the name: the create's
 * failure then stands.
 */
export async function createOrAdopt<T>(
  token: string,
  create: (clientToken: string | undefined) => Promise<T>,
  adopt: () => Promise<T | null>,
  { adoptOn = isConflict }: CreateOrAdoptOptions = {},
): Promise<T> {
  try {
    return await create(token);
  } catch (error) {
    if (isConflict(error) && /client ?token/i.test((error as Error).message)) return create(undefined);
    if (!adoptOn(error)) throw error;
    const adopted = await adopt();
    if (adopted === null) throw error;
    return adopted;
  }
}
