import path from 'node:path';
import { languageState, storedLanguages } from '../../i18n/check.js';
import { UserError } from '../../util/problems.js';
import { defineRule, noOptions } from '../define.js';

const po = (entries: string) =>
  `msgid ""\nmsgstr ""\n"Language: ja\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n"X-Rapporteur-Source-Language: en\\n"\n\n#. hash: 99f6142e42ad4245\nmsgctxt "_meta/title"\nmsgid "Example report"\nmsgstr "報告書の例"\n\n${entries}`;

export default defineRule({
  meta: {
    id: 'translation',
    severity: 'warn',
    description: 'A stored translation (reports/<slug>/translations/<lang>.xlf or .po) with stale, missing or unknown units, or placeholders that do not match the source.',
  },
  options: noOptions,
  docs: {
    rationale:
      'A translation is kept in step unit by unit, keyed by recommendation id and section. A unit whose source text changed since it was translated (its hash differs) is stale: the translated edition shows the source text there until a translator updates it. Units with no translation fall back the same way. A unit the report no longer has, or a translation that drops or invents an inline code (a footnote call, a cross-reference, emphasis), would lose or break what the source says, so those are errors.',
    incorrect: [
      {
        title: 'A translation made before the source sentence changed (the hash no longer matches)',
        source: 'Courts should be able to order that evidence be preserved quickly.\n',
        files: { 'translations/ja.po': po('#. hash: 9efb863f6ced4df7 commit: 1a2b3c4d5e\nmsgctxt "_front/1"\nmsgid "Courts should be able to order that evidence be preserved."\nmsgstr "裁判所は、証拠の保全を命じることができるべきである。"\n') },
        file: 'reports/example/translations/ja.po',
        line: 13,
        output: [
          'translations/ja.po:13:1-13:1 ja: unit "_front/1" is stale: the source changed since it was translated (translated from the source at commit 1a2b3c4d5e); the ja edition shows the source text until it is updated',
        ],
      },
    ],
    correct: [
      {
        title: 'Every unit translated from the current source',
        source: 'Courts should be able to order that evidence be preserved.\n',
        files: { 'translations/ja.po': po('#. hash: 9efb863f6ced4df7\nmsgctxt "_front/1"\nmsgid "Courts should be able to order that evidence be preserved."\nmsgstr "裁判所は、証拠の保全を命じることができるべきである。"\n') },
      },
    ],
  },
  check({ report, emit }) {
    for (const lang of storedLanguages(report)) {
      let state;
      try {
        state = languageState(report, lang);
      } catch (error) {
        if (!(error instanceof UserError)) throw error;
        // "file:line:column: message" from the reader.
        const match = /^(.*?):(\d+):(\d+): (.*)$/.exec(error.message);
        if (match) emit(`${lang}: ${match[4]}`, { file: match[1], line: Number(match[2]), column: Number(match[3]) }, { severity: 'error' });
        else emit(`${lang}: ${error.message}`, { file: path.relative(report.root, path.join(report.dir, 'translations')) });
        continue;
      }
      if (!state) continue;
      const file = path.relative(report.root, state.file).split(path.sep).join('/');
      for (const entry of state.comparison.unknown) {
        emit(`${lang}: unit "${entry.id}" is not in the report any more (removed or renamed in the source); extract again`, { file, line: entry.line, column: entry.column }, { severity: 'error' });
      }
      const missing: string[] = [];
      for (const status of state.comparison.statuses) {
        const entry = status.entry;
        if (status.status === 'missing') missing.push(status.unit.id);
        else if (status.status === 'broken' && entry) {
          emit(`${lang}: unit "${status.unit.id}": ${status.problems.join('; ')}`, { file, line: entry.line, column: entry.column }, { severity: 'error' });
        } else if (status.status === 'stale' && entry) {
          const why = entry.hash !== status.unit.hash ? 'the source changed since it was translated' : 'marked for review when the source changed';
          emit(`${lang}: unit "${status.unit.id}" is stale: ${why}${entry.commit ? ` (translated from the source at commit ${entry.commit})` : ''}; the ${lang} edition shows the source text until it is updated`, { file, line: entry.line, column: entry.column });
        }
      }
      if (missing.length) {
        const shown = missing.slice(0, 8).join(', ');
        emit(`${lang}: ${missing.length} of ${state.comparison.statuses.length} units have no translation (${shown}${missing.length > 8 ? ', …' : ''}); the ${lang} edition shows them in ${report.meta.lang}`, { file, line: 1, column: 1 });
      }
    }
  },
});
