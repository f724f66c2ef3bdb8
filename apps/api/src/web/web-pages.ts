import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { APP_CONFIG, AppConfig, SECRET_IN_PATH } from '@app/core';

/**
 * The pages of the web front end (apps/web, ADR 0021): the browser's router shows the right screen, so every one of
 * these paths answers the same index.html. Everything else keeps its own answer (an unknown path is still a 404
 * problem, not a page).
 */
const WEB_PAGE_PATHS = ['/', '/track', '/visits', '/visits/*', '/staff', '/staff/*'];
const WEB_ASSETS_PREFIX = '/assets/';

/**
 * The pages' content security policy: scripts, styles and data from this origin only, nothing inline (Vite's build
 * emits none), no framing. It replaces, on the pages alone, the api's `default-src 'none'` (set on every answer).
 */
const WEB_PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/**
 * Serves the built front end: hashed assets cached for a year, the page itself revalidated each time (a new release
 * is picked up at once). Without a build (`npm run web:build`) only the API is served, and the log says so.
 */
export function mountWebPages(app: NestFastifyApplication): void {
  const { webRoot } = app.get<AppConfig>(APP_CONFIG);
  const fastify = app.getHttpAdapter().getInstance();
  let page: string;
  try {
    page = readFileSync(join(webRoot, 'index.html'), 'utf8');
  } catch {
    fastify.log.warn({ webRoot }, 'No web front end built (npm run web:build): only the API is served');
    return;
  }
  void fastify.register(fastifyStatic, {
    root: join(webRoot, 'assets'),
    prefix: WEB_ASSETS_PREFIX,
    decorateReply: false,
    immutable: true,
    maxAge: '365d',
    index: false,
    wildcard: false,
  });
  for (const url of WEB_PAGE_PATHS) {
    // The request log names the page's pattern (`/visits/*`), never the path typed: it may hold a code.
    fastify.get(url, { config: { [SECRET_IN_PATH]: true } }, (_request, reply) => {
      void reply
        .headers({ 'Cache-Control': 'no-cache', 'Content-Security-Policy': WEB_PAGE_CSP })
        .type('text/html; charset=utf-8')
        .send(page);
    });
  }
}
