import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { editionLabel, editionsOf } from '../render/editions.js';
import { escapeHtml } from '../render/template.js';
import { UserError } from '../util/problems.js';
import { CLIENT_PATH, CLIENT_SCRIPT, EVENTS_PATH, injectPreview, placeholderPage } from './inject.js';
import type { WatchSession } from './session.js';

export const HOST = '127.0.0.1';
/** Tried first so that a browser tab survives a restart of watch; any free port otherwise. */
export const PREFERRED_PORT = 4321;

export interface PreviewServer {
  url: string;
  port: number;
  /** Tells every open page that a new revision exists. */
  announce(): void;
  close(): Promise<void>;
}

/**
 * The preview: pages from memory, on the loopback interface only. It answers only to requests
 * addressed to localhost (so a web page cannot reach it through DNS rebinding), never writes a
 * file, and adds the reload client and overlay to what it serves, nothing to what build writes.
 */
export async function startPreviewServer(session: WatchSession, options: { port?: number } = {}): Promise<PreviewServer> {
  const clients = new Set<ServerResponse>();
  const server = createServer((request, response) => {
    // Any web page can send requests here: no URL, header or method may end the preview.
    try {
      handle(session, clients, request, response);
    } catch {
      if (!response.headersSent) send(response, 400, 'text/plain; charset=utf-8', 'bad request\n');
      else response.end();
    }
  });
  const port = await listen(server, options.port);
  const heartbeat = setInterval(() => {
    for (const client of clients) client.write(': ping\n\n');
  }, 20_000);
  heartbeat.unref();
  return {
    url: `http://${HOST}:${port}/`,
    port,
    announce() {
      for (const client of clients) client.write(`event: revision\ndata: ${session.revision}\n\n`);
    },
    close() {
      clearInterval(heartbeat);
      for (const client of clients) client.end();
      clients.clear();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function listen(server: Server, port: number | undefined): Promise<number> {
  const attempt = (p: number) =>
    new Promise<number>((resolve, reject) => {
      const onError = (error: NodeJS.ErrnoException) => {
        server.off('listening', onListening);
        reject(error);
      };
      const onListening = () => {
        server.off('error', onError);
        resolve((server.address() as AddressInfo).port);
      };
      server.once('error', onError);
      server.once('listening', onListening);
      server.listen(p, HOST);
    });
  if (port !== undefined) {
    return attempt(port).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') throw new UserError(`port ${port} is in use; choose another with --port, or leave --port out to get a free one`);
      if (error.code === 'EACCES') throw new UserError(`port ${port} needs privileges; choose one above 1024`);
      throw error;
    });
  }
  return attempt(PREFERRED_PORT).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE' || error.code === 'EACCES') return attempt(0);
    throw error;
  });
}

function isLocalHost(host: string | undefined): boolean {
  if (!host) return false;
  const name = host.replace(/:\d+$/, '');
  return name === '127.0.0.1' || name === 'localhost' || name === '[::1]';
}

function send(response: ServerResponse, status: number, type: string, body: string, head = false): void {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  response.end(head ? undefined : body);
}

