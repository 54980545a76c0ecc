// THE seeded, deterministic generator of realistic Rapporteur reports for benchmarks and tests
// (the only one: lint's precision bench, the DOCX and citation rows and the tests all use it).
//
// `generateReport({pages, seed, citations, findings})` builds an abstract report (chapters of sections of blocks:
// paragraphs with footnotes, lists, tables, recommendations with variants, examples and rationale,
// uniform recommendations, comments, cross-references), then serialises it twice: in Rapporteur's
// dialect (`toRapporteur`) and in pandoc's own Markdown (`toPandoc`, fenced divs) so that pandoc
// does the same work. `reviseReport` makes a second revision (a share of paragraphs edited,
// recommendations moved, added and removed), and `writeRevisionRepo` commits both revisions in a
// temporary git repository tagged v0.1.0 and v0.2.0.
//
// Without `findings` the report lints clean (every rule; test/bench-generator.test.ts): unique
// headings, support (a footnote) in every recommendation, "shall"/"must" only inside quotations
// and code. `findings: N` plants N known defects of several rules, each returned with the rule
// and a marker that finds its line, so that lint's precision and recall can be measured.
// `citations: N` adds 80 references (references.json) and N citations in pandoc's syntax, which
// both tools read. `writeTranslations({root, slug, languages})` stores a complete translation of
// a written report per language (the units from Rapporteur's own extraction).
//
// Plain ESM JavaScript on purpose: benchmarks, vitest tests and helpers import it without a build.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** About 450 words of running text make one printed page of a report. */
export const WORDS_PER_PAGE = 450;

/** mulberry32: small, fast and good enough for reproducible test data. */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const api = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
  };
  return api;
}

// Jurisdictions by legal-system family, as in data/jurisdictions.json.
export const JURISDICTIONS = {
  civil: ['FR', 'DE', 'IT', 'ES', 'NL', 'JP', 'KR', 'BR', 'CH', 'AT', 'BE', 'PT', 'SE', 'PL', 'EU', 'CN', 'MX'],
  common: ['GB', 'US', 'IE', 'AU', 'NZ', 'SG', 'IN', 'HK', 'NG', 'KE', 'MY', 'GH'],
  mixed: ['ZA', 'IL', 'PH', 'CY', 'MT', 'CA', 'LK'],
};

const SUBJECTS = [
  'the court', 'the claimant', 'the defendant', 'the holder of the trade secret', 'the applicant', 'the respondent',
  'the judicial officer', 'the independent expert', 'the supervising solicitor', 'each party', 'the tribunal',
  'the competent authority', 'the legislature', 'counsel for the defendant', 'the working group', 'a third party',
];
const VERBS = [
  'should be able to order', 'may consider', 'is encouraged to limit', 'should weigh', 'may require', 'should protect',
  'is expected to review', 'should disclose', 'may restrict access to', 'should preserve', 'may appoint an expert to examine',
  'should balance', 'is invited to clarify', 'may postpone', 'should record', 'may take into account',
];
const OBJECTS = [
  'the confidential information at stake', 'the evidence of misappropriation', 'the documents held by the defendant',
  'the technical data relating to the alleged secret', 'the identity of the persons who had access',
  'the scope of any evidence measure', 'the commercial information of third parties', 'the expert report',
  'the electronic records and their metadata', 'the costs of the proceedings', 'the terms of a protective order',
  'the samples seized at the premises', 'the list of trade secrets relied on', 'the source code in dispute',
  'the customer lists and pricing data', 'the interests of employees and former employees',
];
const QUALIFIERS = [
  'at short notice', 'before proceedings on the merits begin', 'without hearing the other side where justified',
  'in a manner proportionate to the intrusion', 'under the supervision of an independent person',
  'subject to appropriate safeguards', 'after hearing both parties', 'within a reasonable time',
  'in accordance with the principle of equality of arms', 'where the circumstances so require',
  'so far as is necessary to establish the facts', 'in a confidential annex to the judgment',
];
const CONNECTORS = [
  'Moreover,', 'In practice,', 'By contrast,', 'As a rule,', 'In several jurisdictions,', 'For that reason,',
  'Members of the working group noted that', 'Experience shows that', 'Where the parties agree,', 'In most cases,',
  'Under the existing case law,', 'As the questionnaire showed,',
];
const TOPIC_WORDS = [
  'Evidence', 'Confidentiality', 'Disclosure', 'Remedies', 'Experts', 'Preservation', 'Procedure', 'Cooperation',
  'Damages', 'Injunctions', 'Employees', 'Costs', 'Jurisdiction', 'Enforcement', 'Hearings', 'Records',
];
const TITLE_WORDS = [
  'Preserve', 'Protect', 'Limit', 'Identify', 'Review', 'Balance', 'Disclose', 'Restrict', 'Record', 'Supervise',
  'Clarify', 'Coordinate', 'Secure', 'Assess', 'Compensate', 'Inform',
];
const TOPICS = ['evidence', 'confidentiality', 'remedies', 'procedure', 'cooperation'];
const AUTHORS = ['Hélène Marchetti', 'Daniel K. Osei', 'Akiko Morimoto', 'Jan de Vries', 'María Ortega', 'Priya Raman'];
const STATUTES = ['Code of Civil Procedure', 'Trade Secrets Act', 'Civil Procedure Rules', 'Evidence Act', 'Directive (EU) 2016/943', 'Industrial Property Code', 'Unfair Competition Prevention Act'];

