/**
 * SignInGate renders its children once the browser holds a valid session cookie. On load it
 * exchanges a start-up `?token=` for the cookie; without a valid session it shows a form to
 * paste a token instead of connecting.
 */
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from "react";
import { signIn, signInFromAddressBar } from "./session";

type Status = "checking" | "signed-in" | "signed-out" | { failed: string };

export function SignInGate({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<Status>("checking");
  // Kept in a ref so that StrictMode's second effect run awaits the same exchange instead of
  // racing it with a cookie check (the token is already gone from the address bar by then).
  const check = useRef<Promise<boolean> | null>(null);

  useEffect(() => {
    let current = true;
    check.current ??= signInFromAddressBar(window.location, window.history);
    check.current.then(
      (signedIn) => current && setStatus(signedIn ? "signed-in" : "signed-out"),
      (error: unknown) => current && setStatus({ failed: String(error) }),
    );
    return () => {
      current = false;
    };
  }, []);

  if (status === "signed-in") {
    return children;
  }
  if (status === "checking") {
    return <p className="sign-in__checking">Checking your session…</p>;
  }
  if (status === "signed-out") {
    return <SignInForm onSignedIn={() => setStatus("signed-in")} />;
  }
  return (
    <p role="alert" className="sign-in__error">
      Could not reach the server: {status.failed} Reload the page once it is running.
    </p>
  );
}

function SignInForm({ onSignedIn }: { onSignedIn: () => void }) {
  const [token, setToken] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    signIn(token.trim()).then(onSignedIn, (failure: unknown) => {
      setError(failure instanceof Error ? failure.message : String(failure));
      setBusy(false);
    });
  };

  return (
    <form className="sign-in" onSubmit={submit}>
      <h2>Sign in</h2>
      <p>
        Paste the token from the URL the server printed at start-up (
        <code>http://127.0.0.1:8080/?token=…</code>), or open that URL.
      </p>
      <label htmlFor="sign-in-token">Token</label>
      <input
        id="sign-in-token"
        type="password"
        autoComplete="off"
        value={token}
        onChange={(event) => setToken(event.target.value)}
        required
      />
      {error !== null && (
        <p role="alert" className="sign-in__error">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy || token.trim() === ""}>
        {busy ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
