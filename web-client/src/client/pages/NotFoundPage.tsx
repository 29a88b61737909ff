/** NotFoundPage answers a client-side route that does not exist. */
import { Link, useLocation } from "react-router-dom";
import { EmptyState } from "../components/PageStates";

export function NotFoundPage() {
  const { pathname } = useLocation();
  return (
    <EmptyState title="Page not found">
      <p>
        Nothing lives at <code>{pathname}</code>. <Link to="/projects">Go to the projects</Link>.
      </p>
    </EmptyState>
  );
}
