// Writes docs/lint.md from the rule files (run after `npm run compile`).
import { writeFileSync } from 'node:fs';
const { renderLintDocs } = await import(new URL('../lib/lint/docs.js', import.meta.url).href);
writeFileSync(new URL('../docs/lint.md', import.meta.url), renderLintDocs());
console.log('wrote docs/lint.md');
