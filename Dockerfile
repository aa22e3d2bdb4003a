# Patrolmap: the API and the built client in one image. The database is a separate PostGIS container
# (docker-compose.yml); DATABASE_URL points at it.
# Build stage: every dependency, to build the client (vite) and compile the server to JavaScript (esbuild, dist/).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# Runtime stage: production dependencies only (no tsx, vite, esbuild or test tools); node runs the compiled server.
# It reads the migrations and geodata (harm weights, the files to import) from the project root at run time.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY --from=build /app/client/dist ./client/dist
COPY server/migrations ./server/migrations
COPY geodata ./geodata
ENV HOST=0.0.0.0 PORT=8080
EXPOSE 8080
USER node
CMD ["node", "dist/server/src/main.js"]
