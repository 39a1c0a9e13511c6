import { createApiKey, createEngine, deriveSecretKeys, openDatabase } from "@countersign/approvals";
import { createMasker } from "@countersign/masking";
import { createLogger } from "@countersign/server/logger";

type KeySpec = Parameters<typeof createApiKey>[1];
type CreatedKey = Awaited<ReturnType<typeof createApiKey>>;

/**
 * Creates API keys straight in the database of the `serve` processes started with `env`, as
 * `countersign keys create` would, without starting a CLI process per key.
 */
export async function createKeysDirectly<const Names extends string>(
  env: Record<string, string>,
  specs: Record<Names, KeySpec>,
): Promise<Record<Names, CreatedKey>> {
  const { DATABASE_URL: url, COUNTERSIGN_SECRET_KEY: secretKey } = env;
  if (!url || !secretKey) throw new Error("env needs DATABASE_URL and COUNTERSIGN_SECRET_KEY");
  const direct = await openDatabase({ url, poolSize: 1 });
  try {
    const keys = deriveSecretKeys(Buffer.from(secretKey, "base64"));
    const engine = createEngine({
      db: direct.db,
      log: createLogger("silent"),
      env: {
        policy: () => {
          throw new Error("not used");
        },
        masker: createMasker({ fingerprintKey: keys.fingerprint }),
        keys,
        allowPrivateCallbacks: true,
      },
    });
    const cli = engine.ctx({ type: "cli", user: "test" });
    const created = {} as Record<Names, CreatedKey>;
    for (const name of Object.keys(specs) as Names[]) created[name] = await createApiKey(cli, specs[name]);
    return created;
  } finally {
    await direct.close();
  }
}
