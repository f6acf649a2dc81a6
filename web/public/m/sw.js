/* global self, caches, Response, URL, fetch */
/*
 * Yiyang mobile service worker (scope /m/). Caches the app shell only:
 * - navigations under /m/: network first, cached shell when offline;
 * - hashed build assets (/assets/*): cache first (their names change per build);
 * - /api/* is never intercepted, so no personal data is stored by the worker.
 */
const SHELL_CACHE = 'yiyang-m-shell-v2';
const ASSET_CACHE = 'yiyang-m-assets-v2';
const SHELL = ['/m/', '/m/manifest.webmanifest', '/m/icon-192.png', '/m/icon-512.png', '/m/icon.svg'];
// The mobile app's chunks (the assessment form must open offline after a reload).
const MAX_ASSETS = 150;

const isAsset = (u) => {
  try {
    const url = new URL(u, self.location.origin);
    return url.origin === self.location.origin && url.pathname.startsWith('/assets/');
  } catch {
    return false;
  }
};

async function cacheAssets(urls) {
  const cache = await caches.open(ASSET_CACHE);
  await Promise.all(
    [...new Set(urls.filter(isAsset))].map((u) =>
      cache.match(u).then((hit) => hit || cache.add(u).catch(() => undefined)),
    ),
  );
  await trimAssets();
}

// The shell and the hashed files it references, so /m opens without network.
async function precacheShell() {
  const shell = await caches.open(SHELL_CACHE);
  await shell.addAll(SHELL);
  const html = await (await shell.match('/m/')).text();
  await cacheAssets(html.match(/\/assets\/[^"'\s)]+/g) || []);
}

self.addEventListener('install', (event) => {
  event.waitUntil(precacheShell().then(() => self.skipWaiting()));
});

// The page lists the chunks it loaded before this worker controlled it.
self.addEventListener('message', (event) => {
  const d = event.data;
  if (d && d.type === 'cache-assets' && Array.isArray(d.urls)) event.waitUntil(cacheAssets(d.urls));
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
