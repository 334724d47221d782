import { CpaasError, SdkProblemType } from './CpaasError.js';
import { parseJoinResponse, type JoinResponse } from './JoinResponse.js';
import { PROBLEM_MEDIA_TYPE, parseProblem, type Problem } from './Problem.js';
import { parseRetryAfter } from './retryAfter.js';

/** The subset of `fetch` the SDK uses; pass your own to instrument or stub requests. */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** Path of the join endpoint, relative to the room service's base URL. */
export const JOIN_PATH = '/v1/rtc/join';

/**
 * Asks the room service to admit the holder of `token` to the room the token names.
 *
 * POSTs to `${roomServiceUrl}/v1/rtc/join` with `Authorization: Bearer <token>` and returns
 * where and how to connect for signalling. Every failure is a {@link CpaasError}:
 * - the server's problem document (RFC 9457) for a non-2xx answer, with `retryAfter` from the
 *   `Retry-After` header when present;
 * - `urn:cpaas:sdk:network` when no answer came at all;
 * - `urn:cpaas:sdk:invalid-response` when a 2xx body is not a valid join response;
 * - `urn:cpaas:sdk:invalid-argument` for an unusable URL or an empty token.
 */
export async function join(roomServiceUrl: string, token: string, fetchImpl?: FetchLike): Promise<JoinResponse> {
  const url = joinUrl(roomServiceUrl);
  if (token.trim() === '') throw invalidArgument('token must not be empty');
  const doFetch: FetchLike = fetchImpl ?? ((input, init) => globalThis.fetch(input, init));

  let response: Response;
  try {
    response = await doFetch(url, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        Accept: `application/json, ${PROBLEM_MEDIA_TYPE}`,
      },
    });
  } catch (cause) {
    throw new CpaasError({
      type: SdkProblemType.Network,
      title: 'Room service unreachable',
      detail: `POST ${url} failed: ${cause instanceof Error ? cause.message : String(cause)}`,
      cause,
    });
  }

  if (!response.ok) throw await problemError(response);

  let body: unknown;
  try {
    body = await response.json();
  } catch (cause) {
    throw new CpaasError({
      type: SdkProblemType.InvalidResponse,
      title: 'Unexpected join response',
      status: response.status,
      detail: 'body is not valid JSON',
      cause,
    });
  }
  return parseJoinResponse(body, response.status);
}

/** Builds the join endpoint URL, tolerating a trailing slash or a path prefix on the base. */
function joinUrl(roomServiceUrl: string): string {
  let base: URL;
  try {
    base = new URL(roomServiceUrl);
  } catch {
    throw invalidArgument(`roomServiceUrl is not an absolute URL: ${JSON.stringify(roomServiceUrl)}`);
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    throw invalidArgument(`roomServiceUrl must be http(s), got ${base.protocol}`);
  }
  base.pathname = base.pathname.replace(/\/+$/, '') + JOIN_PATH;
  base.search = '';
  base.hash = '';
  return base.toString();
}

/** Turns a non-2xx answer into a CpaasError, from its problem document when it has one. */
async function problemError(response: Response): Promise<CpaasError> {
  const retryAfter = parseRetryAfter(response.headers.get('Retry-After'));
  const fallbackTitle = response.statusText || `HTTP ${response.status}`;
  let problem: Problem | null = null;
  if (isJson(response.headers.get('Content-Type'))) {
    try {
      problem = parseProblem(await response.json());
    } catch {
      // Unreadable error body: fall back to the status line below.
    }
  }
  return new CpaasError({
    type: problem?.type ?? 'about:blank',
    title: problem?.title || fallbackTitle,
    // RFC 9457: the status member is advisory; the status code of the answer is what counts.
    status: response.status,
    ...(problem?.detail !== undefined ? { detail: problem.detail } : {}),
    ...(problem?.instance !== undefined ? { instance: problem.instance } : {}),
    ...(problem?.errors !== undefined ? { errors: problem.errors } : {}),
    ...(retryAfter !== undefined ? { retryAfter } : {}),
  });
}

function isJson(contentType: string | null): boolean {
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  return mediaType === 'application/json' || mediaType.endsWith('+json');
}

function invalidArgument(detail: string): CpaasError {
  return new CpaasError({ type: SdkProblemType.InvalidArgument, title: 'Invalid argument', detail });
}
