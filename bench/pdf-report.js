// A generated report of realistic shape for the PDF benchmark: chapters of four topics, each with
// footnoted paragraphs and a recommendation with two variants and a Japanese example.
// `node bench/pdf-report.js 120 > report.md` prints one.
export function generateReport(count) {
  const lines = ['---', 'title: Generated Benchmark Report', 'shorttitle: Benchmark', 'dialogue: Trade Secrets Best Practices Dialogue',
    'version: 0.9.0', 'status: draft', 'date: 2026-11-21', 'rapporteurs: [{name: Bench Mark}]', 'systems: [civil-law, common-law]',
    'confidentiality: working-group', '---', '', '::toc', '', 'Generated text for measuring the PDF route.', ''];
  const notes = [];
  let note = 0;
  for (let s = 1; s <= count; s++) {
    lines.push(`## Chapter ${s} on access to evidence`, '');
    for (let sub = 1; sub <= 4; sub++) {
      lines.push(`### Topic ${s}.${sub}`, '');
      for (let p = 0; p < 6; p++) {
        note++;
        lines.push(`Courts weigh the interests of both parties before ordering disclosure, and the order must be precise enough to be enforced.[^g${note}] ` +
          'Evidence of misappropriation is volatile: files are deleted and devices replaced within days of the first sign that the holder has noticed, so both traditions let courts secure it early. '.repeat(2), '');
        notes.push(`[^g${note}]: Judgment ${note} of the court of appeal, paragraph ${p + 10}; see also the statute, art. ${s}.`);
      }
      lines.push(`::::recommendation{#rec-${s}-${sub} title="Recommendation on topic ${s}.${sub}" topic=t${sub}}`, 'Courts should be able to order preservation of evidence.', '',
        ':::variant{system=civil-law}', 'A bailiff describes or seizes the evidence.', ':::', '',
        ':::variant{system=common-law}', 'A search order supervised by an independent solicitor.', ':::', '',
        ':::example{jurisdiction=JP}', '日本の不正競争防止法は営業秘密を保護する。', ':::', '::::', '');
    }
  }
  return [...lines, ...notes, ''].join('\n');
}


if (import.meta.url === `file://${process.argv[1]}`) process.stdout.write(generateReport(Number(process.argv[2] ?? 12)));
