// secretlint as the benches run it: the recommended preset over a JSON text, secrets masked in its
// output, as a user of secretlint would call it on a request body.
import { lintSource } from "@secretlint/core";
import { creator as recommended } from "@secretlint/secretlint-rule-preset-recommend";

const config = { rules: [{ id: "@secretlint/secretlint-rule-preset-recommend", rule: recommended }] };

export function secretlint(text: string): Promise<unknown> {
  return lintSource({
    source: { content: text, filePath: "/payload.json", ext: ".json", contentType: "text" },
    options: { config, maskSecrets: true, noPhysicFilePath: true },
  });
}
