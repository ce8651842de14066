// The read-path benchmark's page (issue 11) as each server is asked for it, and each answer
// brought to one shape so that the benchmark can check that all of them answered the same.
// Plain strings, not graphql() documents: codegen and the tests do not need them.

/**
 * The service's page: a page of images, each with its name, description, 10 tags, categories,
 * registry, owner and last 5 versions with their builds. The nested pages the issue leaves open
 * (categories, builds) are given the size the service uses when none is given (20), so every
 * server is asked for the same rows and the cost rules see explicit sizes.
 */
export const SERVICE_PAGE = `query ReadPathPage($first: Int!) {
  images(first: $first) {
    nodes {
      name
      description
      tags(first: 10) { nodes { name digest } }
      categories(first: 20) { nodes { name } }
      registry { name url }
      owner { name }
      versions(last: 5) { nodes { version builds(first: 20) { nodes { state } } } }
    }
  }
}`

/**
 * The same page in PostGraphile 5's generated schema (amber preset): its names for the tables
 * the service's migrations made, and the service's orders spelt out, since PostGraphile's default
 * is the primary key. Categories come through Prisma's join table (`_CategoryToImage`, A the
 * category, B the image): PostGraphile has no many-to-many field without a plugin, and cannot
 * order the join rows by the category's name, so they are compared as sorted sets.
 */
export const POSTGRAPHILE_PAGE = `query ReadPathPage($first: Int!) {
  allImages(first: $first, condition: { isPrivate: false }, orderBy: [CREATED_AT_DESC, ROW_ID_DESC]) {
    nodes {
      name
      description
      tagsByImageId(first: 10, orderBy: [NAME_ASC, ROW_ID_ASC]) { nodes { name digest } }
      _categoryToImagesByB(first: 20) { nodes { categoryByA { name } } }
      registryByRegistryId { name url }
      userByOwnerId { name }
      versionsByImageId(last: 5, orderBy: [ROW_ID_DESC]) {
        nodes { version buildsByVersionId(first: 20, orderBy: [ROW_ID_DESC]) { nodes { state } } }
      }
    }
  }
}`

/** One image of the page, as every server's answer is compared. */
export interface PageImage {
  name: string
  description: string
  tags: Array<{ name: string; digest: string | null }>
  categories: string[]
  registry: { name: string; url: string } | null
  owner: string
  versions: Array<{ version: string; builds: string[] }>
}

interface Nodes<T> {
  nodes: T[]
}

interface ServiceImage {
  name: string
  description: string
  tags: Nodes<{ name: string; digest: string | null }>
  categories: Nodes<{ name: string }>
  registry: { name: string; url: string } | null
  owner: { name: string }
  versions: Nodes<{ version: string; builds: Nodes<{ state: string }> }>
}

interface PostGraphileImage {
  name: string
  description: string
  tagsByImageId: Nodes<{ name: string; digest: string | null }>
  _categoryToImagesByB: Nodes<{ categoryByA: { name: string } }>
  registryByRegistryId: { name: string; url: string } | null
  userByOwnerId: { name: string }
  versionsByImageId: Nodes<{ version: string; buildsByVersionId: Nodes<{ state: string }> }>
}

interface Answer<T> {
  data?: T
  errors?: unknown[]
}

function dataOf<T>(answer: Answer<T>): T {
  if (answer.errors || !answer.data) throw new Error(`the page was answered with errors: ${JSON.stringify(answer.errors ?? answer).slice(0, 2000)}`)
  return answer.data
}

const sorted = (names: string[]) => [...names].sort()

/** The service's answer, and the floor's, which answers in the service's shape. */
export function fromServiceAnswer(answer: Answer<{ images: Nodes<ServiceImage> }>): PageImage[] {
  return dataOf(answer).images.nodes.map((image) => ({
    name: image.name,
    description: image.description,
    tags: image.tags.nodes.map(({ name, digest }) => ({ name, digest })),
    categories: sorted(image.categories.nodes.map((category) => category.name)),
    registry: image.registry && { name: image.registry.name, url: image.registry.url },
    owner: image.owner.name,
    versions: image.versions.nodes.map((version) => ({ version: version.version, builds: version.builds.nodes.map((build) => build.state) })),
  }))
}

export function fromPostGraphileAnswer(answer: Answer<{ allImages: Nodes<PostGraphileImage> }>): PageImage[] {
  return dataOf(answer).allImages.nodes.map((image) => ({
    name: image.name,
    description: image.description,
    tags: image.tagsByImageId.nodes.map(({ name, digest }) => ({ name, digest })),
    categories: sorted(image._categoryToImagesByB.nodes.map((link) => link.categoryByA.name)),
    registry: image.registryByRegistryId && { name: image.registryByRegistryId.name, url: image.registryByRegistryId.url },
    owner: image.userByOwnerId.name,
    versions: image.versionsByImageId.nodes.map((version) => ({
      version: version.version,
      builds: version.buildsByVersionId.nodes.map((build) => build.state),
    })),
  }))
}

/** Where two pages differ first, or null when they are the same. */
export function firstDifference(expected: PageImage[], actual: PageImage[]): string | null {
  if (expected.length !== actual.length) return `${actual.length} images instead of ${expected.length}`
  for (let i = 0; i < expected.length; i++) {
    for (const field of Object.keys(expected[i]!) as Array<keyof PageImage>) {
      const want = JSON.stringify(expected[i]![field])
      const got = JSON.stringify(actual[i]![field])
      if (want !== got) return `image ${i} (${expected[i]!.name}) differs in ${field}:\n    expected ${want}\n    got      ${got}`
    }
  }
  return null
}
