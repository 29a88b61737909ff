/**
 * The client-side routes. The server answers every one of these paths with index.html (its SPA
 * fallback), so a reload or a shared link opens the same page.
 */
import { Fragment, lazy, type ReactNode, Suspense } from "react";
import { Navigate, type RouteObject, useLocation } from "react-router-dom";
import { Loading } from "./components/PageStates";
import { RootLayout } from "./layout/RootLayout";
import { NotFoundPage } from "./pages/NotFoundPage";
import { ProjectPage } from "./pages/projects/ProjectPage";
import { ProjectsPage } from "./pages/projects/ProjectsPage";
import { SessionPage } from "./pages/projects/sessions/SessionPage";

// xterm.js is big and only the shell page needs it.
const ShellPage = lazy(() => import("./pages/projects/shell/ShellPage"));

/**
 * Mounts a page afresh for every path, so that going from one session to another (back and
 * forward) never shows the previous one's state while the next one loads.
 */
function PerPath({ children }: { children: ReactNode }) {
  return <Fragment key={useLocation().pathname}>{children}</Fragment>;
}

export const routes: RouteObject[] = [
  {
    path: "/",
    element: <RootLayout />,
    children: [
      { index: true, element: <Navigate to="/projects" replace /> },
      { path: "projects", element: <ProjectsPage /> },
      {
        path: "projects/:projectId",
        element: (
          <PerPath>
            <ProjectPage />
          </PerPath>
        ),
      },
      {
        path: "projects/:projectId/sessions/:sessionId",
        element: (
          <PerPath>
            <SessionPage />
          </PerPath>
        ),
      },
      {
        path: "projects/:projectId/shells/:shellId",
        element: (
          <Suspense fallback={<Loading label="Loading the terminal…" />}>
            <PerPath>
              <ShellPage />
            </PerPath>
          </Suspense>
        ),
      },
      { path: "*", element: <NotFoundPage /> },
    ],
  },
];
