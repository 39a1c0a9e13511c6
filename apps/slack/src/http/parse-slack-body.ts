/**
 * Slack posts JSON for the Events API and `application/x-www-form-urlencoded` for slash commands
 * and interactivity (where the JSON sits in a `payload` field). Null when the body is unreadable.
 */
export function parseSlackBody(rawBody: string, contentType: string | undefined): Record<string, unknown> | null {
  const mediaType = (contentType ?? "").split(";")[0]?.trim().toLowerCase();
  try {
    if (mediaType === "application/x-www-form-urlencoded") {
      const form = new URLSearchParams(rawBody);
      const payload = form.get("payload");
      if (payload !== null) return asObject(JSON.parse(payload));
      return Object.fromEntries(form.entries());
    }
    if (mediaType === "application/json") return asObject(JSON.parse(rawBody));
  } catch {
    return null;
  }
  return null;
}

function asObject(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}
