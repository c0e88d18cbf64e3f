# syntax=docker/dockerfile:1
# papers-bot as a container. The build runs the same steps as scripts/production-install.sh,
# which CI runs on a clean clone (npm ci → npm run build → npm prune --omit=dev → check the
# runtime imports → start with PAPERS_HTTP_PORT → scripts/healthcheck.mjs), so what this image
# does is tested even where the image itself cannot be built.
#
#   docker build -t papers-bot .
#   docker run -d --name papers-bot --env-file .env -v papers-data:/data -p 127.0.0.1:9464:9464 papers-bot

FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 downloads a prebuilt binary; these compile it where none fits.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY bin ./bin
COPY config ./config
COPY drizzle ./drizzle
COPY samples ./samples
COPY scripts ./scripts
COPY src ./src
RUN npm ci
RUN npm run build
RUN npm prune --omit=dev
RUN node scripts/check-runtime-deps.mjs dist

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    PAPERS_DB=/data/papers.db \
    PAPERS_HTTP_PORT=9464
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin ./bin
COPY --from=build /app/config ./config
COPY --from=build /app/drizzle ./drizzle
COPY --from=build /app/samples ./samples
COPY --from=build /app/scripts ./scripts
# The store lives on a volume, owned by the unprivileged user the bot runs as.
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 9464
HEALTHCHECK --interval=30s --timeout=5s --start-period=90s --retries=3 CMD ["node", "scripts/healthcheck.mjs"]
# SIGTERM (docker stop) lets the message in flight finish, then closes the store.
STOPSIGNAL SIGTERM
CMD ["node", "dist/main.js"]
