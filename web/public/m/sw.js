/* global self, caches, Response, URL, fetch */
/*
 * Yiyang mobile service worker (scope /m/). Caches the app shell only:
 * - navigations under /m/: network first, cached shell when offline;
 * - hashed build assets (/assets/*): cache first (their names change per build);
 * - /api/* is never intercepted, so no personal data is stored by the worker.
 */
const SHELL_CACHE = 'yiyang-m-shell-v1';
const ASSET_CACHE = 'yiyang-m-assets-v1';
const SHELL = ['/m/', '/m/manifest.webmanifest', '/m/icon-192.png', '/m/icon-512.png', '/m/icon.svg'];
const MAX_ASSETS = 80;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(SHELL_CACHE)
      .then((c) => c.addAll(SHELL))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(keys.filter((k) => k !== SHELL_CACHE && k !== ASSET_CACHE).map((k) => caches.delete(k))),
      )
      .then(() => self.clients.claim()),
  );
});

async function trimAssets() {
  const cache = await caches.open(ASSET_CACHE);
  const keys = await cache.keys();
  for (const k of keys.slice(0, Math.max(0, keys.length - MAX_ASSETS))) await cache.delete(k);
}

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/')) return;

  if (req.mode === 'navigate' && url.pathname.startsWith('/m')) {
    event.respondWith(
      fetch(req)
        .then((res) => {
          if (res.ok) {
            const copy = res.clone();
            void caches.open(SHELL_CACHE).then((c) => c.put('/m/', copy));
          }
          return res;
        })
        .catch(() => caches.match('/m/').then((r) => r || Response.error())),
    );
    return;
  }

  if (url.pathname.startsWith('/assets/')) {
    event.respondWith(
      caches.match(req).then(
        (hit) =>
          hit ||
          fetch(req).then((res) => {
            if (res.ok) {
              const copy = res.clone();
              void caches
                .open(ASSET_CACHE)
                .then((c) => c.put(req, copy))
                .then(trimAssets);
            }
            return res;
          }),
      ),
    );
    return;
  }

  if (SHELL.includes(url.pathname)) {
    event.respondWith(caches.match(req).then((hit) => hit || fetch(req)));
  }
});
