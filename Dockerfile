# image-catalog: built in two stages from the official node images, run as a non-root user.
#   docker build -t image-catalog .
# The base images are build arguments (a mirror, a pinned digest, or a locally made image on
# machines that cannot pull): BUILD_IMAGE needs node, npm and, for better-sqlite3 when no
# prebuilt binary can be downloaded, python3, make and a C++ compiler (node:20-bookworm has
# them); NODE_IMAGE only needs node.
ARG BUILD_IMAGE=node:20-bookworm
ARG NODE_IMAGE=node:20-bookworm-slim

# dist/: the service bundled by esbuild, the generated Prisma clients inside it. Install
# scripts are skipped: nothing native is needed to build, and the clients are generated here.
FROM ${BUILD_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json ./
COPY scripts ./scripts
COPY prisma ./prisma
RUN npm ci --ignore-scripts --no-audit --no-fund && node scripts/prisma-generate.mjs
COPY src ./src
# What the runtime stage takes from here, in one folder, so that it is one COPY (one layer).
RUN npm run build && mkdir -p /out/app/prisma /out/data \
  && cp -r dist package.json /out/app/ && cp -r prisma/migrations /out/app/prisma/

# What production runs: dependencies only, better-sqlite3 built for this platform. The prisma
# CLI is an optional peer of @prisma/client that --omit=dev alone still installs; --omit=optional
# leaves it out (and ssh2's optional native add-on), and the postinstall leaves generation to
# the build stage.
FROM ${BUILD_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts ./scripts
# What compiling better-sqlite3 leaves beside its addon (objects, the SQLite sources) is not shipped.
RUN npm ci --omit=dev --omit=optional --no-audit --no-fund && npm cache clean --force \
  && rm -rf node_modules/better-sqlite3/build/Release/obj node_modules/better-sqlite3/build/Release/obj.target \
     node_modules/better-sqlite3/build/Release/.deps node_modules/better-sqlite3/deps

FROM ${NODE_IMAGE} AS runtime
# Settings first, files last: each instruction after a COPY would be a copy of the whole image
# on storage drivers without layers of their own (vfs), and none of these depend on the files.
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4000 DATA_DIR=/data
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/server.js"]
# uid 1000 is the official images' `node` user. Files are root's and read-only to it.
USER 1000:1000
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /out/app ./
# The SQLite file, uploads and the key file live here, written by uid 1000.
COPY --from=build --chown=1000:1000 /out/data /data
VOLUME /data
