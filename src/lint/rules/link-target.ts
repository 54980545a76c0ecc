import { existsSync } from 'node:fs';
import { defineRule, noOptions } from '../define.js';

export default defineRule({
  meta: { id: 'link-target', severity: 'error', description: 'A relative link or image whose file does not exist.' },
  options: noOptions,
  docs: {
    rationale:
      'Images and relative links are resolved against the file that names them. A missing image leaves a hole in the PDF; a link to a missing file is a dead link in the published report. Web addresses are not checked: rendering never fetches anything.',
    incorrect: [{ title: 'A missing image', source: '![Timeline of the procedure](images/timeline.svg)\n', line: 1, output: ["1:1-1:50 image `images/timeline.svg` does not exist (looked for reports/example/images/timeline.svg); paths are relative to the file that names them"] }],
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
      // Resolved once by the loader: build embeds exactly what this checks.
      const target = resource.resolved;
      if (target.kind !== 'file') continue;
      const what = resource.kind === 'image' ? 'image' : 'link target';
      if (resource.kind === 'image' && !target.inside) {
        emit(`image \`${resource.url}\` is outside the workspace, so builds leave it out; keep images inside the report folder`, resource.source);
        continue;
      }
      let found = exists.get(target.path);
      if (found === undefined) exists.set(target.path, (found = existsSync(target.path)));
      if (!found) {
        emit(`${what} \`${resource.url.trim()}\` does not exist (looked for ${target.shown}); paths are relative to the file that names them`, resource.source);
      }
    }
  },
});
