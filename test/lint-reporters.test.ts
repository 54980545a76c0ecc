import { describe, expect, it } from 'vitest';
import { formatGithub } from '../src/lint/reporters/github.js';
import { formatJson } from '../src/lint/reporters/json.js';
import { formatStylish } from '../src/lint/reporters/stylish.js';
import { closest } from '../src/lint/suggest.js';
import { problem } from '../src/util/problems.js';

const error = problem('mandatory language "must"', { file: 'reports/a/report.md', line: 3, column: 7, endLine: 3, endColumn: 11 }, { ruleId: 'mandatory-language' });
const warning = problem('no example', { file: 'reports/a/chapters/x,y:z.md', line: 1, column: 1 }, { ruleId: 'recommendation-example', severity: 'warning' });

describe('lint reporters', () => {
  it('stylish groups by file, counts, and colours only when asked', () => {
    const plain = formatStylish([error, warning], { color: false });
    expect(plain).toBe(
      [
        'reports/a/report.md',
        'reports/a/report.md:3:7 error mandatory language "must" mandatory-language',
        '',
        'reports/a/chapters/x,y:z.md',
        'reports/a/chapters/x,y:z.md:1:1 warning no example recommendation-example',
        '',
        '✖ 2 problems (1 error, 1 warning)',
        '',
      ].join('\n'),
    );
    const coloured = formatStylish([error], { color: true });
    expect(coloured).toContain('\u001b[31merror\u001b[0m');
    expect(formatStylish([], { color: true })).toBe('');
  });

  it('github escapes properties and data as workflow commands require', () => {
    const multiline = problem('line one\nline two 100%', { file: 'a.md', line: 2, column: 1 }, { ruleId: 'r' });
    expect(formatGithub([warning, multiline])).toBe(
      '::warning file=reports/a/chapters/x%2Cy%3Az.md,line=1,col=1,endLine=1,endColumn=1,title=recommendation-example::no example (recommendation-example)\n' +
        '::error file=a.md,line=2,col=1,endLine=2,endColumn=1,title=r::line one%0Aline two 100%25 (r)\n',
    );
  });

  it('json has exactly the DESIGN.md fields', () => {
    expect(JSON.parse(formatJson([error]))).toEqual([
      { file: 'reports/a/report.md', line: 3, column: 7, endLine: 3, endColumn: 11, severity: 'error', rule: 'mandatory-language', message: 'mandatory language "must"' },
    ]);
  });

  it('suggests close names only', () => {
    expect(closest('recomendation', ['recommendation', 'recommendations', 'variant'])).toBe('recommendation');
    expect(closest('sytem', ['system'])).toBe('system');
    expect(closest('colour', ['system', 'jurisdiction'])).toBeUndefined();
    expect(closest('30', ['toc', 'ref'])).toBeUndefined();
  });
});
