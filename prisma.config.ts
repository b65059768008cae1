import { defineConfig } from "prisma/config";

// Used by `prisma generate` (postinstall). Migrations go through scripts/db.ts instead.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
