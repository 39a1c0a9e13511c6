import { CountersignError, CountersignUnreachableError, type Problem } from "./errors";

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface CallOptions {
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export type HttpCall = <T>(method: string, path: string, options?: CallOptions) => Promise<T>;

/** One authenticated JSON call; a non-2xx answer becomes a CountersignError. */
export function createHttpCall(baseUrl: string, apiKey: string, fetchImpl: FetchLike): HttpCall {
  return async <T>(method: string, path: string, options: CallOptions = {}): Promise<T> => {
    let response: Response;
    try {
      response = await fetchImpl(`${baseUrl}${path}`, {
        method,
        headers: {
          accept: "application/json, application/problem+json",
          authorization: `Bearer ${apiKey}`,
          ...(options.body === undefined ? {} : { "content-type": "application/json" }),
          ...options.headers,
        },
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: options.signal,
      });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      throw new CountersignUnreachableError(baseUrl, error);
    }
    const text = await response.text();
    const parsed = parseJson(text);
    if (response.ok) {
      if (parsed === undefined) throw new CountersignError(unexpected(response, "the answer is not JSON"));
      return parsed as T;
    }
    throw new CountersignError(isProblem(parsed) ? { ...parsed, status: response.status } : unexpected(response));
  };
}

function parseJson(text: string): unknown {
  if (text === "") return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isProblem(value: unknown): value is Problem {
  return typeof value === "object" && value !== null && typeof (value as { code?: unknown }).code === "string";
}

function unexpected(response: Response, detail = response.statusText || `HTTP ${response.status}`): Problem {
  return { status: response.status, code: "unexpected_response", detail };
}
