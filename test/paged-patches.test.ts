import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pagedPolyfillPath } from '../src/pdf/assets.js';
import { patchedPagedBundle } from '../src/pdf/paged-patches.js';
import { tempWorkspaces } from './helpers.js';

const workspace = tempWorkspaces();

describe('the corrections to the Paged.js bundle', () => {
  it("apply to the installed Paged.js: the break's text node found by position, a continued node's offset from its end", () => {
    const bundle = patchedPagedBundle(pagedPolyfillPath()).toString('utf8');
    expect(bundle).toContain('const fromElement = (element, steps) =>');
    expect(bundle).toContain('node.textContent.endsWith(container.textContent) ? node.textContent.length - container.textContent.length');
    expect(bundle).not.toContain('\t\t\t\toffset += node.textContent.indexOf(container.textContent);');
  });

  it('stop the build with one line when the bundle is not the one corrected (Paged.js upgraded)', () => {
    const file = path.join(workspace(), 'paged.polyfill.js');
    writeFileSync(file, 'function indexOfTextNode(node, parent) { return -1; }\n');
    expect(() => patchedPagedBundle(file)).toThrow(
      `internal error: the Paged.js bundle (${file}) is not the one Rapporteur corrects (text node of a break found by position, not by content); reinstall with npm ci`,
    );
  });
});
