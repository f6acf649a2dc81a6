import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Writes .br and .gz beside every text asset so the API server sends them
 * pre-compressed (@fastify/static preCompressed): no compression work per request.
 */
function precompress(): Plugin {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((f) => {
      const p = join(dir, f);
      return statSync(p).isDirectory() ? walk(p) : [p];
    });
  return {
    name: 'yiyang-precompress',
    apply: 'build',
    closeBundle() {
      for (const file of walk('dist')) {
        if (!/\.(js|css|html|svg|json|webmanifest)$/.test(file) || statSync(file).size < 1024) continue;
        const data = readFileSync(file);
        writeFileSync(`${file}.gz`, gzipSync(data, { level: 9 }));
        writeFileSync(
          `${file}.br`,
          brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
        );
      }
    },
  };
}

// The API server serves `dist/` in production; in development Vite proxies the API
// (including the realtime WebSocket) to it.
/**
 * Route-aware preloading: the first page's lazy chunk and everything it
 * imports start downloading with the entry instead of after React renders
 * (one round trip and one script evaluation less before the page is usable).
 */
function preloadRouteChunks(routes: Record<string, string[]>): Plugin {
  return {
    name: 'yiyang-route-preload',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const bundle = ctx.bundle;
        if (!bundle) return html;
        const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
        const byModule = (suffix: string) => chunks.find((c) => c.facadeModuleId?.endsWith(suffix));
        const entry = chunks.find((c) => c.isEntry);
        const inEntry = new Set<string>([entry?.fileName ?? '', ...(entry?.imports ?? [])]);
        const files = (suffixes: string[]) => {
          const out = new Set<string>();
          const visit = (fileName: string) => {
            if (out.has(fileName) || inEntry.has(fileName)) return;
            out.add(fileName);
            const c = bundle[fileName];
            if (c && c.type === 'chunk') c.imports.forEach(visit);
          };
          for (const s of suffixes) {
            const c = byModule(s);
            if (c) visit(c.fileName);
          }
          return [...out];
        };
        const map = Object.fromEntries(Object.entries(routes).map(([k, v]) => [k, files(v)]));
        const script = `(function(){var m=${JSON.stringify(map)};var p=location.pathname;var k=p.indexOf('/m')===0?'mobile':p.indexOf('/login')===0?'login':'console';(m[k]||[]).forEach(function(f){var l=document.createElement('link');l.rel='modulepreload';l.href='/'+f;document.head.appendChild(l)})})();`;
        return { html, tags: [{ tag: 'script', children: script, injectTo: 'head-prepend' }] };
      },
    },
  };
}

export default defineConfig({
  plugins: [
    react(),
    preloadRouteChunks({
      login: ['src/modules/auth/LoginPage.tsx'],
      console: ['src/modules/layout/ConsoleApp.tsx', 'src/modules/home/HomePage.tsx'],
      mobile: ['src/mobile/MobileApp.tsx', 'src/mobile/MobileLogin.tsx', 'src/mobile/MobileHome.tsx'],
    }),
    precompress(),
  ],
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false, ws: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // dist/.vite/manifest.json: lets scripts/first-load-size.mjs measure what a page loads.
    manifest: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        // Stable vendor chunks so a deploy that only touches app code keeps the
        // browser cache warm; everything page-specific stays in lazy route chunks.
        // antd and antd-mobile are left to automatic splitting so the login page only
        // pulls the components it renders.
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/,
              priority: 30,
            },
            { name: 'i18n', test: /node_modules[\\/](i18next|react-i18next)[\\/]/, priority: 30 },
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 30 },
          ],
        },
      },
    },
  },
});
