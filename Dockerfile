# syntax=docker/dockerfile:1
# kubecon-bot: build with dev dependencies, run with production dependencies and the
# compiled output only, as a non-root user, on a read-only root filesystem.
#
#   docker build -t kubecon-bot .
#   docker run --read-only --tmpfs /tmp -v kubecon-data:/data --env-file .env -p 3000:3000 kubecon-bot
#
# Keep in step with scripts/runtime-contents.ts, which builds the runtime stage's /app
# without Docker for `npm run size:runtime` and test/deploy/runtime.test.ts; that test
# fails when the runtime stage's COPY lines or the production install drift from it.

# The Node LTS that CI tests with (.ci/run's lts, package.json's `node` dev dependency);
# an exact version, never a moving tag like 24 or lts.
ARG NODE_VERSION=24.21.0

FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# The only install script in the tree is the `node` dev dependency's, which fetches the
# Node this image already has; the stage only runs tsc, which needs no install script.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

FROM node:${NODE_VERSION}-bookworm-slim AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
# No dependency needs an install script; skipping them keeps a compromised one from running here.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund

FROM node:${NODE_VERSION}-bookworm-slim AS runtime
WORKDIR /app
# DATA_DIR is the only place the bot writes (the digest's state); everything else may be read-only.
ENV NODE_ENV=production \
    DATA_DIR=/data
# Owned by root and read-only to the bot: the code and the catalogue cannot be changed at run time.
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY data ./data
COPY package.json ./package.json
# 1000 is the base image's `node` user; numeric, so Kubernetes' runAsNonRoot can verify it.
RUN mkdir -p /data && chown 1000:1000 /data
VOLUME /data
USER 1000:1000
# 3000: HTTP mode (Slack's requests, /healthz, /readyz). 3001: Socket Mode's /healthz, /readyz.
EXPOSE 3000 3001
# No curl in the slim image: node asks /healthz on whichever port this mode serves it.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "const e=process.env;const ask=(p)=>fetch(`http://127.0.0.1:${p}/healthz`,{signal:AbortSignal.timeout(3000)}).then((r)=>r.ok?true:Promise.reject(new Error(String(r.status))));Promise.any([ask(e.PORT||3000),ask(e.HEALTH_PORT||3001)]).then(()=>process.exit(0),()=>process.exit(1))"]
# node itself, not npm: npm would want to write its cache and logs under $HOME, and it
# stands between the process and SIGTERM. `npm start` is `node src/main.ts` from the sources.
# V8 sized for the pod (256 MiB limit), not for the node it lands on: left alone it sizes
# its young generation from the host's RAM (128 MB on a 24 GB machine) and lets garbage
# pile up to that before collecting. npm run bench:load starts the bot with these flags.
CMD ["node", "--max-semi-space-size=8", "--max-old-space-size=96", "--enable-source-maps", "dist/main.js"]
