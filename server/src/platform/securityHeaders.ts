import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import helmet from '@fastify/helmet';
import type { App } from './http.ts';

/**
 * Security headers on every response — the console, the phone app, its service worker, the API's
 * JSON and problem+json, downloads and /api/docs (decision 013). `@fastify/helmet` writes them;
 * Permissions-Policy, which helmet leaves out, is added here.
 */

/**
 * CSP sources of the inline scripts of the built page: Vite's route preloader in index.html
 * (web/vite.config.ts). Read from the file served, so the policy always matches the build.
 */
export function inlineScriptHashes(html: string): string[] {
  const out: string[] = [];
  for (const [, attrs, body] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    if (/\bsrc\s*=/i.test(attrs!)) continue;
    out.push(`'sha256-${createHash('sha256').update(body!, 'utf8').digest('base64')}'`);
  }
  return out;
}

/**
 * Scripts only from this origin and the build's own inline script (by hash): an injected
 * `<script>`, event-handler attribute or `javascript:` URL does not run. Styles allow
 * 'unsafe-inline': Ant Design writes its CSS-in-JS into `<style>` elements at run time (a nonce
 * would need a per-response page, which the pre-compressed static page and the phone app's
 * offline shell cannot have). No framing, no plugins, no `<base>`, forms post only here.
 */
export function contentSecurityPolicy(scriptHashes: readonly string[]) {
  return {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", ...scriptHashes],
      scriptSrcAttr: ["'none'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      workerSrc: ["'self'"],
      manifestSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  };
}

/**
 * Browser features: geolocation for this origin (the phone app records an elder's home position);
 * no camera, microphone or other device access — nothing in the apps uses them (photos, when they
 * come, go through a file input, which needs no permission).
 */
export const PERMISSIONS_POLICY = [
  'geolocation=(self)',
  'camera=()',
  'microphone=()',
  'display-capture=()',
  'payment=()',
  'usb=()',
  'serial=()',
  'hid=()',
  'midi=()',
  'browsing-topics=()',
].join(', ');

export async function registerSecurityHeaders(app: App, webDist: string): Promise<void> {
  const index = join(webDist, 'index.html');
  const hashes = existsSync(index) ? inlineScriptHashes(readFileSync(index, 'utf8')) : [];
  await app.register(helmet, {
    contentSecurityPolicy: contentSecurityPolicy(hashes),
    frameguard: { action: 'deny' },
    // Same-origin requests keep their Referer and Origin; other sites learn nothing (URLs hold filters).
    referrerPolicy: { policy: 'same-origin' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
  app.addHook('onRequest', (_req, reply, done) => {
    void reply.header('permissions-policy', PERMISSIONS_POLICY);
    done();
  });
}