/** A 1×1 PNG: an image every writer embeds (DOCX refuses SVG) without a converter. */
const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
export const FIGURE_FILE = 'images/figure.png';

function sentence(r) {
  const lead = r.chance(0.3) ? `${r.pick(CONNECTORS)} ` : '';
  let subject = r.pick(SUBJECTS);
  if (!lead) subject = subject.charAt(0).toUpperCase() + subject.slice(1);
  const extra = r.chance(0.4) ? `, ${r.pick(QUALIFIERS)}` : '';
  const tail = r.chance(0.35) ? ` and ${r.pick(VERBS)} ${r.pick(OBJECTS)}` : '';
  return `${lead}${subject} ${r.pick(VERBS)} ${r.pick(OBJECTS)} ${r.pick(QUALIFIERS)}${extra}${tail}.`;
}

function words(text) {
  return text.split(/\s+/).filter(Boolean).length;
}

/** A paragraph as inline parts: plain text, emphasis, footnote calls, cross-references, inline comments. */
function paragraph(r, state, { minSentences = 3, maxSentences = 7, footnotes = true, refs = true, comments = true, support = false } = {}) {
  const parts = [];
  const count = r.int(minSentences, maxSentences);
  for (let i = 0; i < count; i++) {
    if (i > 0) parts.push({ t: 'text', v: ' ' });
    let s = sentence(r);
    if (r.chance(0.12)) {
      const cut = s.indexOf(' ', Math.floor(s.length / 2));
      if (cut > 0) {
        const rest = s.slice(cut + 1, -1).split(' ');
        parts.push({ t: 'text', v: `${s.slice(0, cut)} ` }, { t: 'em', v: rest.slice(0, 2).join(' ') }, { t: 'text', v: ` ${rest.slice(2).join(' ')}.` });
        s = '';
      }
    }
    if (s) parts.push({ t: 'text', v: s });
    if (footnotes && r.chance(0.18)) footnote(r, state, parts);
  }
  // `support`: a recommendation's principle always cites its source (lint: recommendation-support).
  if (support && !parts.some((p) => p.t === 'fn')) footnote(r, state, parts);
  if (refs && state.recommendationIds.length > 0 && r.chance(0.15)) {
    parts.push({ t: 'text', v: ' See also ' }, { t: 'ref', id: r.pick(state.recommendationIds) }, { t: 'text', v: '.' });
  }
  if (comments && r.chance(0.04)) {
    parts.push({ t: 'text', v: ' ' }, { t: 'icomment', author: r.pick(AUTHORS), v: `Please check this against the ${r.pick(STATUTES)}.` });
  }
  return { kind: 'para', parts };
}

function footnote(r, state, parts) {
  state.footnoteSeq += 1;
  const label = `fn${state.footnoteSeq}`;
  parts.push({ t: 'fn', label });
  state.chapterFootnotes.push({ label, text: `See ${r.pick(STATUTES)}, art. ${r.int(1, 400)}; ${sentence(r)}` });
}

/**
 * A heading title no other heading of the report has (lint: heading-slug-unique): the generator
 * draws from small word lists, so a repeat gets the running number of its kind.
 */
function uniqueHeading(state, title) {
  let unique = title;
  for (let n = 2; state.usedHeadings.has(unique.toLowerCase()); n++) unique = `${title}, part ${n}`;
  state.usedHeadings.add(unique.toLowerCase());
  return unique;
}

function paraWords(block) {
  return block.parts.reduce((n, p) => n + (p.v ? words(p.v) : p.t === 'fn' ? 22 : 1), 0);
}

function uniqueId(state, base) {
  let id = base;
  for (let n = 2; state.usedIds.has(id); n++) id = `${base}-${n}`;
  state.usedIds.add(id);
  return id;
}

function recommendation(r, state, systems) {
  const verb = r.pick(TITLE_WORDS);
  const object = r.pick(OBJECTS).replace(/^the /, '');
  const title = `${verb} ${object}`;
  const id = uniqueId(state, `${verb.toLowerCase()}-${object.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`);
  const uniform = r.chance(0.15);
  const principle = [paragraph(r, state, { minSentences: 2, maxSentences: 4, comments: false, support: true })];
  // Mandatory words inside code are quotation, not advice: lint must not flag them.
  if (r.chance(0.2)) principle[0].parts.push({ t: 'text', v: ' Members cite ' }, { t: 'code', v: 'must' }, { t: 'text', v: ' only as statutory wording.' });
  const variants = uniform
    ? []
    : systems.map((system) => {
        const family = system.startsWith('civil') ? 'civil' : system.startsWith('common') ? 'common' : 'mixed';
        const examples = r.chance(0.35) ? [example(r, state, family)] : [];
        return { system, body: [paragraph(r, state, { minSentences: 2, maxSentences: 5, comments: false })], examples };
      });
  const examples = [];
  const exampleCount = r.int(1, 2);
  for (let i = 0; i < exampleCount; i++) examples.push(example(r, state, r.pick(['civil', 'common', 'mixed'])));
  const rationale = r.chance(0.7) ? [paragraph(r, state, { minSentences: 2, maxSentences: 5, comments: false })] : [];
  if (rationale.length && r.chance(0.3)) rationale[0].parts.push({ t: 'text', v: ' Some statutes provide that parties are required to cooperate.' });
  const comment = r.chance(0.12) ? { author: r.pick(AUTHORS), date: `2026-${String(r.int(1, 10)).padStart(2, '0')}-${String(r.int(10, 28))}`, status: r.pick(['open', 'open', 'resolved']), text: sentence(r) } : undefined;
  state.recommendationIds.push(id);
  return { kind: 'rec', id, title, topic: r.pick(TOPICS), uniform, principle, variants, examples, rationale, comment };
}

