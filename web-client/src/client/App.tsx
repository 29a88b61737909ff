import { useState } from "react";
import { createBrowserRouter, RouterProvider } from "react-router-dom";
import { Toaster } from "sonner";
import { SignInGate } from "./auth/SignInGate";
import { UiConfigProvider } from "./providers/UiConfigProvider";
import { WebSocketProvider } from "./providers/WebSocketProvider";
import { routes } from "./routes";

/**
 * App is the root: sign-in first, then the live connection, the server's UI settings and the
 * routed pages (whose layout carries the connection banner on every page).
 */
export function App() {
  const [router] = useState(() => createBrowserRouter(routes));
  return (
    <>
      <SignInGate>
        <WebSocketProvider>
          <UiConfigProvider>
            <RouterProvider router={router} />
          </UiConfigProvider>
        </WebSocketProvider>
      </SignInGate>
      <Toaster richColors closeButton position="bottom-left" />
    </>
  );
}
