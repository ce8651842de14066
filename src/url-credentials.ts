// Credentials written into URLs (https://user:password@host/...). The WHATWG URL parser, the
// one git's and every HTTP client's reading agrees with, says where they are: the userinfo
// ends at the authority's last "@", so a password holding "@" or ":" is found whole.

/** What a URL's userinfo hides behind: shown in place of a password. */
export const MASK = '***'

function parse(value: string): URL | null {
  try {
    return new URL(value)
  } catch {
    return null
  }
}

/** Percent-decodes what decodes, leaving a stray "%" as it is (as git does). */
function percentDecode(text: string): string {
  return text.replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
    try {
      return decodeURIComponent(run)
    } catch {
      return run
    }
  })
}

/** Whether the URL carries a user name or a password. */
export function hasCredentials(value: string): boolean {
  const url = parse(value)
  return url !== null && (url.username !== '' || url.password !== '')
}

/**
 * Splits the password off a URL: the URL keeps its user name, which names an account, and the
 * password comes back decoded, to be sealed. A URL without one comes back as it was given.
 */
export function splitPassword(value: string): { url: string; password: string | null } {
  const url = parse(value)
  if (!url || url.password === '') return { url: value, password: null }
  const password = percentDecode(url.password)
  url.password = ''
  return { url: url.href, password }
}

/** The user name in a URL, decoded; null when it has none. */
export function usernameOf(value: string): string | null {
  const url = parse(value)
  return url && url.username !== '' ? percentDecode(url.username) : null
}

/** A URL without any userinfo at all (and without a "/" the parser adds to a bare host). */
export function withoutCredentials(value: string): string {
  const url = parse(value)
  if (!url) return maskCredentials(value)
  if (url.username === '' && url.password === '') return value
  url.username = ''
  url.password = ''
  return url.pathname === '/' && !url.search && !url.hash && !value.endsWith('/') ? url.href.slice(0, -1) : url.href
}

/** The URL as shown: its user name, and MASK where a password is (or is stored apart from it). */
export function shownUrl(value: string, hasStoredPassword = false): string {
  const url = parse(value)
  if (!url) return maskCredentials(value)
  if (url.password === '' && !hasStoredPassword) return value
  url.password = MASK
  return url.href
}

// scheme://userinfo@ in free text: the userinfo runs, like the parser's, to the last "@" before
// the authority ends (at "/", "?", "#", "\" or, in text, white space).
const USERINFO_IN_TEXT = /([a-z][a-z0-9+.-]*:\/\/)([^\s/?#\\]*)@/gi

/**
 * Text that may quote URLs (git's stderr, error messages), with every URL's password masked
 * and every one of `secrets` masked wherever it appears, as written or percent-encoded.
 */
export function maskCredentials(text: string, secrets: readonly (string | null | undefined)[] = []): string {
  let masked = text
  for (const secret of secrets) {
    if (!secret) continue
    for (const form of new Set([secret, encodeURIComponent(secret), encodeUserinfo(secret)])) masked = masked.split(form).join(MASK)
  }
  return masked.replace(USERINFO_IN_TEXT, (_whole, scheme: string, userinfo: string) => {
    const colon = userinfo.indexOf(':')
    return colon < 0 ? `${scheme}${userinfo}@` : `${scheme}${userinfo.slice(0, colon)}:${MASK}@`
  })
}

/** A secret as the URL parser writes it into a userinfo. */
function encodeUserinfo(secret: string): string {
  const url = new URL('http://host/')
  url.password = secret
  return url.password
}
