/** Talks to the running server as a demo user, to set up what a test needs through the real API. */
export async function tokenFor(baseUrl: string, user: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/dev/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user }),
  });
  if (!response.ok) throw new Error(`login as ${user}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

export async function call(
  baseUrl: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? null : (JSON.parse(text) as unknown) };
}

/** Calls and insists on one of the expected statuses. */
export async function expectCall(
  expected: readonly number[],
  ...args: Parameters<typeof call>
): Promise<unknown> {
  const answer = await call(...args);
  if (!expected.includes(answer.status)) {
    throw new Error(
      `${args[2]} ${args[3]}: expected ${expected.join('/')}, got ${answer.status} ${JSON.stringify(answer.body)}`,
    );
  }
  return answer.body;
}
