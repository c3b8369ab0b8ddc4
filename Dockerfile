# syntax=docker/dockerfile:1
#
# campusnet images, from one build (deploy/README.md walks a campus through them):
#
#   docker build --target app   -t campusnet-app   .   the web app: Next's standalone server
#                                                       (node server.js), small, nothing else
#   docker build --target tools -t campusnet-tools .   the same build with the sources and the
#                                                       production dependencies, for the
#                                                       one-shot commands and the RADIUS server:
#                                                       npm run db:migrate | bootstrap | radius-server
#
# Node 24 LTS (decision 012). Written to Docker's conventions; not run on the machine where it
# was written (no Docker engine there): see deploy/README.md.

ARG NODE_IMAGE=node:24-bookworm-slim

# ── deps: every dependency, from the lock file ──────────────────────────────────────────────
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
# postinstall runs `prisma generate` (dev/prisma-generate.mjs): it needs the schema and config.
COPY package.json package-lock.json prisma.config.ts ./
COPY dev/prisma-generate.mjs dev/
COPY prisma/schema.prisma prisma/
# `npm install`, not `npm ci`, as .ci/run does (TOOLCHAIN trap 5: some registries 404 other
# platforms' optional binaries); every version is pinned exactly in package.json and the lock.
RUN npm install --no-audit --no-fund

# ── build: next build, then dev/standalone.ts copies .next/static and public/ beside server.js ──
FROM deps AS build
COPY . .
# A build needs no settings and no database (decision 009).
RUN npm run build

# ── tools-prep: the build without development dependencies ──────────────────────────────────
FROM build AS tools-prep
# --ignore-scripts: nothing left needs an install script (the Prisma client is already in
# lib/generated, the sources run through tsx, which is a production dependency).
RUN npm prune --omit=dev --ignore-scripts --no-audit --no-fund \
 && rm -rf .next e2e bench docs test-results playwright-report

# ── tools: migrations, bootstrap, the RADIUS server ─────────────────────────────────────────
FROM ${NODE_IMAGE} AS tools
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 RADIUS_SERVER_HOST=0.0.0.0 RADIUS_SERVER_PORT=3100
WORKDIR /app
COPY --from=tools-prep --chown=node:node /app /app
USER node
EXPOSE 3100
# Override per service: npm run radius-server (default), npm run db:migrate, npm run bootstrap -- --admin <工号>
CMD ["npm", "run", "radius-server"]

# ── app: the standalone server alone ────────────────────────────────────────────────────────
FROM ${NODE_IMAGE} AS app
# HOSTNAME: Docker sets it to the container id; server.js listens on it, so bind all interfaces.
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0
WORKDIR /app
COPY --from=build --chown=node:node /app/.next/standalone ./
USER node
EXPOSE 3000
# /api/health answers 200 when this instance reaches PostgreSQL, 503 when it does not.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "server.js"]
