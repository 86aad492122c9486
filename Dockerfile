# syntax=docker/dockerfile:1
# The app image (web app and job workers) for docker-compose.yml; see docs/production.md.
# The TypeScript sources run with tsx, a production dependency, exactly as `npm start` runs them, so paths
# such as processes/ and dist/web resolve in the image as they do in a checkout.

# 1. build: every dependency, to build the browser client (Vite) when the project has it
FROM node:22-bookworm-slim AS build
ENV IBM_TELEMETRY_DISABLED=true
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN mkdir -p dist workers processes && npm run build:web --if-present

# 2. runtime: production dependencies only, sources read-only, running as the image's non-root user
FROM node:22-bookworm-slim AS runtime
ENV NODE_ENV=production \
    IBM_TELEMETRY_DISABLED=true \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/app/data
WORKDIR /app
COPY package.json package-lock.json ./
# sqlite3 (the default app database) installs its prebuilt N-API binary here; no compiler is needed
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/tsconfig.json ./
COPY --from=build /app/src ./src
COPY --from=build /app/web/server ./web/server
COPY --from=build /app/workers ./workers
COPY --from=build /app/processes ./processes
COPY --from=build /app/scripts ./scripts
COPY --from=build /app/dist ./dist
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
CMD ["node", "--import", "tsx", "src/main.ts"]
