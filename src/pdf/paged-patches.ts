import { readFileSync } from 'node:fs';
import { UserError } from '../util/problems.js';

/**
 * Corrections to Paged.js 0.4.3 (its bundle, dist/paged.polyfill.js), applied when the bundle is
 * served to the layout tabs. Each one replaces an exact piece of the bundle; if a piece is not
 * found (Paged.js upgraded), the build stops rather than lay out with the defect back.
 *
 * Why here and not from a Paged.js handler: the functions are internal to the bundle's module
 * scope, and a handler cannot reach them; patch-package would need an install script.
 */
interface Patch {
  why: string;
  find: string;
  replace: string;
}

const PATCHES: Patch[] = [
  {
    // A page break inside a text node that follows an element (emphasis, a link, a citation) was
    // resumed in the FIRST text node of the paragraph whose text contains the rendered node's
    // text: a later node repeating a stretch of an earlier one ("… before proceedings on the merits
    // begin") restarted the next page in the earlier node, printing a sentence twice (page 539 of
    // the generated 1,000-page report). The source node is now found by position: counted from the
    // nearest element with a data-ref before (or after) it, as Paged.js clones nodes one for one;
    // a node alone on its page (the rest of one broken before) is the one its text ends, since a
    // rendered text node is its source node or the end of it; the old search by content stays last.
    why: 'text node of a break found by position, not by content',
    find: `	function indexOfTextNode(node, parent) {
		if (!isText(node)) {
			return -1;
		}
		let nodeTextContent = node.textContent;`,
    replace: `	function indexOfTextNode(node, parent) {
		if (!isText(node)) {
			return -1;
		}
		let nodeTextContent = node.textContent;
		const fromElement = (element, steps) => {
			for (let i = 0; i < parent.childNodes.length; i++) {
				const sibling = parent.childNodes[i];
				if (sibling.nodeType === 1 && sibling.dataset && sibling.dataset.ref === element.dataset.ref) {
					const at = parent.childNodes[i + steps];
					return at && at.nodeType === 3 && at.textContent.includes(nodeTextContent) ? i + steps : -1;
				}
			}
			return -1;
		};
		let steps = 0;
		for (let sibling = node.previousSibling; sibling; sibling = sibling.previousSibling) {
			steps++;
			if (sibling.nodeType === 1 && sibling.dataset && sibling.dataset.ref) {
				const at = fromElement(sibling, steps);
				if (at !== -1) return at;
				break;
			}
		}
		steps = 0;
		for (let sibling = node.nextSibling; sibling; sibling = sibling.nextSibling) {
			steps--;
			if (sibling.nodeType === 1 && sibling.dataset && sibling.dataset.ref) {
				const at = fromElement(sibling, steps);
				if (at !== -1) return at;
				break;
			}
		}
		for (let i = 0; i < parent.childNodes.length; i++) {
			const sibling = parent.childNodes[i];
			if (sibling.nodeType === 3 && sibling.textContent.endsWith(nodeTextContent)) return i;
		}`,
  },
  {
    // The same break's offset in its source node was found with indexOf of the rendered text: when
    // the rendered node is the rest of a node broken on an earlier page (a suffix) and that text
    // also stands earlier in the node (a sentence said twice), the offset went back and the text
    // between was printed again. A suffix's place is its length from the end.
    why: 'offset of a continued text node taken from its end',
    find: `				offset += node.textContent.indexOf(container.textContent);`,
    replace: `				offset += node.textContent.endsWith(container.textContent) ? node.textContent.length - container.textContent.length : node.textContent.indexOf(container.textContent);`,
  },
];

const patched = new Map<string, Buffer>();

/** The Paged.js bundle with the corrections above (made once per process; every layout tab loads it). */
export function patchedPagedBundle(file: string): Buffer {
  const made = patched.get(file);
  if (made) return made;
  let source = readFileSync(file, 'utf8');
  for (const patch of PATCHES) {
    const at = source.indexOf(patch.find);
    if (at === -1 || source.indexOf(patch.find, at + 1) !== -1) {
      throw new UserError(`internal error: the Paged.js bundle (${file}) is not the one Rapporteur corrects (${patch.why}); reinstall with npm ci`, { exitCode: 2 });
    }
    source = source.slice(0, at) + patch.replace + source.slice(at + patch.find.length);
  }
  const bundle = Buffer.from(source, 'utf8');
  patched.set(file, bundle);
  return bundle;
}
