# The Culture Pulse endpoint in a container (SQLite in the /data volume unless DATABASE_URL is set).
#   docker build -t culture-pulse .
#   docker run -d --name pulse -p 8787:8787 -v pulse-data:/data \
#     -e PUBLIC_URL=https://pulse.example.org culture-pulse
#   docker exec pulse node dist-server/main.mjs create-team platform --invites 8
# Put a TLS proxy in front of it (see the README), and keep its access log free of addresses.

FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 is built from source where no prebuilt binary can be fetched.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build:server && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production \
    TZ=UTC \
    HOST=0.0.0.0 \
    PORT=8787 \
    PULSE_DB=/data/culture-pulse.db
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist-server ./dist-server
RUN mkdir /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 8787
# Liveness: the process serves. (/readyz says whether the store answers: for a load balancer.)
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s \
  CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# --max-semi-space-size=1 keeps the process under 100 MB, as `npm run server` runs it. SIGTERM
# (docker stop) closes it cleanly; exec form, so node receives it itself.
CMD ["node", "--max-semi-space-size=1", "dist-server/main.mjs"]
