/** The path rules of spec §2 (`bundle.unsafe_path`), applied to a decoded entry name. */
const DriveLetter = /^[A-Za-z]:/;
// C0 controls, DEL and C1 controls: none can appear in a portable file name.
const ControlCharacter = /\p{Cc}/u;

/**
 * Explains why an entry name is unsafe, or returns `undefined` when it is a plain relative path.
 * Rejects a leading `/`, a drive letter, a backslash, a control character and any `..`, `.` or empty
 * segment; a directory's single trailing `/` is allowed (spec §2).
 */
export function unsafePathReason(name: string): string | undefined {
  if (name.length === 0) return 'the name is empty';
  if (name.startsWith('/')) return "it starts with '/' (absolute path)";
  if (DriveLetter.test(name)) return 'it starts with a drive letter';
  if (name.includes('\\')) return 'it contains a backslash';
  if (ControlCharacter.test(name)) return 'it contains a control character';
  const body = name.endsWith('/') ? name.slice(0, -1) : name;
  for (const segment of body.split('/')) {
    if (segment === '') return 'it has an empty segment';
    if (segment === '.') return "it has a '.' segment";
    if (segment === '..') return "it has a '..' segment (path traversal)";
  }
  return undefined;
}
