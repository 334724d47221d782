/** HTTP-date forms (IMF-fixdate, RFC 850, asctime) all start with the day name. */
const HTTP_DATE_START = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,? /;

/**
 * Parses an HTTP `Retry-After` header value (RFC 9110 §10.2.3) into whole seconds from `nowMs`:
 * either delay-seconds (`"120"`) or an HTTP-date (`"Wed, 21 Oct 2015 07:28:00 GMT"`, a date in
 * the past giving 0). Returns undefined when the header is absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number = Date.now()): number | undefined {
  if (value == null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  // Anything else is not trusted to Date.parse, which would read e.g. "-5" as the year -5.
  if (!HTTP_DATE_START.test(trimmed)) return undefined;
  const dateMs = Date.parse(trimmed);
  if (Number.isNaN(dateMs)) return undefined;
  return Math.max(0, Math.ceil((dateMs - nowMs) / 1000));
}
