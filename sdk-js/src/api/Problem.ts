/** The media type of an RFC 9457 problem document. */
export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

/** One invalid field of a request, as listed in a problem's `errors`. */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}

/**
 * An RFC 9457 problem document: what every CPaaS service answers with when a request fails.
 * `type` is a stable URI per failure a caller can act on (e.g. `urn:cpaas:problem:unauthenticated`).
 */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status?: number;
  readonly detail?: string;
  readonly instance?: string;
  readonly errors?: readonly FieldError[];
}

/**
 * Reads a problem document out of a parsed JSON body. Members with the wrong type are ignored,
 * as RFC 9457 asks; a missing `type` means `about:blank`. Returns null when `body` is not an
 * object at all.
 */
export function parseProblem(body: unknown): Problem | null {
  if (!isRecord(body)) return null;
  const { type, title, status, detail, instance, errors } = body;
  const fieldErrors = Array.isArray(errors) ? errors.filter(isFieldError) : [];
  return {
    type: typeof type === 'string' && type !== '' ? type : 'about:blank',
    title: typeof title === 'string' ? title : '',
    ...(typeof status === 'number' && Number.isInteger(status) ? { status } : {}),
    ...(typeof detail === 'string' ? { detail } : {}),
    ...(typeof instance === 'string' ? { instance } : {}),
    ...(fieldErrors.length > 0 ? { errors: fieldErrors } : {}),
  };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFieldError(value: unknown): value is FieldError {
  return isRecord(value) && typeof value['field'] === 'string' && typeof value['message'] === 'string';
}
