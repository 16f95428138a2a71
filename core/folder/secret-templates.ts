/** What a header value holds (spec §7.1). */
export type HeaderValueCheck =
  | { readonly kind: 'plain' }
  | { readonly kind: 'template'; readonly name: string }
  | { readonly kind: 'literal_credential' }
  | { readonly kind: 'bad_template' };

/** `${NAME}` in a header value (spec §7.1): the one way a drop names a secret. */
const ValidTemplate = /\$\{([A-Za-z_][A-Za-z0-9_]{0,127})\}/g;

/** The secret a checked header value names (spec §7.1 allows one template per value), or null. */
export function templatedSecretName(value: string): string | null {
  return [...value.matchAll(ValidTemplate)][0]?.[1] ?? null;
}

/** `value` with its `${NAME}` template replaced by `secretValue(NAME)`. */
export function fillSecretTemplate(value: string, secretValue: (name: string) => string): string {
  return value.replace(ValidTemplate, (_, name: string) => secretValue(name));
}
/** `$NAME`, `${…` forms that are not a valid template, `%NAME%`. */
const TemplateLike = /\$\{|\$[A-Za-z_]|%[A-Za-z_][A-Za-z0-9_]*%/;
const CredentialRun = /[A-Za-z0-9+/=]{20,}/;
const AuthHeaders = new Set(['authorization', 'proxy-authorization']);

/**
 * Classifies a header value: at most one `${NAME}` template with literal text around it; anything
 * template-like otherwise is `bad_template`; a literal that looks like a credential is refused.
 */
export function checkHeaderValue(header: string, value: string): HeaderValueCheck {
  const templates = [...value.matchAll(ValidTemplate)];
  const around = value.replace(ValidTemplate, ' ');
  if (templates.length > 1 || TemplateLike.test(around)) return { kind: 'bad_template' };
  if (templates.length === 1) {
    return CredentialRun.test(around)
      ? { kind: 'literal_credential' }
      : { kind: 'template', name: templates[0]![1]! };
  }
  const trimmed = value.trim().toLowerCase();
  if (
    AuthHeaders.has(header.toLowerCase()) ||
    trimmed.startsWith('bearer ') ||
    trimmed.startsWith('basic ') ||
    CredentialRun.test(value)
  ) {
    return { kind: 'literal_credential' };
  }
  return { kind: 'plain' };
}

const CredentialParams = new Set(['key', 'api_key', 'token', 'secret', 'password', 'signature']);

/** A URL carrying user info or a credential-named query parameter is a literal credential (spec §7.1). */
export function urlHasCredential(url: URL): boolean {
  if (url.username !== '' || url.password !== '') return true;
  for (const key of url.searchParams.keys()) if (CredentialParams.has(key.toLowerCase())) return true;
  return false;
}

/** The URL without what {@link urlHasCredential} finds: user info and credential-named query parameters. */
export function withoutUrlCredentials(url: URL): URL {
  const clean = new URL(url);
  clean.username = '';
  clean.password = '';
  for (const key of [...clean.searchParams.keys()])
    if (CredentialParams.has(key.toLowerCase())) clean.searchParams.delete(key);
  return clean;
}
