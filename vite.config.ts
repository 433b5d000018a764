import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

/**
 * The entry starts the page in stages of dynamic imports (web/src/main.tsx); their chunks are
 * preloaded with the page, so each stage finds its code already fetched (three more round trips
 * on a phone's network otherwise), and their stylesheets linked. Lazy parts (the charts' code,
 * other pages) are not preloaded.
 */
function preloadEntryStages(): Plugin {
  return {
    name: "preload-entry-stages",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler(html, { bundle, chunk }) {
        if (!bundle || !chunk) return html;
        const files = new Set<string>();
        const add = (file: string) => {
          const next = bundle[file];
          if (files.has(file) || !next || next.type !== "chunk") return;
          files.add(file);
          for (const imported of next.imports) add(imported);
        };
        for (const file of chunk.dynamicImports) add(file);
        // What the entry imports statically is preloaded by Vite already.
        for (const file of [chunk.fileName, ...chunk.imports]) files.delete(file);
        // Their stylesheets too, in the head like the entry's: the page the server renders is
        // styled before any script runs.
        const styles = new Set(
          [...files].flatMap((file) => {
            const staged = bundle[file];
            return staged?.type === "chunk" ? [...(staged.viteMetadata?.importedCss ?? [])] : [];
          }),
        );
        const links = [
          ...[...styles].map((file) => `<link rel="stylesheet" crossorigin href="/${file}">`),
          ...[...files].map((file) => `<link rel="modulepreload" crossorigin href="/${file}">`),
        ].join("\n    ");
        return links ? html.replace("</head>", `  ${links}\n  </head>`) : html;
      },
    },
  };
}

export default defineConfig({
  root: "web",
  plugins: [react(), preloadEntryStages()],
  build: { outDir: "dist", emptyOutDir: true },
  server: { proxy: { "/api": `http://localhost:${process.env.PORT ?? 8787}` } },
});
