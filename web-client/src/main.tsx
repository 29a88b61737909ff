import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./client/App";
import "./index.css";

const root = document.getElementById("root");
if (root === null) {
  throw new Error('index.html has no <div id="root">: the app has nowhere to mount.');
}

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
