/**
 * PWA wiring for the mobile app only: the manifest link and the service worker
 * are added when /m loads, so the desktop console is never controlled by it.
 */
export function setupPwa(): void {
  if (!document.querySelector('link[rel="manifest"]')) {
    const link = document.createElement('link');
    link.rel = 'manifest';
    link.href = '/m/manifest.webmanifest';
    document.head.appendChild(link);
    const apple = document.createElement('link');
    apple.rel = 'apple-touch-icon';
    apple.href = '/m/icon-192.png';
    document.head.appendChild(apple);
  }
  // Dev builds change on every save; caching them would only confuse.
  if (import.meta.env.PROD && 'serviceWorker' in navigator) {
    navigator.serviceWorker
      .register('/m/sw.js', { scope: '/m/' })
      .then(() => navigator.serviceWorker.ready)
      .then((reg) => reg.active?.postMessage({ type: 'cache-assets', urls: loadedAssets() }))
      .catch((e: unknown) => {
        console.warn('service worker registration failed', e);
      });
  }
}

/** Hashed build files this page has loaded so far (cached by the worker for offline starts). */
function loadedAssets(): string[] {
  return performance
    .getEntriesByType('resource')
    .map((e) => e.name)
    .filter((n) => new URL(n).pathname.startsWith('/assets/'));
}

/** Asks the worker to keep the chunks loaded so far (after opening a page that must work offline). */
export function keepLoadedAssets(): void {
  if (import.meta.env.PROD && 'serviceWorker' in navigator)
    void navigator.serviceWorker.ready.then((reg) =>
      reg.active?.postMessage({ type: 'cache-assets', urls: loadedAssets() }),
    );
}