function example(r, state, family) {
  return { jurisdiction: r.pick(JURISDICTIONS[family]), body: [paragraph(r, state, { minSentences: 2, maxSentences: 4, refs: false, comments: false })] };
}

function recWords(rec) {
  const all = [...rec.principle, ...rec.variants.flatMap((v) => [...v.body, ...v.examples.flatMap((e) => e.body)]), ...rec.examples.flatMap((e) => e.body), ...rec.rationale];
  return all.reduce((n, b) => n + paraWords(b), 0) + 10;
}

function list(r, state) {
  const ordered = r.chance(0.4);
  const items = [];
  const count = r.int(3, 6);
  for (let i = 0; i < count; i++) items.push(paragraph(r, state, { minSentences: 1, maxSentences: 2, refs: false, comments: false, footnotes: false }));
  return { kind: 'list', ordered, items };
}

function table(r) {
  const codes = [...JURISDICTIONS.civil.slice(0, 4), ...JURISDICTIONS.common.slice(0, 3)];
  const rows = [];
  const count = r.int(4, 8);
  for (let i = 0; i < count; i++) {
    rows.push([r.pick(codes), r.pick(['Yes', 'No', 'Partly', 'By analogy']), r.pick(QUALIFIERS), `${r.int(2, 60)} days`]);
  }
  return { kind: 'table', header: ['Jurisdiction', 'Measure available', 'Conditions', 'Typical delay'], rows };
}

/** Words a block contributes, to reach the requested length. */
function blockWords(block) {
  if (block.kind === 'para') return paraWords(block);
  if (block.kind === 'rec') return recWords(block);
  if (block.kind === 'list') return block.items.reduce((n, b) => n + paraWords(b), 0);
  if (block.kind === 'table') return block.rows.length * 12;
  if (block.kind === 'quote') return words(block.text);
  return 0;
}

/**
 * Builds the abstract report. Pages are approximate (WORDS_PER_PAGE words each); one chapter
 * file per ~10 pages (at least two), sections of ~2 pages, a recommendation every ~1.5 pages.
 */
export function generateReport({ pages = 10, seed = 1, systems = ['civil-law', 'common-law'], slug = 'generated', citations = 0, findings = 0 } = {}) {
  const r = rng(seed);
  const state = { footnoteSeq: 0, chapterFootnotes: [], recommendationIds: [], usedIds: new Set(), usedHeadings: new Set() };
  const chapterCount = Math.max(2, Math.round(pages / 10));
  const wordsPerChapter = (pages * WORDS_PER_PAGE) / chapterCount;
  const chapters = [];
  for (let c = 0; c < chapterCount; c++) {
    state.footnoteSeq = 0;
    state.chapterFootnotes = [];
    const title = uniqueHeading(state, `${r.pick(TOPIC_WORDS)} and ${r.pick(TOPIC_WORDS).toLowerCase()} in trade secret cases`);
    const sections = [];
    let total = 0;
    while (total < wordsPerChapter) {
      const section = { title: uniqueHeading(state, `${r.pick(TITLE_WORDS).replace(/e$/, '')}ing ${r.pick(OBJECTS).replace(/^the /, '')}`), blocks: [] };
      // The first section of a chapter shows a figure (an image every writer must embed).
      if (sections.length === 0) section.blocks.push({ kind: 'figure', alt: `Figure for chapter ${c + 1}` });
      const sectionWords = Math.min(WORDS_PER_PAGE * 2, wordsPerChapter - total + 50);
      let inSection = 0;
      while (inSection < sectionWords) {
        const roll = r.next();
        let block;
        if (roll < 0.3) block = recommendation(r, state, systems);
        else if (roll < 0.38) block = list(r, state);
        else if (roll < 0.42) block = table(r);
        else if (roll < 0.45) block = { kind: 'comment', author: r.pick(AUTHORS), date: '2026-10-02', status: 'open', text: sentence(r) };
        else if (roll < 0.5) block = { kind: 'subheading', title: uniqueHeading(state, `${r.pick(TOPIC_WORDS)} ${r.pick(['in practice', 'before trial', 'after judgment', 'and third parties'])}`) };
        // Binding law quoted: "shall" inside a quotation, which lint must not flag.
        else if (roll < 0.52) block = { kind: 'quote', text: `"${r.pick(SUBJECTS).replace(/^./, (ch) => ch.toUpperCase())} shall ${r.pick(['order', 'preserve', 'disclose', 'restrict access to'])} ${r.pick(OBJECTS)} ${r.pick(QUALIFIERS)}," in the words of the ${r.pick(STATUTES)}.` };
        else block = paragraph(r, state);
        section.blocks.push(block);
        inSection += blockWords(block) + (block.kind === 'subheading' ? 5 : 0);
      }
      total += inSection;
      sections.push(section);
    }
    chapters.push({ file: `chapters/${String(c + 1).padStart(2, '0')}-chapter.md`, title, sections, footnotes: state.chapterFootnotes });
  }
  const references = citations > 0 ? makeReferences() : [];
  if (citations > 0) {
    const last = chapters.at(-1);
    last.sections.push({ title: uniqueHeading(state, 'Authorities discussed'), blocks: citingParagraphs(rng(seed + 7), references, citations) });
  }
  // Planted defects come from their own random stream so the rest of the report is the same
  // with and without them.
  const planted = findings > 0 ? plantFindings(rng(seed + 99), state, chapters, systems, findings) : [];
  return {
    slug,
    meta: {
      title: `Generated Report of ${pages} Pages on Trade Secret Litigation`,
      dialogue: 'Trade Secrets Best Practices Dialogue',
      version: '0.1.0',
      status: 'draft',
      date: '2026-11-21',
      rapporteurs: [
        { name: 'Hélène Marchetti', affiliation: 'Marchetti Lebrun Avocats, Paris' },
        { name: 'Daniel K. Osei', affiliation: 'Osei Whitcombe LLP, London' },
      ],
      systems,
      confidentiality: 'working-group',
    },
    intro: [paragraph(r, state, { refs: false, comments: false, footnotes: false })],
    chapters,
    references,
    planted,
  };
}

