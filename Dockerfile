# Patrolmap: the API and the built client in one image. The database is a separate PostGIS container
# (docker-compose.yml); DATABASE_URL points at it.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build:client
ENV HOST=0.0.0.0 PORT=8080 NODE_ENV=production
EXPOSE 8080
USER node
CMD ["npx", "tsx", "server/src/main.ts"]
