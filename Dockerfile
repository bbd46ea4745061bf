# wiredesk: one image for the workers, the API and one-shot runs.
# Both long-running commands handle SIGTERM (drain, close, exit 0); compose runs them under `init: true`.
FROM node:22-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
COPY packages/core/package.json packages/core/
COPY packages/ingest/package.json packages/ingest/
COPY packages/extract/package.json packages/extract/
COPY packages/dedupe/package.json packages/dedupe/
COPY packages/report/package.json packages/report/
COPY packages/cli/package.json packages/cli/
RUN npm ci --include=dev --ignore-scripts && npm cache clean --force
COPY . .
RUN npm rebuild esbuild
ENV REDIS_URL=redis://redis:6379 WIREDESK_REPORTS=/reports
VOLUME ["/reports"]
EXPOSE 8080
ENTRYPOINT ["node", "packages/cli/bin/wiredesk.js"]
CMD ["worker"]