// ---------------------------------------------------------------------------------------------
// Citations: references of the kinds a legal report cites, cited in pandoc's syntax.

/** 80 CSL-JSON references: cases, statutes (the year in `issued` only: lint legislation-title-year), books, articles. */
function makeReferences() {
  const items = [];
  for (let i = 0; i < 80; i++) {
    const kind = i % 4;
    if (kind === 0) items.push({ id: `case${i}`, type: 'legal_case', title: `Claimant ${i} Ltd v Defendant ${i} plc`, 'container-title': 'WLR', volume: String(1 + (i % 3)), page: String(100 + i * 7), authority: 'Ch', issued: { 'date-parts': [[1980 + (i % 40)]] } });
    else if (kind === 1) items.push({ id: `act${i}`, type: 'legislation', title: `Trade Secrets Act No ${i}`, issued: { 'date-parts': [[1990 + (i % 30)]] } });
    else if (kind === 2) items.push({ id: `book${i}`, type: 'book', title: `Confidential Information, volume ${i}`, author: [{ family: `Author${i}`, given: 'Ann' }], publisher: 'Oxford University Press', issued: { 'date-parts': [[2000 + (i % 24)]] } });
    else items.push({ id: `article${i}`, type: 'article-journal', title: `Evidence and secrets ${i}`, author: [{ family: `Writer${i}`, given: 'Ben' }], 'container-title': 'Law Quarterly Review', volume: String(100 + i), page: String(10 + i), issued: { 'date-parts': [[2010 + (i % 14)]] } });
  }
  return items;
}

/** Paragraphs of `count` citations; the first cite every reference once (none unused), then random ones. */
function citingParagraphs(r, references, count) {
  const ids = references.map((item) => item.id);
  const paragraphs = [];
  let n = 0;
  while (n < count) {
    const sentences = [];
    for (let s = 0; s < 4 && n < count; s++, n++) {
      const id = n < ids.length ? ids[n] : r.pick(ids);
      const pin = r.int(1, 300);
      sentences.push(r.chance(0.2) ? `Courts have followed this approach [see @${id}, ${pin}; @${ids[(ids.indexOf(id) + 1) % ids.length]}].` : `The point is settled [@${id}, ${pin}].`);
    }
    paragraphs.push({ kind: 'para', parts: [{ t: 'text', v: sentences.join(' ') }] });
  }
  return paragraphs;
}

// ---------------------------------------------------------------------------------------------
// Planted lint findings (the precision bench)

/**
 * The kinds of defect `findings` plants, in turn: the rule that must report it and how to build
 * it. `marker` is text on the line the rule reports (`nth` occurrence of it in the file, `offset`
 * lines from it), so the bench finds the expected line in the written file.
 */
