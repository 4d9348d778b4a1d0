# syntax=docker/dockerfile:1
# Switchboard: one image, any number of processes (see compose.yaml and README "Running in containers").

# ---- build: every dependency, then the bundles (dist/: server, widget, console)
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# ---- runtime dependencies only: the server bundle leaves its packages external
FROM node:22-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

# ---- the image: no compilers, no sources, no devDependencies, not root
FROM node:22-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data
WORKDIR /app
# package.json marks the project root: the server finds dist/ next to it.
COPY --from=deps --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
COPY --chown=root:root package.json ./
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
# /readyz: 200 once the database answers and first-run setup is done; 503 while stopping.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# exec form: node is PID 1's only child of the runtime and gets SIGTERM itself (the drain needs it).
CMD ["node", "dist/server/index.js"]
