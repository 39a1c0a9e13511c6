import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { type ParsePolicyResult, parsePolicy } from "./parse-policy";

/** The example policy shipped in the repo; the server falls back to it when no policy file exists. */
export const EXAMPLE_POLICY_PATH = fileURLToPath(
  new URL("../../../../examples/countersign.policy.yaml", import.meta.url),
);

/** Reads and validates a policy file. Never throws: an unreadable file is one more problem. */
export async function loadPolicyFile(path: string): Promise<ParsePolicyResult> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message =
      code === "ENOENT"
        ? "file not found"
        : code === "EISDIR"
          ? "is a directory, not a policy file"
          : `cannot read: ${(error as Error).message}`;
    return { ok: false, source: path, problems: [{ path: "", message }] };
  }
  return parsePolicy(bytes, path);
}