const PLANTS = [
  {
    rule: 'mandatory-language',
    block: (r, state, n, systems) => {
      const rec = plantedRecommendation(r, state, n, systems);
      rec.principle[0].parts.unshift({ t: 'text', v: `Planted finding ${n}: the court shall hear the applicant. ` });
      return { blocks: [rec], marker: `Planted finding ${n}:` };
    },
  },
  {
    rule: 'ref-target',
    block: (r, state, n) => ({ blocks: [{ kind: 'para', parts: [{ t: 'text', v: `Planted finding ${n} refers to ` }, { t: 'ref', id: `no-such-recommendation-${n}` }, { t: 'text', v: '.' }] }], marker: `no-such-recommendation-${n}` }),
  },
  {
    rule: 'footnote-undefined',
    block: (r, state, n) => ({ blocks: [{ kind: 'para', parts: [{ t: 'text', v: `Planted finding ${n} calls a note nobody wrote.` }, { t: 'fn', label: `missing${n}` }] }], marker: `Planted finding ${n} calls` }),
  },
  {
    rule: 'example-jurisdiction',
    block: (r, state, n, systems) => {
      const rec = plantedRecommendation(r, state, n, systems);
      // "UK" is not an ISO 3166 code (GB is): the example's opening line is reported.
      rec.examples = [{ jurisdiction: 'UK', body: [{ kind: 'para', parts: [{ t: 'text', v: `Planted finding ${n}: an example from nowhere.` }] }] }];
      return { blocks: [rec], marker: `Planted finding ${n}:`, offset: -1 };
    },
  },
  {
    rule: 'heading-slug-unique',
    block: (r, state, n) => {
      const title = `Planted finding ${n}, a heading written twice`;
      return { blocks: [{ kind: 'subheading', title }, paragraph(r, state, { refs: false, comments: false, footnotes: false }), { kind: 'subheading', title }], marker: `### ${title}`, nth: 2 };
    },
  },
  {
    rule: 'recommendation-support',
    block: (r, state, n, systems) => {
      const rec = plantedRecommendation(r, state, n, systems);
      const strip = (para) => (para.parts = para.parts.filter((p) => p.t !== 'fn'));
      paragraphsOf(rec).forEach(strip);
      return { blocks: [rec], marker: `{#${rec.id} ` };
    },
  },
  {
    rule: 'unknown-directive',
    block: (r, state, n) => ({ blocks: [{ kind: 'raw', text: `::recomendations[Planted finding ${n}]` }], marker: `[Planted finding ${n}]` }),
  },
  {
    rule: 'link-target',
    block: (r, state, n) => ({ blocks: [{ kind: 'para', parts: [{ t: 'text', v: `Planted finding ${n} shows ![a missing figure](../images/missing-${n}.png) here.` }] }], marker: `missing-${n}.png` }),
  },
];

/** A well-formed recommendation with its own id; its footnotes go to a list we drop (none are called). */
function plantedRecommendation(r, state, n, systems) {
  const scratch = { ...state, chapterFootnotes: [], recommendationIds: [], usedIds: new Set() };
  const rec = recommendation(r, scratch, systems);
  rec.id = `planted-${n}`;
  rec.comment = undefined;
  // No footnote calls either: their definitions would be needed in the chapter.
  paragraphsOf(rec).forEach((para) => (para.parts = para.parts.filter((p) => p.t !== 'fn' && p.t !== 'ref')));
  // Supported all the same, by a note defined in the chapter (added by plantFindings).
  rec.principle[0].parts.push({ t: 'fn', label: `planted${n}` });
  return rec;
}

function plantFindings(r, state, chapters, systems, count) {
  const planted = [];
  for (let n = 1; n <= count; n++) {
    const kind = PLANTS[(n - 1) % PLANTS.length];
    const chapter = r.pick(chapters);
    const section = r.pick(chapter.sections);
    const made = kind.block(r, state, n, systems);
    // Planted recommendations cite a note of their own; recommendation-support's plant has none.
    if (made.blocks.some((b) => b.kind === 'rec' && paragraphsOf(b).some((p) => p.parts.some((part) => part.t === 'fn')))) {
      chapter.footnotes.push({ label: `planted${n}`, text: `See ${r.pick(STATUTES)}, art. ${r.int(1, 400)}.` });
    }
    // At the end of the section, so a planted heading never takes the following blocks with it.
    section.blocks.push(...made.blocks);
    planted.push({ rule: kind.rule, file: chapter.file, marker: made.marker, nth: made.nth ?? 1, offset: made.offset ?? 0 });
  }
  return planted;
}

/**
 * The expected findings of a written report: `{ rule, file, line }` per planted defect, the line
 * found by the plant's marker in `files` (what toRapporteur wrote).
 */
export function expectedFindings(report, files, reportPath) {
  return report.planted.map((plant) => {
    const lines = files[plant.file].split('\n');
    const hits = lines.flatMap((line, i) => (line.includes(plant.marker) ? [i + 1] : []));
    if (hits.length < plant.nth) throw new Error(`planted marker ${plant.marker} not found in ${plant.file}`);
    return { rule: plant.rule, file: path.posix.join(reportPath, plant.file), line: hits[plant.nth - 1] + plant.offset };
  });
}

// ---------------------------------------------------------------------------------------------
// Serialisers

function yamlString(value) {
  return JSON.stringify(value);
}

function frontMatter(report, extra = {}) {
  const m = report.meta;
  const lines = [
    '---',
    `title: ${yamlString(m.title)}`,
    `dialogue: ${yamlString(m.dialogue)}`,
    `version: ${m.version}`,
    `status: ${m.status}`,
    `date: ${m.date}`,
    'rapporteurs:',
    ...m.rapporteurs.map((p) => `  - {name: ${yamlString(p.name)}, affiliation: ${yamlString(p.affiliation)}}`),
    `systems: [${m.systems.join(', ')}]`,
    `confidentiality: ${m.confidentiality}`,
  ];
  for (const [key, value] of Object.entries(extra)) {
    if (Array.isArray(value)) lines.push(`${key}:`, ...value.map((v) => `  - ${v}`));
    else lines.push(`${key}: ${value}`);
  }
  lines.push('---', '');
  return lines.join('\n');
}

