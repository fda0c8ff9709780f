import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createBrowserRouter, RouterProvider } from "react-router";
import { Layout } from "./components/Layout";
import { SessionProvider } from "./lib/session";
import "./styles.css";

const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      { path: "/", lazy: () => import("./routes/Lobby").then((m) => ({ Component: m.Lobby })) },
      {
        path: "/r/:roomId",
        lazy: () => import("./routes/Room").then((m) => ({ Component: m.Room })),
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
