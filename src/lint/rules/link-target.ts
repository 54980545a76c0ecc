import { existsSync } from 'node:fs';
import path from 'node:path';
import { defineRule, noOptions } from '../define.js';

/** A URL with a scheme (https:, mailto:), protocol-relative, or only a fragment: not a file here. */
const NOT_A_FILE = /^(?:[a-z][a-z0-9+.-]*:|\/\/|#)/i;

export default defineRule({
  meta: { id: 'link-target', severity: 'error', description: 'A relative link or image whose file does not exist.' },
  options: noOptions,
  docs: {
    rationale:
      'Images and relative links are resolved against the file that names them. A missing image leaves a hole in the PDF; a link to a missing file is a dead link in the published report. Web addresses are not checked: rendering never fetches anything.',
    incorrect: [{ title: 'A missing image', source: '![Timeline of the procedure](images/timeline.svg)\n', line: 1 }],
    correct: [
      {
        title: 'An image next to the report, and a web link',
        source: '![Timeline](images/timeline.svg)\n\nSee [the Directive](https://eur-lex.europa.eu/eli/dir/2016/943/oj).\n',
        files: { 'images/timeline.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>' },
      },
    ],
  },
  check({ report, emit }) {
    const exists = new Map<string, boolean>();
    for (const resource of report.resources) {
      const url = resource.url.trim();
      if (!url || NOT_A_FILE.test(url)) continue;
      let relative = url.replace(/[?#].*$/, '');
      try {
        relative = decodeURI(relative);
      } catch {
        // keep the raw form; a malformed escape simply will not match a file
      }
      if (!relative) continue;
      const abs = relative.startsWith('/')
        ? path.join(report.root, relative)
        : path.resolve(report.root, path.dirname(resource.source.file), relative);
      let found = exists.get(abs);
      if (found === undefined) exists.set(abs, (found = existsSync(abs)));
      if (!found) {
        const what = resource.kind === 'image' ? 'image' : 'link target';
        emit(`${what} \`${url}\` does not exist (looked for ${path.relative(report.root, abs) || abs}); paths are relative to the file that names them`, resource.source);
      }
    }
  },
});
