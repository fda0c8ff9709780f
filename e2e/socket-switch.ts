import type { Page, WebSocketRoute } from "playwright-core";

/**
 * Puts the page's room sockets behind a switch (Playwright's WebSocket routing), so a test can
 * cut the connection and keep the room unreachable without touching the shared server. Call
 * before the page opens the room.
 */
export async function socketSwitch(page: Page) {
  const open: WebSocketRoute[] = [];
  let reachable = true;
  await page.routeWebSocket(/\/api\/rooms\/[^/]+\/ws/, (ws) => {
    if (!reachable) {
      // As if the server were down: the attempt ends at once, the client backs off and retries.
      void ws.close({ code: 1011, reason: "unreachable (test)" });
      return;
    }
    ws.connectToServer();
    open.push(ws);
  });
  return {
    /** Drops every open room socket; new attempts fail until `restore`. */
    async cut() {
      reachable = false;
      for (const ws of open.splice(0)) await ws.close({ code: 1011, reason: "cut (test)" });
    },
    restore() {
      reachable = true;
    },
  };
}
