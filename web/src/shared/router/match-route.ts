/** Route parameters taken from a path, e.g. `{ name: '示范省2025' }` for `/rules/:name`. */
export type RouteParams = Readonly<Record<string, string>>;

/**
 * Matches a path against a pattern of literal segments and `:name` parameters (decoded).
 *
 * @example
 * matchRoute('/rules/:name', '/rules/%E7%A4%BA%E8%8C%83') // { name: '示范' }
 * matchRoute('/rules/:name', '/rules')                     // null
 */
export function matchRoute(pattern: string, path: string): RouteParams | null {
  const want = segments(pattern);
  const have = segments(path);
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let index = 0; index < want.length; index += 1) {
    const expected = want[index] as string;
    const actual = have[index] as string;
    if (expected.startsWith(':')) {
      const decoded = safeDecode(actual);
      if (decoded === null || decoded === '') return null;
      params[expected.slice(1)] = decoded;
    } else if (expected !== actual) {
      return null;
    }
  }
  return params;
}

/** Builds a path from a pattern, encoding each parameter. */
export function buildPath(pattern: string, params: RouteParams = {}): string {
  return pattern.replace(/:(\w+)/g, (_whole, name: string) => encodeURIComponent(params[name] ?? ''));
}

function segments(path: string): string[] {
  return (
    path
      .split(/[?#]/)[0]
      ?.split('/')
      .filter((part) => part !== '') ?? []
  );
}

function safeDecode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