function inline(parts, style, chapterIndex) {
  return parts
    .map((p) => {
      switch (p.t) {
        case 'text':
          return p.v;
        case 'em':
          return `*${p.v}*`;
        case 'code':
          return `\`${p.v}\``;
        case 'fn':
          return `[^${style === 'pandoc' ? `c${chapterIndex}-` : ''}${p.label}]`;
        case 'ref':
          return style === 'pandoc' ? `[Recommendation](#${p.id})` : `:ref[${p.id}]`;
        case 'icomment':
          return style === 'pandoc' ? `[${p.v}]{.comment author="${p.author}"}` : `:comment[${p.v}]{author="${p.author}"}`;
        default:
          return '';
      }
    })
    .join('');
}

function fence(n) {
  return ':'.repeat(n);
}

function serialiseBlocks(blocks, style, chapterIndex) {
  const out = [];
  for (const block of blocks) out.push(serialiseBlock(block, style, chapterIndex));
  return out.join('\n\n');
}

function open(style, n, name, { id, attrs = {} } = {}) {
  if (style === 'pandoc') {
    const list = [`.${name}`, id ? `#${id}` : '', ...Object.entries(attrs).map(([k, v]) => (v === true ? `${k}="true"` : `${k}="${v}"`))].filter(Boolean);
    return `${fence(n)} {${list.join(' ')}}`;
  }
  const list = [id ? `#${id}` : '', ...Object.entries(attrs).map(([k, v]) => (v === true ? k : /^[\w-]+$/.test(v) ? `${k}=${v}` : `${k}="${v}"`))].filter(Boolean);
  return `${fence(n)}${name}${list.length ? `{${list.join(' ')}}` : ''}`;
}

function serialiseBlock(block, style, chapterIndex) {
  switch (block.kind) {
    case 'para':
      return inline(block.parts, style, chapterIndex);
    case 'subheading':
      return `### ${block.title}`;
    case 'quote':
      return `> ${block.text}`;
    case 'raw':
      return block.text;
    case 'figure':
      // Paths are relative to the chapter file for Rapporteur and to pandoc's working folder (the report's) for pandoc.
      return `![${block.alt}](${style === 'pandoc' ? '' : '../'}${FIGURE_FILE})`;
    case 'list':
      return block.items.map((item, i) => `${block.ordered ? `${i + 1}.` : '-'} ${inline(item.parts, style, chapterIndex)}`).join('\n');
    case 'table': {
      const row = (cells) => `| ${cells.join(' | ')} |`;
      return [row(block.header), row(block.header.map(() => '---')), ...block.rows.map(row)].join('\n');
    }
    case 'comment':
      return [open(style, 3, 'comment', { attrs: { author: block.author, date: block.date, status: block.status } }), block.text, fence(3)].join('\n');
    case 'rec':
      return serialiseRecommendation(block, style, chapterIndex);
    default:
      return '';
  }
}

function serialiseRecommendation(rec, style, chapterIndex) {
  // The outer fence is longer than any inside it: 5 when variants hold examples, else 4.
  const nested = rec.variants.some((v) => v.examples.length > 0);
  const outer = nested ? 5 : 4;
  const inner = nested ? 4 : 3;
  const attrs = { title: rec.title, topic: rec.topic };
  if (rec.uniform) attrs.uniform = true;
  const lines = [open(style, outer, 'recommendation', { id: rec.id, attrs }), serialiseBlocks(rec.principle, style, chapterIndex), ''];
  for (const variant of rec.variants) {
    lines.push(open(style, inner, 'variant', { attrs: { system: variant.system } }), serialiseBlocks(variant.body, style, chapterIndex));
    for (const example of variant.examples) {
      lines.push('', open(style, 3, 'example', { attrs: { jurisdiction: example.jurisdiction } }), serialiseBlocks(example.body, style, chapterIndex), fence(3));
    }
    lines.push(fence(inner), '');
  }
  for (const example of rec.examples) {
    lines.push(open(style, 3, 'example', { attrs: { jurisdiction: example.jurisdiction } }), serialiseBlocks(example.body, style, chapterIndex), fence(3), '');
  }
  if (rec.rationale.length) lines.push(open(style, 3, 'rationale'), serialiseBlocks(rec.rationale, style, chapterIndex), fence(3), '');
  if (rec.comment) {
    const c = rec.comment;
    lines.push(open(style, 3, 'comment', { attrs: { author: c.author, date: c.date, status: c.status } }), c.text, fence(3), '');
  }
  lines.push(fence(outer));
  return lines.join('\n');
}

function serialiseChapter(chapter, style, chapterIndex) {
  const parts = [`# ${chapter.title}`];
  for (const section of chapter.sections) {
    parts.push(`## ${section.title}`, serialiseBlocks(section.blocks, style, chapterIndex));
  }
  for (const note of chapter.footnotes) parts.push(`[^${style === 'pandoc' ? `c${chapterIndex}-` : ''}${note.label}]: ${note.text}`);
  return `${parts.join('\n\n')}\n`;
}

