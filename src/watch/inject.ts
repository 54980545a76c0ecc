import type { VFileMessage } from 'vfile-message';
import { escapeHtml } from '../render/template.js';
import { formatProblem } from '../util/problems.js';

/**
 * What the preview server adds to a page, and only to the page it serves: a tiny live-reload
 * client and the problems overlay. Built files never contain either (the builder never calls this).
 */
export const CLIENT_PATH = '/__rapporteur/client.js';
export const EVENTS_PATH = '/__rapporteur/events';

/** Reloads the page when the server says the report was rebuilt; reconnects after a restart. */
export const CLIENT_SCRIPT = `(() => {
  const me = document.currentScript;
  const revision = me && me.dataset.revision;
  const events = new EventSource(${JSON.stringify(EVENTS_PATH)});
  events.addEventListener('revision', (event) => {
    if (event.data !== revision) location.reload();
  });
  const close = document.getElementById('rapporteur-overlay-close');
  if (close) close.addEventListener('click', () => document.getElementById('rapporteur-overlay').remove());
})();
`;

const OVERLAY_CSS = `
#rapporteur-overlay{position:fixed;z-index:2147483647;right:1rem;bottom:1rem;max-width:min(46rem,calc(100vw - 2rem));max-height:60vh;overflow:auto;
background:#fff;color:#1a1a1a;border:1px solid #bbb;border-radius:6px;box-shadow:0 4px 24px rgba(0,0,0,.25);font:13px/1.45 system-ui,sans-serif;text-align:left}
#rapporteur-overlay.has-errors{border-color:#b3261e}
#rapporteur-overlay summary{cursor:pointer;padding:.5rem .75rem;font-weight:600;list-style-position:inside}
#rapporteur-overlay.has-errors summary{background:#b3261e;color:#fff}
#rapporteur-overlay.warnings-only summary{background:#fff4d6}
#rapporteur-overlay ol{margin:0;padding:.25rem .75rem .75rem 2rem}
#rapporteur-overlay li{margin:.35rem 0}
#rapporteur-overlay code{font:12px ui-monospace,monospace;color:#555}
#rapporteur-overlay .error{color:#b3261e;font-weight:600}
#rapporteur-overlay .warning{color:#8a5a00;font-weight:600}
#rapporteur-overlay button{float:right;margin:.35rem .5rem;border:0;background:none;font-size:16px;cursor:pointer;color:inherit}
@media print{#rapporteur-overlay{display:none}}
`;

export interface OverlayState {
  problems: VFileMessage[];
  /** True when the last save could not be built and the page shown is an older one. */
  stale: boolean;
  /** True when there is no good page at all yet. */
  empty: boolean;
}

export function overlayHtml(state: OverlayState): string {
  const { problems } = state;
  if (problems.length === 0 && !state.stale) return '';
  const errors = problems.filter((p) => p.fatal).length;
  const warnings = problems.length - errors;
  const counts = [errors ? `${errors} error${errors > 1 ? 's' : ''}` : '', warnings ? `${warnings} warning${warnings > 1 ? 's' : ''}` : '']
    .filter(Boolean)
    .join(', ');
  const headline = state.empty
    ? `The report cannot be shown yet: ${counts}`
    : state.stale
      ? `The last save has ${counts}; showing the last good version`
      : counts;
  const items = problems
    .map((p) => {
      const severity = p.fatal ? 'error' : 'warning';
      const where = `${p.file || ''}:${p.line ?? 1}:${p.column ?? 1}`;
      return `<li><span class="${severity}">${severity}</span> <code>${escapeHtml(where)}</code> ${escapeHtml(p.reason)}${
        p.ruleId ? ` <code>${escapeHtml(p.ruleId)}</code>` : ''
      }</li>`;
    })
    .join('');
  const cls = errors || state.stale ? 'has-errors' : 'warnings-only';
  // Errors are open at once; warnings start folded so they do not cover the text being read.
  return `<style>${OVERLAY_CSS}</style><aside id="rapporteur-overlay" class="${cls}" role="status" aria-live="polite"><button type="button" id="rapporteur-overlay-close" aria-label="Hide">×</button><details${
    errors || state.stale ? ' open' : ''
  }><summary>${escapeHtml(headline)}</summary><ol>${items}</ol></details></aside>`;
}

/** The served page: the built HTML with the overlay and the reload client before `</body>`. */
export function injectPreview(html: string, state: OverlayState, revision: number): string {
  const addition = `${overlayHtml(state)}<script src="${CLIENT_PATH}" data-revision="${revision}"></script>\n`;
  const at = html.lastIndexOf('</body>');
  return at === -1 ? html + addition : html.slice(0, at) + addition + html.slice(at);
}

/** A page for when no good build exists yet (the very first build failed). */
export function placeholderPage(title: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} — not built yet</title></head><body style="font:16px system-ui,sans-serif;margin:3rem"><h1>${escapeHtml(
    title,
  )}</h1><p>The report has errors and has not been built yet. Fix them and save: this page reloads by itself.</p></body></html>`;
}

export function terminalLines(problems: VFileMessage[]): string[] {
  return problems.map(formatProblem);
}
