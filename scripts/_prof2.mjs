import { readFileSync } from 'node:fs';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import remarkDirective from 'remark-directive';
import { parseMarkdown } from '../lib/parse/processor.js';
const text = readFileSync('/tmp/gen/reports/generated/chapters/05-chapter.md', 'utf8');
console.log('bytes', text.length);
const procs = {
  plain: unified().use(remarkParse),
  gfm: unified().use(remarkParse).use(remarkGfm),
  directive: unified().use(remarkParse).use(remarkDirective),
  all: { parse: parseMarkdown },
};
for (const [name, p] of Object.entries(procs)) {
  const times = [];
  for (let i = 0; i < 15; i++) { const t = performance.now(); p.parse(text + ' ' + i); times.push(performance.now() - t); }
  times.sort((a, b) => a - b);
  console.log(name.padEnd(10), times[7].toFixed(1));
}
