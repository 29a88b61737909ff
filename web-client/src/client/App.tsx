import { Toaster } from "sonner";
import { SignInGate } from "./auth/SignInGate";
import { ConnectionStatusBanner } from "./components/ConnectionStatusBanner";
import { WebSocketProvider } from "./providers/WebSocketProvider";

/** App is the root layout: sign-in, then the live connection, its banner and the pages. */
export function App() {
  return (
    <>
      <SignInGate>
        <WebSocketProvider>
          <ConnectionStatusBanner />
          <main className="app">
            <h1>Switchboard</h1>
            <p>Projects, agent sessions and shells, live over one typed WebSocket.</p>
          </main>
        </WebSocketProvider>
      </SignInGate>
      <Toaster richColors closeButton position="bottom-right" />
    </>
  );
}
