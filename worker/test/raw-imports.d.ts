/** Vite's `?raw` suffix imports a file's text (used to check docs against the schemas). */
declare module "*?raw" {
  const text: string;
  export default text;
}
