// The read-path benchmark's floor: node:http and pg answering the benchmark's page with ONE
// hand-written SQL statement that returns the whole answer as JSON text, in the shape the
// service answers it. No GraphQL at all: what is left is the database, the wire and Node's
// HTTP server, so it bounds what any GraphQL server can do on this machine. Its own process
// (bench/read-path.bench.ts starts it). Env: DATABASE_URL, PORT, HOST.
import { createServer } from 'node:http'
import pg from 'pg'

/**
 * The page, as the service answers `ReadPathPage` (bench/read-path/pages.ts) to anonymous callers:
 * public images newest first (its default order), tags by name, categories by name, the last 5
 * versions of the service's newest-first order (the 5 oldest, newest of them first), builds newest
 * first, and the service's page sizes (20 where the query gives none). $1 is `first`.
 */
const PAGE = `
select json_build_object('data', json_build_object('images', json_build_object('nodes',
         coalesce(json_agg(page.image order by page."createdAt" desc, page.id desc), '[]'::json))))::text as body
from (
  select i.id, i."createdAt", json_build_object(
    'name', i.name,
    'description', i.description,
    'tags', json_build_object('nodes', (
      select coalesce(json_agg(json_build_object('name', t.name, 'digest', t.digest) order by t.name, t.id), '[]'::json)
      from (select id, name, digest from "Tag" where "imageId" = i.id order by name, id limit 10) t)),
    'categories', json_build_object('nodes', (
      select coalesce(json_agg(json_build_object('name', c.name) order by c.name, c.id), '[]'::json)
      from (select c.id, c.name from "_CategoryToImage" l join "Category" c on c.id = l."A"
            where l."B" = i.id order by c.name, c.id limit 20) c)),
    'registry', (select json_build_object('name', r.name, 'url', r.url) from "Registry" r where r.id = i."registryId"),
    'owner', (select json_build_object('name', u.name) from "User" u where u.id = i."ownerId"),
    'versions', json_build_object('nodes', (
      select coalesce(json_agg(json_build_object('version', v.version, 'builds', json_build_object('nodes', (
               select coalesce(json_agg(json_build_object('state', b.state) order by b.id desc), '[]'::json)
               from (select id, state from "Build" where "versionId" = v.id order by id desc limit 20) b)))
             order by v.id desc), '[]'::json)
      from (select id, version from "Version" where "imageId" = i.id order by id limit 5) v))
  ) as image
  from "Image" i
  where not i."isPrivate"
  order by i."createdAt" desc, i.id desc
  limit $1
) page`

const MAX_PAGE = 100
// The service's pool size (DATABASE_POOL_SIZE's default), so every server has the same connections.
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 })

/** `first` from a GraphQL-over-HTTP body; the document itself is taken as read. */
function firstOf(body: string): number {
  const first = (JSON.parse(body) as { variables?: { first?: unknown } }).variables?.first
  return typeof first === 'number' ? Math.max(0, Math.min(first, MAX_PAGE)) : MAX_PAGE
}

const server = createServer((request, response) => {
  let body = ''
  request.setEncoding('utf8')
  request.on('data', (chunk: string) => (body += chunk))
  request.on('end', () => {
    // A body that is not JSON answers 500 like a failed query, rather than ending the process.
    Promise.resolve()
      .then(() => pool.query<{ body: string }>(PAGE, [firstOf(body)]))
      .then((result) => {
        response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
        response.end(result.rows[0]!.body)
      })
      .catch((error: Error) => {
        response.writeHead(500, { 'content-type': 'application/json; charset=utf-8' })
        response.end(JSON.stringify({ errors: [{ message: error.message }] }))
      })
  })
})

const port = Number(process.env.PORT)
const host = process.env.HOST ?? '127.0.0.1'
server.listen(port, host, () => console.log(`floor is serving GraphQL's page at http://${host}:${port}/graphql`))

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    server.close()
    server.closeAllConnections()
    void pool.end().finally(() => process.exit(0))
  })
}
