// A style sheet imported as text (esbuild's text loader, scripts/build-extension.mjs): the
// content script puts extension/shared/type.css into its shadow roots.
declare module '*.css' {
  const text: string;
  export default text;
}
