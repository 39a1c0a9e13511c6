import { ConnectorError, parseRetryAfter, TRANSIENT_STATUSES } from "../connector-error";

// The shapes @azure/core-http-compat hands an HttpClient (botbuilder's ConnectorClientOptions.httpClient).
interface CompatHeaders {
  toJson(options?: { preserveCase?: boolean }): Record<string, string>;
}
interface CompatRequest {
  url: string;
  method: string;
  headers: CompatHeaders;
  body?: unknown;
}

function headersOf(source: Headers): CompatHeaders & { get(name: string): string | undefined } {
  const values: Record<string, string> = {};
  source.forEach((value, key) => {
    values[key] = value;
  });
  return { toJson: () => ({ ...values }), get: (name: string) => values[name.toLowerCase()] };
}

/**
 * The connector client's transport. The Azure pipeline above it would sleep and retry on 429/5xx inside
 * whatever called it (a queue worker); throwing our own error type (not a RestError) for transient
 * statuses makes that retry policy pass it straight up, so the queue schedules the retry instead.
 */
export function createConnectorHttpClient(timeoutMs = 15_000) {
  return {
    async sendRequest(request: CompatRequest) {
      const body =
        request.body === undefined || request.body === null
          ? undefined
          : typeof request.body === "string"
            ? request.body
            : JSON.stringify(request.body);
      const response = await fetch(request.url, {
        method: request.method,
        headers: request.headers.toJson({ preserveCase: true }),
        body,
        redirect: "manual",
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await response.text();
      if (TRANSIENT_STATUSES.has(response.status)) {
        throw new ConnectorError(response.status, parseRetryAfter(response.headers.get("retry-after")));
      }
      return { request, status: response.status, headers: headersOf(response.headers), bodyAsText: text };
    },
  };
}
