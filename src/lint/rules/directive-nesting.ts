import { isDialectNode } from '../../dialect/index.js';
import type { Nodes } from 'mdast';
import type { DirectiveItem, Report } from '../../model/types.js';
import { defineRule, noOptions } from '../define.js';
import { attributePlace, fenceLength, nodePlace } from '../place.js';
import { analyseSlips } from '../slip.js';
import { walk } from '../walk.js';

const FIX = 'use four colons on the recommendation: ::::recommendation … ::::';

export default defineRule({
  meta: {
    id: 'directive-nesting',
    severity: 'error',
    description: 'A variant, example or rationale outside a recommendation, including the classic slip of `:::recommendation` around `:::variant`.',
  },
  options: noOptions,
  docs: {
    rationale:
      'A closing fence closes every open block whose fence is as long as its own. With `:::recommendation` around `:::variant`, the variant\'s closing `:::` closes the recommendation too: what follows falls outside it, and the recommendation\'s own closing `:::` is left over and printed as text. The outer block needs a longer fence than the blocks inside it: `::::recommendation` … `::::`. Parts outside a recommendation belong to none, so they are missing from editions and summaries. A recommendation inside another recommendation, and a variant inside a variant, are reported as well.',
    incorrect: [
      {
        title: 'Three colons around three colons: the example falls out, a stray `:::` is left',
        source:
          ':::recommendation{#a title="A"}\nCourts should act.\n\n:::variant{system=civil-law}\nA judge should order it.\n:::\n\n:::example{jurisdiction=FR}\nThe saisie.\n:::\n:::\n',
        line: 8, output: ["8:1-8:28 `:::example` stands outside any recommendation: the `:::recommendation` at line 10 was closed early by the closing fence of a block inside it (a closing fence closes every open block with as many colons); use four colons on the recommendation: ::::recommendation … ::::", "11:1-11:4 stray `:::` printed as text: the recommendation at line 10 was already closed by the closing fence of the `:::variant` inside it; use four colons on the recommendation: ::::recommendation … ::::"],
      },
      { title: 'A variant on its own', source: 'Some text.\n\n:::variant{system=civil-law}\nA judge should order it.\n:::\n', line: 3, output: ["3:1-3:29 `:::variant` stands outside any recommendation, so it belongs to none; put it inside ::::recommendation … ::::"] },
    ],
    correct: [
      {
        title: 'The recommendation\'s fence is longer than its parts\'',
        source:
          '::::recommendation{#a title="A"}\nCourts should act.\n\n:::variant{system=civil-law}\nA judge should order it.\n:::\n\n:::example{jurisdiction=FR}\nThe saisie.\n:::\n::::\n',
      },
    ],
  },
  check({ report, emit }) {
    const explained = new Map<DirectiveItem['node'], DirectiveItem>();
    for (const { part, closed } of analyseSlips(report).outside) {
      const written = `${':'.repeat(Math.max(3, fenceLength(report, part.source)))}${part.name}`;
      const place = attributePlace(part.source.file, part.node);
      if (!closed) {
        emit(`\`${written}\` stands outside any recommendation, so it belongs to none; put it inside ::::recommendation … ::::`, place);
        continue;
      }
      const first = explained.get(closed.node);
      if (first) {
        emit(`\`${written}\` also fell out of the recommendation at line ${closed.source.line} (closed early; see line ${first.source.line})`, place);
        continue;
      }
      explained.set(closed.node, part);
      emit(
        `\`${written}\` stands outside any recommendation: the \`${':'.repeat(fenceLength(report, closed.source))}recommendation\` at line ${closed.source.line} was closed early by the closing fence of a block inside it (a closing fence closes every open block with as many colons); ${FIX}`,
        place,
      );
    }
    for (const item of report.directives) {
      if (item.kind !== 'containerDirective') continue;
      const place = attributePlace(item.source.file, item.node);
      if (item.node.type === 'recommendation' && item.ancestorTypes.includes('recommendation')) {
        emit('a recommendation inside another recommendation is not counted as one; close the first recommendation before opening the next', place);
      } else if (item.node.type === 'variant' && item.ancestorTypes.includes('variant')) {
        emit('a variant inside another variant; close the first variant before opening the next (give the outer block the longer fence)', place);
      }
    }

    // The left-over closing fence of an early-closed block is a paragraph of colons.
    for (const file of report.files) {
      const containers = report.directives.filter((d) => d.kind === 'containerDirective' && d.source.file === file.path);
      walk(file.tree, (node: Nodes) => {
        if (node.type === 'code' || node.type === 'html') return false;
        if (node.type !== 'paragraph') return;
        const only = node.children.length === 1 ? node.children[0] : undefined;
        if (only?.type !== 'text' || !/^:{3,}$/.test(only.value)) return false;
        const offset = node.position?.start.offset ?? 0;
        const early = closedEarly(report, containers, offset, only.value.length);
        let reason: string;
        if (!early) reason = `stray \`${only.value}\` printed as text: it closes no open block; remove it or open the block it was meant to close`;
        else if (early.outer.node.type === 'recommendation') {
          reason = `stray \`${only.value}\` printed as text: the recommendation at line ${early.outer.source.line} was already closed by the closing fence of the \`${early.inner}\` inside it; ${FIX}`;
        } else {
          const longer = ':'.repeat(early.fence + 1);
          reason = `stray \`${only.value}\` printed as text: the \`${':'.repeat(early.fence)}${early.outer.name}\` at line ${early.outer.source.line} was already closed by the closing fence of the \`${early.inner}\` inside it; give the outer block more colons: ${longer}${early.outer.name} … ${longer}`;
        }
        emit(reason, nodePlace(file.path, node));
        return false;
      });
    }
  },
});

/**
 * The block a stray fence was meant to close: the last container before it, with a fence no
 * longer than the stray one, that holds a container with a fence at least as long as its own
 * (whose closing fence closed both).
 */
function closedEarly(report: Report, containers: DirectiveItem[], offset: number, length: number): { outer: DirectiveItem; inner: string; fence: number } | undefined {
  for (let i = containers.length - 1; i >= 0; i--) {
    const outer = containers[i];
    if ((outer.source.endOffset ?? Infinity) > offset) continue;
    const fence = fenceLength(report, outer.source);
    if (fence > length) continue;
    let inner: string | undefined;
    walk(outer.node as Nodes, (node) => {
      if (inner || node === outer.node) return;
      const name = node.type === 'containerDirective' ? node.name : isDialectNode(node) && node.form === 'container' ? node.directiveName : undefined;
      if (name === undefined) return;
      const own = fenceLength(report, { ...outer.source, startOffset: node.position?.start.offset });
      if (own >= fence) inner = `${':'.repeat(own)}${name}`;
    });
    if (inner) return { outer, inner, fence };
  }
  return undefined;
}
