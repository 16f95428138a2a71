/**
 * A value that breaks a typed contract on purpose, to prove the receiver checks it at run time (an emulator
 * answering ValidationException, a handler throwing InvalidInput). Tests pass such values through here,
 * named for what they are, instead of casting them at the call.
 */
export function deliberatelyInvalid<T>(value: unknown): T {
  return value as T;
}
