import { defineConfig } from "vite";

/**
 * The console is served by the API itself under /app (packages/functions/src/api/console.ts), so
 * every asset is ours and same-origin. Hashed file names let the server mark assets immutable.
 * JSX is compiled by Vite's own transformer (automatic runtime): no plugin needed for a build.
 */
export default defineConfig({
  root: import.meta.dirname,
  base: "/app/",
  publicDir: false,
  build: {
    outDir: "dist",
    emptyOutDir: true,
    assetsDir: "assets",
    target: "es2022",
    sourcemap: false,
    // Screens are loaded when first opened; the initial load is the shell and the sign-in.
    modulePreload: { polyfill: false },
  },
  oxc: { jsx: { runtime: "automatic", importSource: "react" } },
});
