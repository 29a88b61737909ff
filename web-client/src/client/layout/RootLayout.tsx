/**
 * RootLayout frames every page: a skip link, the connection banner, the top bar and the page
 * itself; the dev tools are added when enabled.
 */
import { Link, NavLink, Outlet } from "react-router-dom";
import { ConnectionStatusBanner } from "../components/ConnectionStatusBanner";
import { DevToolsLoader } from "../components/DevToolsLoader";

export function RootLayout() {
  return (
    <div className="layout">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link to="/projects" className="topbar__brand">
          <span className="topbar__logo" aria-hidden="true" />
          Switchboard
        </Link>
        <nav aria-label="Main" className="topbar__nav">
          <NavLink to="/projects">Projects</NavLink>
        </nav>
        <ConnectionStatusBanner />
      </header>
      <main id="main" className="main" tabIndex={-1}>
        <Outlet />
      </main>
      <DevToolsLoader />
    </div>
  );
}
