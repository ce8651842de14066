import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

const TOKEN_PREFIX = 'icat_'

/** 32 random bytes: high entropy, so a plain SHA-256 (no slow KDF) is a safe stored form. */
export function mintToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url')
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex')
}

/** What a person sees to tell tokens apart; never enough to use one. */
export function displayPrefix(token: string): string {
  return token.slice(0, TOKEN_PREFIX.length + 6)
}

export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}