function handle(session: WatchSession, clients: Set<ServerResponse>, request: IncomingMessage, response: ServerResponse): void {
  if (!isLocalHost(request.headers.host)) return send(response, 403, 'text/plain; charset=utf-8', 'rapporteur watch answers only to localhost\n');
  if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'text/plain; charset=utf-8', 'only GET\n');
  const head = request.method === 'HEAD';
  const url = parseUrl(request.url);
  if (!url) return send(response, 400, 'text/plain; charset=utf-8', 'bad request\n', head);
  const html = 'text/html; charset=utf-8';

  if (url.pathname === CLIENT_PATH) return send(response, 200, 'text/javascript; charset=utf-8', CLIENT_SCRIPT, head);
  if (url.pathname === EVENTS_PATH) {
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    // The page compares this with the revision it was served at: a save made meanwhile still reloads it.
    response.write(`retry: 500\nevent: revision\ndata: ${session.revision}\n\n`);
    clients.add(response);
    request.on('close', () => clients.delete(response));
    return;
  }
  if (url.pathname === '/favicon.ico') return send(response, 204, 'text/plain', '', true);

  const slugs = [...session.reports.keys()];
  const parts = url.pathname.split('/').filter(Boolean).map(decodeSegment);
  if (parts.some((part) => part === undefined)) return send(response, 400, 'text/plain; charset=utf-8', 'bad request: malformed percent-escape\n', head);
  if (parts.length === 0) {
    if (slugs.length === 1) return send(response, 200, html, reportPage(session, slugs[0], undefined), head);
    return send(response, 200, html, indexPage(session), head);
  }
  const [slug, edition] = parts as string[];
  if (!session.reports.has(slug) || parts.length > 2) {
    return send(response, 404, html, injectPreview(notFound(url.pathname, slugs), { problems: [], stale: false, empty: false }, session.revision), head);
  }
  if (!url.pathname.endsWith('/')) {
    response.writeHead(302, { location: `${url.pathname}/`, 'cache-control': 'no-store' });
    return void response.end();
  }
  const body = reportPage(session, slug, edition);
  return send(response, body ? 200 : 404, html, body ?? notFound(url.pathname, slugs), head);
}

/** The request's URL, or undefined when it cannot be one (a request target is not always a path). */
function parseUrl(target: string | undefined): URL | undefined {
  try {
    return new URL(target ?? '/', 'http://localhost');
  } catch {
    return undefined;
  }
}

/** One path segment decoded, or undefined for a malformed escape such as `%E0%A4%A`. */
function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function reportPage(session: WatchSession, slug: string, edition: string | undefined): string {
  const watched = session.reports.get(slug)!;
  const page = session.page(slug, edition);
  const state = { problems: watched.problems, stale: watched.stale, empty: !page };
  if (!page && watched.report && edition) return injectPreview(notFound(`/${slug}/${edition}/`, [slug]), state, session.revision);
  return injectPreview(page ?? placeholderPage(watched.title), state, session.revision);
}

function indexPage(session: WatchSession): string {
  const rows = [...session.reports.values()]
    .map((w) => {
      const errors = w.problems.filter((p) => p.fatal).length;
      const warnings = w.problems.length - errors;
      const state = errors ? `${errors} error${errors > 1 ? 's' : ''}` : warnings ? `${warnings} warning${warnings > 1 ? 's' : ''}` : 'no problems';
      const editions = w.report
        ? editionsOf(w.report)
            .map((e) => `<a href="/${encodeURIComponent(w.target.slug)}/${e === 'full' ? '' : `${encodeURIComponent(e)}/`}">${escapeHtml(editionLabel(e))}</a>`)
            .join(' · ')
        : '';
      return `<li><a href="/${encodeURIComponent(w.target.slug)}/"><strong>${escapeHtml(w.title)}</strong></a> <code>${escapeHtml(w.target.slug)}</code> — ${escapeHtml(
        state,
      )}${editions ? `<br><small>${editions}</small>` : ''}</li>`;
    })
    .join('\n');
  const problems = [...session.reports.values()].flatMap((w) => w.problems);
  const page = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Reports — Rapporteur preview</title></head><body style="font:16px/1.5 system-ui,sans-serif;margin:3rem;max-width:50rem"><h1>Reports</h1><ul>${rows}</ul></body></html>`;
  return injectPreview(page, { problems, stale: false, empty: false }, session.revision);
}

function notFound(pathname: string, slugs: string[]): string {
  const links = slugs.map((s) => `<li><a href="/${encodeURIComponent(s)}/">${escapeHtml(s)}</a></li>`).join('');
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Not found</title></head><body style="font:16px system-ui,sans-serif;margin:3rem"><h1>Nothing at ${escapeHtml(
    pathname,
  )}</h1><p>Watched reports:</p><ul>${links}</ul></body></html>`;
}
