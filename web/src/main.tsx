import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createBrowserRouter, RouterProvider } from "react-router";
import { Layout } from "./components/Layout";
import { applyTheme } from "./lib/prefs";
import { SessionProvider } from "./lib/session";
import "./styles.css";

applyTheme();

// Every page is its own chunk: the lobby's first load carries only what the lobby needs.
const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      { path: "/", lazy: () => import("./routes/Lobby").then((m) => ({ Component: m.Lobby })) },
      {
        path: "/login",
        lazy: () => import("./routes/Login").then((m) => ({ Component: m.Login })),
      },
      {
        path: "/register",
        lazy: () => import("./routes/Register").then((m) => ({ Component: m.Register })),
      },
      {
        path: "/r/:roomId",
        lazy: () => import("./routes/Room").then((m) => ({ Component: m.Room })),
      },
      {
        path: "/u/:username",
        lazy: () => import("./routes/Profile").then((m) => ({ Component: m.Profile })),
      },
      {
        path: "/guest/:userId",
        lazy: () => import("./routes/Profile").then((m) => ({ Component: m.Profile })),
      },
      {
        path: "/settings",
        lazy: () => import("./routes/Settings").then((m) => ({ Component: m.Settings })),
      },
      {
        path: "*",
        lazy: () => import("./routes/NotFound").then((m) => ({ Component: m.NotFound })),
      },
    ],
  },
]);

const root = document.getElementById("root");
if (!root) throw new Error("#root missing from index.html");
createRoot(root).render(
  <StrictMode>
    <SessionProvider>
      <RouterProvider router={router} />
    </SessionProvider>
  </StrictMode>,
);

// The service worker (offline shell, update prompt) comes after the first paint; nothing waits.
if (import.meta.env.PROD) {
  addEventListener(
    "load",
    () => void import("./lib/pwa/register").then((m) => m.registerServiceWorker()),
    {
      once: true,
    },
  );
}