/** The report in Rapporteur's dialect: `{ 'report.md': ..., 'chapters/01-chapter.md': ... }`. */
export function toRapporteur(report) {
  const files = { [FIGURE_FILE]: PNG_1X1 };
  if (report.references?.length) files['references.json'] = `${JSON.stringify(report.references, null, 1)}\n`;
  files['report.md'] = `${frontMatter(report, { chapters: report.chapters.map((c) => c.file) })}\n::toc\n\n${serialiseBlocks(report.intro, 'rapporteur', 0)}\n\n::recommendations\n`;
  report.chapters.forEach((chapter, i) => {
    files[chapter.file] = serialiseChapter(chapter, 'rapporteur', i + 1);
  });
  return files;
}

/**
 * The same report in pandoc's Markdown: fenced divs for recommendations and their parts, spans
 * for inline comments, links for cross-references, chapter-prefixed footnote labels (pandoc
 * concatenates its inputs). `files` are given to pandoc in `order`.
 */
export function toPandoc(report) {
  const files = { [FIGURE_FILE]: PNG_1X1 };
  if (report.references?.length) files['references.json'] = `${JSON.stringify(report.references, null, 1)}\n`;
  files['report.md'] = `${frontMatter(report)}\n${serialiseBlocks(report.intro, 'pandoc', 0)}\n`;
  report.chapters.forEach((chapter, i) => {
    files[chapter.file] = serialiseChapter(chapter, 'pandoc', i + 1);
  });
  return { files, order: ['report.md', ...report.chapters.map((c) => c.file)] };
}

// ---------------------------------------------------------------------------------------------
// Second revision

/**
 * A later draft: `editShare` of the paragraphs get a sentence rewritten or added, some
 * recommendations move to another section, some are removed and some are added. Returns the new
 * report and what was done, so tests can check a redline against it.
 */
export function reviseReport(report, { seed = 2, editShare = 0.1, moved = 2, added = 2, removed = 2 } = {}) {
  const r = rng(seed);
  const next = structuredClone(report);
  next.meta.version = '0.2.0';
  const state = { footnoteSeq: 10_000, chapterFootnotes: [], recommendationIds: [], usedIds: new Set(), usedHeadings: new Set() };
  const sections = next.chapters.flatMap((c) => c.sections);
  const recs = [];
  for (const section of sections) for (const block of section.blocks) if (block.kind === 'rec') { recs.push(block); state.usedIds.add(block.id); }
  const changes = { edited: 0, moved: [], added: [], removed: [] };

  // Exactly round(editShare × paragraphs) paragraphs, anywhere (recommendations included), get a new first sentence.
  const paragraphs = sections.flatMap((section) => section.blocks.flatMap(paragraphsOf));
  const toEdit = Math.round(editShare * paragraphs.length);
  const pool = [...paragraphs];
  for (let n = 0; n < toEdit && pool.length; n++) {
    const block = pool.splice(r.int(0, pool.length - 1), 1)[0];
    const i = block.parts.findIndex((p) => p.t === 'text' && p.v.length > 20);
    if (i === -1) continue;
    block.parts[i] = { t: 'text', v: `${sentence(r)} ${block.parts[i].v}` };
    changes.edited += 1;
  }
  // Removed recommendations must not be the target of any reference that stays.
  const referenced = new Set();
  for (const section of sections) for (const block of section.blocks) collectRefs(block, referenced);
  const removable = recs.filter((rec) => !referenced.has(rec.id));
  for (let i = 0; i < removed && removable.length; i++) {
    const rec = removable.splice(r.int(0, removable.length - 1), 1)[0];
    for (const section of sections) section.blocks = section.blocks.filter((b) => b !== rec);
    changes.removed.push(rec.id);
  }
  const movable = recs.filter((rec) => !changes.removed.includes(rec.id));
  for (let i = 0; i < moved && movable.length > 1; i++) {
    const rec = movable.splice(r.int(0, movable.length - 1), 1)[0];
    const from = sections.find((s) => s.blocks.includes(rec));
    from.blocks = from.blocks.filter((b) => b !== rec);
    const to = r.pick(sections.filter((s) => s !== from));
    to.blocks.splice(r.int(0, to.blocks.length), 0, rec);
    changes.moved.push(rec.id);
  }
  for (let i = 0; i < added; i++) {
    state.chapterFootnotes = [];
    const rec = recommendation(r, state, next.meta.systems);
    const chapter = r.pick(next.chapters);
    const section = r.pick(chapter.sections);
    section.blocks.splice(r.int(0, section.blocks.length), 0, rec);
    // Its footnotes go to the chapter it landed in.
    chapter.footnotes.push(...state.chapterFootnotes);
    changes.added.push(rec.id);
  }
  // Notes of removed recommendations go with them.
  for (const chapter of next.chapters) {
    const used = new Set();
    for (const section of chapter.sections) {
      for (const block of section.blocks) for (const para of paragraphsOf(block)) for (const part of para.parts) if (part.t === 'fn') used.add(part.label);
    }
    chapter.footnotes = chapter.footnotes.filter((note) => used.has(note.label));
  }
  return { report: next, changes };
}

