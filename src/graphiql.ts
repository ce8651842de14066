// GraphiQL served from this service's own files: yoga's page loads its scripts from a CDN,
// which neither offline machines nor locked-down networks can reach.
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import { renderGraphiQL, type Plugin } from 'graphql-yoga'

const ASSET_PREFIX = '/graphiql/'
const CDN_PREFIX = /https:\/\/unpkg\.com\/@graphql-yoga\/graphiql@[^/]+\/dist\//g
const FAVICON = /https:\/\/raw\.githubusercontent\.com\/[^>\s"]*favicon\.ico/g
const ASSETS: Record<string, string> = {
  'graphiql.css': 'text/css; charset=utf-8',
  'yoga-graphiql.umd.js': 'text/javascript; charset=utf-8',
  'monacoeditorwork/editor.worker.bundle.js': 'text/javascript; charset=utf-8',
  'monacoeditorwork/json.worker.bundle.js': 'text/javascript; charset=utf-8',
  'monacoeditorwork/graphql.worker..bundle.js': 'text/javascript; charset=utf-8',
}
const distDir = path.join(path.dirname(createRequire(import.meta.url).resolve('@graphql-yoga/graphiql/package.json')), 'dist')

export const renderLocalGraphiQL: typeof renderGraphiQL = (options) =>
  renderGraphiQL(options).replace(CDN_PREFIX, ASSET_PREFIX).replace(FAVICON, 'data:,')

export function serveGraphiQLAssets(): Plugin {
  return {
    async onRequest({ url, endResponse, fetchAPI }) {
      if (!url.pathname.startsWith(ASSET_PREFIX)) return
      const name = url.pathname.slice(ASSET_PREFIX.length)
      const type = ASSETS[name]
      if (!type) return endResponse(new fetchAPI.Response('Not found', { status: 404 }))
      const body = await readFile(path.join(distDir, name))
      endResponse(new fetchAPI.Response(body, { headers: { 'content-type': type, 'cache-control': 'public, max-age=86400' } }))
    },
  }
}
