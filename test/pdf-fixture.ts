import { reportSource } from './helpers.js';

/**
 * A report written to exercise the PDF: several sections (so it is cut into several chunks),
 * footnotes whose call and text carry matching markers (Q7C ... Q7N), Japanese and Korean text,
 * recommendations with variants, and a working-group comment that must never be printed.
 */
export function fixtureReport(front: Record<string, string> = {}, sections = 5): string {
  const parts: string[] = ['::toc', '', 'This report is a fixture for the PDF renderer.', ''];
  let note = 0;
  const notes: string[] = [];
  for (let s = 1; s <= sections; s++) {
    parts.push(`## Section ${s} heading`, '');
    for (let sub = 1; sub <= 2; sub++) {
      parts.push(`### Part ${s}.${sub} of the fixture`, '');
      for (let p = 0; p < 4; p++) {
        note++;
        parts.push(
          `Courts in many systems weigh the interests of both parties before they order disclosure of evidence. ` +
            `The sentence with marker Q${note}C carries a footnote.[^n${note}] ` +
            'A second sentence follows so that the paragraph is long enough to fill lines and move the layout forward on the page. '.repeat(3),
          '',
        );
        notes.push(`[^n${note}]: Note text with marker Q${note}N, citing a statute and a judgment.`);
      }
    }
    parts.push(
      `::::recommendation{#rec-${s} title="Fixture recommendation number ${s}" topic=topic${s % 2}}`,
      'Courts should be able to protect secrets in proceedings.',
      '',
      ':::variant{system=civil-law}',
      'The court should be able to appoint an expert.',
      ':::',
      '',
      ':::variant{system=common-law}',
      'The court should be able to make a confidentiality club order.',
      ':::',
      '',
      ':::example{jurisdiction=JP}',
      '日本の不正競争防止法は営業秘密を保護する。',
      ':::',
      '',
      ':::example{jurisdiction=KR}',
      '부정경쟁방지법은 영업비밀을 보호한다.',
      ':::',
      '',
      ':::comment{author="Reviewer" date=2026-11-01 status=open}',
      'SECRETCOMMENTTEXT should never be published.',
      ':::',
      '::::',
      '',
    );
  }
  parts.push(...notes, '');
  return reportSource(parts.join('\n'), {
    shorttitle: 'Fixture',
    rapporteurs: '[{name: Ada Rapporteur, affiliation: Fixture Institute}, {name: Ben Second}]',
    systems: '[civil-law, common-law]',
    confidentiality: 'working-group',
    ...front,
  });
}
