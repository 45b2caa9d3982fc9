# Keepwarm production image. One image for every role: ROLE=api, ROLE=worker (or all).
# Build: docker build -t keepwarm .   (docker compose builds it for you: see README.md)

# --- build: all dependencies, TypeScript compiled to dist/ ---
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# --- runtime: production dependencies and dist/ only, as the non-root `node` user ---
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY --from=build /app/dist ./dist
# The pages' stylesheet and script (htmx itself is served from node_modules).
COPY public ./public
# DATA_DIR (./data) is only written to when DATABASE_URL, SMTP_URL or APP_SECRET is unset.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
# docker compose defines its own healthchecks; this one serves a plain `docker run`.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/main.js"]
