// Scoped API tokens (GitHub's fine-grained tokens, Harbor's robot permissions): a token may be
// limited to a set of (pattern, actions). A pattern is a namespace (`acme`: every image in it),
// an image (`acme/api`), or an image prefix (`acme/api-*`). Every action includes READ of the
// images it covers; images no scope covers do not exist for the token. A scoped token is never
// an administrator's, and of the mutations it may run only those that act on images, each
// within its scopes: everything else is FORBIDDEN.
import { UserInputError } from '../errors.js'
import type { Prisma } from '../db/client.js'
import { checkList, type FieldPath } from './rules.js'

export const TOKEN_ACTIONS = ['READ', 'TAG', 'BUILD', 'PUSH', 'PULL', 'DELETE'] as const
export type TokenAction = (typeof TOKEN_ACTIONS)[number]

export interface TokenScope {
  pattern: string
  actions: TokenAction[]
}

export const MAX_SCOPES = 20
// A namespace, an image path, or either followed by one trailing '*'.
const PATTERN = /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*(?:[._/-]?\*)?$/

/** Mutations a scoped token may run: each acts on images and checks its action there. */
export const SCOPED_MUTATIONS = new Set([
  'createImage',
  'tagImage',
  'untagImage',
  'protectTag',
  'unprotectTag',
  'setImageCategories',
  'buildImage',
  'cancelBuild',
  'triggerBuild',
  'createVersion',
  'pushImage',
  'pullImage',
  'deleteImage',
  'applyRetention',
  'setRetentionPolicies',
  'starImage',
  'unstarImage',
])

export function checkScopes(scopes: readonly TokenScope[], field: FieldPath): TokenScope[] {
  if (scopes.length === 0) throw new UserInputError('INVALID', field, 'Give at least one scope, or leave scopes out for a token with all your rights')
  return checkList(scopes, field, MAX_SCOPES).map((scope, i) => {
    if (scope.pattern.length > 255 || !PATTERN.test(scope.pattern)) {
      throw new UserInputError('INVALID', [...field, String(i), 'pattern'], `Scope pattern "${scope.pattern.slice(0, 64)}" must be a namespace (acme), an image (acme/api) or a prefix ending in * (acme/api-*)`)
    }
    if (scope.actions.length === 0) throw new UserInputError('INVALID', [...field, String(i), 'actions'], 'A scope needs at least one action')
    return { pattern: scope.pattern, actions: [...new Set(scope.actions)] }
  })
}

function covers(pattern: string, imageName: string): boolean {
  if (pattern.endsWith('*')) return imageName.startsWith(pattern.slice(0, -1))
  return imageName === pattern || (!pattern.includes('/') && imageName.startsWith(`${pattern}/`))
}

/** Whether scopes (null: an unscoped token) allow `action` on the image named so; every action includes READ. */
export function scopeAllows(scopes: readonly TokenScope[] | null | undefined, imageName: string, action: TokenAction): boolean {
  if (!scopes) return true
  return scopes.some((scope) => covers(scope.pattern, imageName) && (action === 'READ' || scope.actions.includes(action)))
}

/** The images the scopes cover, as a query condition (null: all). */
export function scopedImages(scopes: readonly TokenScope[] | null | undefined): Prisma.ImageWhereInput | null {
  if (!scopes) return null
  return {
    OR: scopes.map(({ pattern }): Prisma.ImageWhereInput => {
      if (pattern.endsWith('*')) return { name: { startsWith: pattern.slice(0, -1) } }
      return pattern.includes('/') ? { name: pattern } : { name: { startsWith: `${pattern}/` } }
    }),
  }
}

/** The stored form (JSON) read back; anything else is an unscoped token's null. */
export function storedScopes(value: unknown): TokenScope[] | null {
  return Array.isArray(value) ? (value as TokenScope[]) : null
}
