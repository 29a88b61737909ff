/**
 * Signing in with the token the server prints at start-up (`/?token=...`): the token is
 * exchanged for an HttpOnly session cookie and taken out of the address bar, so it never stays
 * in history or bookmarks. Everything after that (REST and `/ws`) rides on the cookie.
 */

/** The query parameter carrying the start-up token. */
export const TOKEN_PARAM = "token";

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** The token in `href`, and the same URL without it. */
export function takeStartupToken(href: string): { token: string | null; cleanUrl: string } {
  const url = new URL(href);
  const token = url.searchParams.get(TOKEN_PARAM);
  url.searchParams.delete(TOKEN_PARAM);
  return { token: token === null || token.trim() === "" ? null : token.trim(), cleanUrl: url.href };
}

/** Exchanges `token` for the session cookie; throws with the server's explanation if refused. */
export async function signIn(token: string, fetchFn: Fetch = fetch): Promise<void> {
  const response = await fetchFn("/api/auth/session", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ token }),
  });
  if (!response.ok) {
    throw new Error(await errorMessage(response));
  }
}

/** Whether the session cookie is valid: true for 200, false for 401; throws otherwise. */
export async function isSignedIn(fetchFn: Fetch = fetch): Promise<boolean> {
  const response = await fetchFn("/api/auth/me");
  if (response.status === 401) {
    return false;
  }
  if (!response.ok) {
    throw new Error(await errorMessage(response));
  }
  return true;
}

/**
 * On page load: exchange a `?token=` for the cookie (removing it from the address bar whether
 * or not the server accepts it), then ask whether the session is valid.
 */
export async function signInFromAddressBar(
  location: Pick<Location, "href">,
  history: Pick<History, "replaceState">,
  fetchFn: Fetch = fetch,
): Promise<boolean> {
  const { token, cleanUrl } = takeStartupToken(location.href);
  if (token !== null) {
    history.replaceState(null, "", cleanUrl);
    try {
      await signIn(token, fetchFn);
    } catch {
      // A stale link: the form below says what to paste instead.
    }
  }
  return isSignedIn(fetchFn);
}

async function errorMessage(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { message?: unknown };
    if (typeof body.message === "string") {
      return body.message;
    }
  } catch {
    // not JSON: fall through to the status line
  }
  return `The server answered ${response.status} ${response.statusText}.`;
}
