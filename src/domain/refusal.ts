/**
 * A refusal: the request was understood and turned down. `message` is shown to a council officer
 * as it is; `code` is for logs and tests.
 */
export interface Refusal {
  readonly code: RefusalCode;
  readonly message: string;
}

export type RefusalCode =
  | "invalid-payload"
  | "unknown-element"
  | "unknown-campaign"
  | "campaign-closed"
  | "invalid-rating"
  | "text-too-long"
  | "unsafe-url"
  | "invalid-url"
  | "duplicate-link"
  | "too-many-links"
  | "link-not-found"
  | "missing-identity"
  | "conflict"
  | "stale"
  | "not-allowed";

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly refusal: Refusal };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const refuse = <T = never>(code: RefusalCode, message: string): Result<T> => ({ ok: false, refusal: { code, message } });

/** What a request that only needs saying in words comes to: done (and what to tell them), or refused. */
export type Outcome = { readonly ok: true; readonly message: string } | { readonly ok: false; readonly refusal: Refusal };
