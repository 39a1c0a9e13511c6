import { randomBytes } from "node:crypto";
import type { TestProject } from "vitest/node";
import { adminQuery, createMigratedDatabase, ensureServices } from "./services";

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabase: string;
  }
}

/**
 * Once per run: services up, and one migrated template database that each test file copies.
 * Its name is the run's own, so two runs on one machine (a developer's and CI's) never collide.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await ensureServices();
  const name = `countersign_tpl_${randomBytes(5).toString("hex")}`;
  await createMigratedDatabase(name);
  project.provide("templateDatabase", name);
  return () => adminQuery(`drop database if exists ${name} with (force)`);
}
