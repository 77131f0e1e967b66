// API errors in words: every error the API sends is {"error": code, "detail": sentence}.
import type { ApiError } from "@stakazo/api-client";

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiProblem";
  }
}

const BY_STATUS: Record<number, string> = {
  401: "Your session has ended. Sign in again.",
  403: "Your role does not allow this.",
  404: "It no longer exists.",
  409: "It changed in the meantime. Reload and try again.",
  413: "The file is too large.",
  429: "Too many requests. Wait a moment and try again.",
  503: "The server is busy or restarting. Try again in a moment.",
};

/** Unwrap an openapi-fetch result: its data, or an ApiProblem that says what went wrong. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.response.ok && result.error === undefined) return result.data as T;
  throw toProblem(result.response.status, result.error);
}

export function toProblem(status: number, body: unknown): ApiProblem {
  const error = body as Partial<ApiError> | undefined;
  const detail = typeof error?.detail === "string" && error.detail ? error.detail : undefined;
  const code = typeof error?.error === "string" ? error.error : `http_${status}`;
  return new ApiProblem(status, code, detail ?? BY_STATUS[status] ?? `The server answered ${status}.`);
}

/** What to show a person for any error thrown while talking to the API. */
export function describe(error: unknown): string {
  if (error instanceof ApiProblem) return error.message;
  if (error instanceof TypeError) return "The server cannot be reached. Check that Stakazo is running.";
  if (error instanceof Error && error.message) return error.message;
  return "Something went wrong.";
}
