import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  schema: "./packages/approvals/src/store/schema.ts",
  out: "./migrations",
});
