/** Every /api/* request, WebSocket upgrades included, goes to the chat Worker unchanged. */
export function onRequest(context: { request: Request; env: { API: Fetcher } }) {
  return context.env.API.fetch(context.request);
}
