import { readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import type { Root, Image } from 'mdast';
import type { VFileMessage } from 'vfile-message';
import { isInside } from '../model/reader.js';
import { resolveResource } from '../model/resources.js';
import type { Report } from '../model/types.js';
import { problem } from '../util/problems.js';
import { visit, SKIP } from 'unist-util-visit';

const MIME: Record<string, string> = {
  '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif',
  '.svg': 'image/svg+xml', '.webp': 'image/webp', '.avif': 'image/avif',
};

export function isRemote(url: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(url) ? !/^(data|mailto|tel):/i.test(url) : url.startsWith('//');
}

/**
 * Makes every image part of the output: local files are embedded as data URLs (so the HTML is
 * one self-contained file), remote ones are refused, and nothing outside the workspace is read.
 */
export function embedImages(tree: Root, report: Report): VFileMessage[] {
  const problems: VFileMessage[] = [];
  // The model lists every image; without one, skip a walk of the whole tree (it counts in watch).
  if (!report.resources.some((r) => r.kind === 'image')) return problems;
  const root = realpathSync(report.root);
  visit(tree, 'image', (node: Image, index, parent) => {
    // The loader resolved the image against the file that names it (src/model/resources.ts).
    const file = node.resource?.file ?? report.file;
    const target = node.resource?.target ?? resolveResource(report.root, file, node.url);
    const place = { file, line: node.position?.start.line, column: node.position?.start.column };
    const drop = (reason: string) => {
      problems.push(problem(reason, place, { ruleId: 'image-source', severity: 'warning' }));
      if (parent && index !== undefined) {
        parent.children.splice(index, 1, { type: 'text', value: node.alt ?? '' });
        return [SKIP, index] as [typeof SKIP, number];
      }
      return undefined;
    };
    if (target.kind === 'embedded') return undefined;
    if (target.kind === 'remote') return drop(`remote image ${node.url} is not included: published builds fetch nothing from the network; save the image in the report folder`);
    if (target.kind !== 'file') return drop(`image ${node.url} is not a file and is not included`);
    if (!target.inside) return drop(`image ${node.url} is outside the workspace and is not included`);
    let real: string;
    try {
      real = realpathSync(target.path);
    } catch {
      return drop(`image ${node.url} does not exist (looked for ${target.shown}; paths are relative to the file that names them, or to the workspace when they start with /)`);
    }
    if (!isInside(root, real)) return drop(`image ${node.url} is outside the workspace and is not included`);
    const mime = MIME[path.extname(real).toLowerCase()];
    if (!mime) return drop(`image ${node.url} is not a PNG, JPEG, GIF, SVG, WebP or AVIF file`);
    node.url = `data:${mime};base64,${readFileSync(real).toString('base64')}`;
    return undefined;
  });
  return problems;
}
