/** App is the root component; the pages and the connection banner mount here. */
export function App() {
  return (
    <main className="app">
      <h1>Switchboard</h1>
      <p>Projects, agent sessions and shells, live over one typed WebSocket.</p>
    </main>
  );
}
