/** HTTP response headers as extraction receives them: any case, single or repeated values. */
export type HttpHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

/** The first value of a header, looked up case-insensitively, or null. */
export function headerValue(headers: HttpHeaders | undefined, name: string): string | null {
  if (!headers) return null;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    const first = typeof value === 'string' ? value : value[0];
    return first ?? null;
  }
  return null;
}
