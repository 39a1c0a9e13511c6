import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
/** The corpora live beside the repository and are never copied into it. */
export const CORPORA_DIR = resolve(REPO_ROOT, "../shared/corpora");

export function corporaAvailable(): boolean {
  return existsSync(resolve(CORPORA_DIR, "gitleaks_examples.jsonl"));
}

export function readJsonl<T>(name: string): T[] {
  return readFileSync(resolve(CORPORA_DIR, name), "utf8")
    .split("\n")
    .filter((l) => l.trim().length > 0)
    .map((l) => JSON.parse(l) as T);
}

export interface GitleaksRow {
  rule: string;
  text: string;
  label: "tp" | "fp";
  generated: boolean;
  path?: string;
}
export interface DetectSecretsRow {
  plugin: string;
  text: string;
  label: "tp" | "fp";
  secret?: string | null;
  file_extension?: string | null;
}
export interface PresidioRow {
  entity: string | null;
  text: string;
  label: "tp" | "fp";
  kind: "span" | "validator";
  positions?: [number, number][];
}
export interface StdnumRow {
  file: string;
  module?: string;
  text: string;
  label: "valid" | "invalid";
}
