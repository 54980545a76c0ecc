import { jurisdiction, jurisdictionCodes } from '../../model/jurisdictions.js';
import { defineRule, noOptions } from '../define.js';
import { attributePlace } from '../place.js';
import { misspeltAttribute } from '../dialect.js';

/** Codes people write that ISO 3166-1 spells differently. */
const ALIASES: Record<string, string> = {
  UK: 'GB', EL: 'GR', EN: 'GB', UAE: 'AE',
  // ISO 3166-1 alpha-3 codes of the jurisdictions reports cite most.
  AUS: 'AU', AUT: 'AT', BEL: 'BE', BRA: 'BR', CAN: 'CA', CHE: 'CH', CHN: 'CN', DEU: 'DE', DNK: 'DK', ESP: 'ES',
  FIN: 'FI', FRA: 'FR', GBR: 'GB', GRC: 'GR', IND: 'IN', IRL: 'IE', ISR: 'IL', ITA: 'IT', JPN: 'JP', KOR: 'KR',
  LUX: 'LU', MEX: 'MX', NLD: 'NL', NOR: 'NO', NZL: 'NZ', POL: 'PL', PRT: 'PT', SGP: 'SG', SWE: 'SE', TWN: 'TW',
  USA: 'US', ZAF: 'ZA',
};

function suggestion(written: string): string {
  const upper = written.toUpperCase();
  const alias = ALIASES[upper];
  if (alias) return `; did you mean \`${alias}\` (${jurisdiction(alias)?.name})?`;
  const lower = written.toLowerCase();
  const byName = jurisdictionCodes().find((code) => jurisdiction(code)!.name.toLowerCase() === lower)
    ?? jurisdictionCodes().find((code) => jurisdiction(code)!.name.toLowerCase().startsWith(lower) && lower.length >= 4);
  if (byName) return `; did you mean \`${byName}\` (${jurisdiction(byName)!.name})?`;
  return '; use an ISO 3166-1 alpha-2 code such as FR, DE, GB, US, JP, or EU';
}

export default defineRule({
  meta: { id: 'example-jurisdiction', severity: 'error', description: 'An example without `jurisdiction`, or with a code that is not ISO 3166-1 alpha-2 (or EU).' },
  options: noOptions,
  docs: {
    rationale:
      'An example is a real-world example from one jurisdiction. Its code gives the name printed above it ("Example — France") and its legal family, which `example-family` checks against the variant it stands in. Codes are ISO 3166-1 alpha-2 (`GB`, not `UK`), or `EU` for the European Union.',
    incorrect: [
      {
        title: 'UK instead of GB',
        source: '::::recommendation{#a title="A" uniform}\nCourts should act.\n\n:::example{jurisdiction=UK}\nSearch orders.\n:::\n::::\n',
        line: 4, output: ["4:12-4:27 unknown jurisdiction code `UK`; did you mean `GB` (United Kingdom)?"],
      },
      { title: 'No jurisdiction', source: '::::recommendation{#a title="A" uniform}\nCourts should act.\n\n:::example\nSomewhere.\n:::\n::::\n', line: 4, output: ["4:1-4:11 example without a jurisdiction; write :::example{jurisdiction=FR} (an ISO 3166-1 alpha-2 code, or EU)"] },
    ],
    correct: [
      {
        title: 'ISO codes and EU',
        source: '::::recommendation{#a title="A" uniform}\nCourts should act.\n\n:::example{jurisdiction=GB}\nSearch orders.\n:::\n\n:::example{jurisdiction=EU}\nDirective (EU) 2016/943.\n:::\n::::\n',
      },
    ],
  },
  check({ report, emit }) {
    for (const item of report.directives) {
      if (item.node.type !== 'example') continue;
      const code = (item.attributes.jurisdiction ?? '').trim();
      if (!code && misspeltAttribute(item.node, 'jurisdiction') !== undefined) continue; // unknown-attribute says it
      if (!code) {
        emit('example without a jurisdiction; write :::example{jurisdiction=FR} (an ISO 3166-1 alpha-2 code, or EU)', attributePlace(item.source.file, item.node));
      } else if (!jurisdiction(code)) {
        emit(`unknown jurisdiction code \`${code}\`${suggestion(code)}`, attributePlace(item.source.file, item.node, 'jurisdiction'));
      }
    }
  },
});
