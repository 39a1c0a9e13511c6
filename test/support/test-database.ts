import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { adminQuery, databaseUrl } from "./services";

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database of its own for one test file (a copy of the template). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `countersign_t_${randomBytes(6).toString("hex")}`;
  await adminQuery(`create database ${name} template ${inject("templateDatabase")}`);
  return {
    url: databaseUrl(name),
    name,
    drop: () => adminQuery(`drop database if exists ${name} with (force)`),
  };
}