function paragraphsOf(block) {
  if (block.kind === 'para') return [block];
  if (block.kind === 'list') return block.items;
  if (block.kind === 'rec') {
    return [...block.principle, ...block.variants.flatMap((v) => [...v.body, ...v.examples.flatMap((e) => e.body)]), ...block.examples.flatMap((e) => e.body), ...block.rationale];
  }
  return [];
}

function collectRefs(block, into) {
  const visitParts = (parts) => parts.forEach((p) => p.t === 'ref' && into.add(p.id));
  if (block.kind === 'para') visitParts(block.parts);
  if (block.kind === 'list') block.items.forEach((item) => visitParts(item.parts));
  if (block.kind === 'rec') {
    for (const b of [...block.principle, ...block.rationale, ...block.variants.flatMap((v) => [...v.body, ...v.examples.flatMap((e) => e.body)]), ...block.examples.flatMap((e) => e.body)]) visitParts(b.parts);
  }
}

// ---------------------------------------------------------------------------------------------
// Writing to disk

/** Writes `files` (relative paths → text or bytes) under `dir`. */
export function writeFiles(dir, files) {
  for (const [file, text] of Object.entries(files)) {
    const abs = path.join(dir, file);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, text);
  }
}

/** A workspace with the report at `reports/<slug>/` (Rapporteur dialect) and `pandoc/<slug>/`. */
export function writeWorkspace(dir, report) {
  writeFiles(path.join(dir, 'reports', report.slug), toRapporteur(report));
  const pandoc = toPandoc(report);
  writeFiles(path.join(dir, 'pandoc', report.slug), pandoc.files);
  return { reportDir: path.join(dir, 'reports', report.slug), pandocDir: path.join(dir, 'pandoc', report.slug), pandocOrder: pandoc.order };
}

function git(cwd, args) {
  const result = spawnSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_AUTHOR_NAME: 'Bench',
      GIT_AUTHOR_EMAIL: 'bench@example.org',
      GIT_COMMITTER_NAME: 'Bench',
      GIT_COMMITTER_EMAIL: 'bench@example.org',
      GIT_AUTHOR_DATE: '2026-11-01T10:00:00Z',
      GIT_COMMITTER_DATE: '2026-11-01T10:00:00Z',
    },
  });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

/**
 * A temporary git repository (under `dir`, or a new temp folder) holding the report at v0.1.0 and
 * its second revision at v0.2.0, both tagged; the working tree is at v0.2.0.
 */
export function writeRevisionRepo({ pages = 10, seed = 1, editShare = 0.1, dir, slug = 'generated', citations = 0 } = {}) {
  const root = dir ?? mkdtempSync(path.join(os.tmpdir(), `rapporteur-bench-${pages}-`));
  mkdirSync(root, { recursive: true });
  const first = generateReport({ pages, seed, slug, citations });
  const second = reviseReport(first, { seed: seed + 1000, editShare });
  git(root, ['init', '-q', '-b', 'main']);
  writeFileSync(path.join(root, '.gitignore'), 'dist/\n.rapporteur-cache/\n');
  writeWorkspace(root, first);
  git(root, ['add', '-A']);
  git(root, ['commit', '-q', '-m', 'Draft 0.1.0']);
  git(root, ['tag', 'v0.1.0']);
  writeWorkspace(root, second.report);
  git(root, ['add', '-A']);
  git(root, ['commit', '-q', '-m', 'Draft 0.2.0']);
  git(root, ['tag', 'v0.2.0']);
  return { root, slug, first, second: second.report, changes: second.changes };
}

/**
 * Stores a complete translation of the written report for each of `languages`
 * (`reports/<slug>/translations/<lang>.po`), every unit translated: its source with a language
 * tag in front, placeholders kept, so that `build --lang`, `lint` and `diff` see a translation as
 * large as the report. Units come from Rapporteur's own extraction (the compiled lib/, so `npm run
 * compile` first), never from reading the Markdown here.
 */
export async function writeTranslations({ root, slug, languages }) {
  const { loadReport } = await import('../lib/model/load.js');
  const { collectUnits } = await import('../lib/i18n/units.js');
  const { writePo } = await import('../lib/i18n/formats.js');
  const file = path.join(root, 'reports', slug, 'report.md');
  const { report } = await loadReport({ slug, root, file });
  const units = collectUnits(report);
  const written = [];
  for (const lang of languages) {
    const entries = units.map((unit) => ({ unit, target: [`[${lang}] `, ...unit.source], state: 'translated' }));
    const text = writePo({ srcLang: report.meta.lang, trgLang: lang, report: slug, original: path.relative(root, file), entries });
    const out = path.join(root, 'reports', slug, 'translations', `${lang}.po`);
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, text);
    written.push({ lang, file: out, units: units.length });
  }
  return written;
}

// `node bench/generate.js 100 /tmp/out` writes one revision repository, for trying things by hand.
if (import.meta.url === `file://${process.argv[1]}`) {
  const pages = Number(process.argv[2] ?? 10);
  const dir = process.argv[3];
  const made = writeRevisionRepo({ pages, dir });
  process.stdout.write(`${made.root}\n${JSON.stringify(made.changes)}\n`);
}
