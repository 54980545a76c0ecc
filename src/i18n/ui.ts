import type { State } from 'mdast-util-to-hast';

/**
 * The words the templates and render steps add around a report's own text ("Recommendation 2.3",
 * "Civil-law systems", "Contents", "Page 3 of 12"), in every language a report may be built in.
 * A small table, not a framework: `{name}` slots are filled by `ui()`. A language missing here
 * falls back to its base language ("fr-CA" → "fr"), then to English.
 */
export const UI_LANGUAGES = ['en', 'fr', 'de', 'es', 'ja', 'ko', 'zh-Hans', 'zh-Hant'] as const;

type Strings = {
  recommendation: string;
  section: string;
  'civil-law': string;
  'common-law': string;
  systemVariant: string;
  example: string;
  rationale: string;
  uniform: string;
  contents: string;
  glossary: string;
  bibliography: string;
  authorities: string;
  authorityCases: string;
  authorityLegislation: string;
  authorityTreaties: string;
  authorityOther: string;
  notes: string;
  backToReference: string;
  summaryNumber: string;
  summaryRecommendation: string;
  summaryVariants: string;
  allSystems: string;
  version: string;
  draft: string;
  review: string;
  final: string;
  rapporteur: string;
  rapporteurs: string;
  workingGroupOnly: string;
  fullEdition: string;
  systemEdition: string;
  showVariantsFor: string;
  allLegalSystems: string;
  systemOnly: string;
  linkToRecommendation: string;
  linkToSection: string;
  page: string;
  untranslated: string;
  stale: string;
  draftMark: string;
  reviewMark: string;
  unknownReference: string;
  /** The notes and pages after a table of authorities' entry: one note, several, one page, several. */
  authorityNote: string;
  authorityNotes: string;
  authorityPage: string;
  authorityPages: string;
};

const en: Strings = {
  recommendation: 'Recommendation {number}',
  section: 'Section {number}',
  'civil-law': 'Civil-law systems',
  'common-law': 'Common-law systems',
  systemVariant: '{system} systems',
  example: 'Example: {name}',
  rationale: 'Rationale',
  uniform: 'This recommendation is the same for every legal system.',
  contents: 'Contents',
  glossary: 'Glossary',
  bibliography: 'Bibliography',
  authorities: 'Table of authorities',
  authorityCases: 'Cases',
  authorityLegislation: 'Legislation',
  authorityTreaties: 'Treaties and international instruments',
  authorityOther: 'Other sources',
  notes: 'Notes',
  backToReference: 'Back to reference {number}',
  summaryNumber: 'No.',
  summaryRecommendation: 'Recommendation',
  summaryVariants: 'Variants',
  allSystems: 'All systems',
  version: 'Version {version}',
  draft: 'Draft',
  review: 'Review draft',
  final: 'Final',
  rapporteur: 'Rapporteur',
  rapporteurs: 'Rapporteurs',
  workingGroupOnly: 'Working group only — not for distribution',
  fullEdition: 'Full edition',
  systemEdition: '{system} edition',
  showVariantsFor: 'Show variants for',
  allLegalSystems: 'All legal systems',
  systemOnly: '{system} only',
  linkToRecommendation: 'Link to Recommendation {number}',
  linkToSection: 'Link to this section',
  page: 'Page {page} of {pages}',
  untranslated: 'Not yet translated: shown in the original language',
  stale: 'The original has changed since this was translated: shown in the original language',
  draftMark: 'DRAFT',
  reviewMark: 'REVIEW DRAFT',
  unknownReference: '[unknown reference: {target}]',
  authorityNote: 'n {numbers}',
  authorityNotes: 'nn {numbers}',
  authorityPage: 'p. {numbers}',
  authorityPages: 'pp. {numbers}',
};

const TABLE: Record<(typeof UI_LANGUAGES)[number], Strings> = {
  en,
  fr: {
    recommendation: 'Recommandation {number}',
    section: 'Section {number}',
    'civil-law': 'Systèmes de droit civil',
    'common-law': 'Systèmes de common law',
    systemVariant: 'Systèmes {system}',
    example: 'Exemple : {name}',
    rationale: 'Justification',
    uniform: 'Cette recommandation est la même pour tous les systèmes juridiques.',
    contents: 'Sommaire',
    glossary: 'Glossaire',
    bibliography: 'Bibliographie',
    authorities: 'Table des sources',
    authorityCases: 'Jurisprudence',
    authorityLegislation: 'Législation',
    authorityTreaties: 'Traités et instruments internationaux',
    authorityOther: 'Autres sources',
    notes: 'Notes',
    backToReference: 'Retour à l’appel {number}',
    summaryNumber: 'N°',
    summaryRecommendation: 'Recommandation',
    summaryVariants: 'Variantes',
    allSystems: 'Tous les systèmes',
    version: 'Version {version}',
    draft: 'Projet',
    review: 'Projet soumis à examen',
    final: 'Version définitive',
    rapporteur: 'Rapporteur',
    rapporteurs: 'Rapporteurs',
    workingGroupOnly: 'Réservé au groupe de travail — ne pas diffuser',
    fullEdition: 'Édition complète',
    systemEdition: 'Édition {system}',
    showVariantsFor: 'Afficher les variantes pour',
    allLegalSystems: 'Tous les systèmes juridiques',
    systemOnly: '{system} seulement',
    linkToRecommendation: 'Lien vers la recommandation {number}',
    linkToSection: 'Lien vers cette section',
    page: 'Page {page} sur {pages}',
    untranslated: 'Pas encore traduit : texte original',
    stale: 'L’original a changé depuis la traduction : texte original',
    draftMark: 'PROJET',
    reviewMark: 'PROJET SOUMIS À EXAMEN',
    unknownReference: '[renvoi inconnu : {target}]',
    authorityNote: 'note {numbers}',
    authorityNotes: 'notes {numbers}',
    authorityPage: 'p. {numbers}',
    authorityPages: 'p. {numbers}',
  },
  de: {
    recommendation: 'Empfehlung {number}',
    section: 'Abschnitt {number}',
    'civil-law': 'Kontinentaleuropäische Rechtsordnungen',
    'common-law': 'Common-Law-Rechtsordnungen',
    systemVariant: 'Rechtsordnungen: {system}',
    example: 'Beispiel: {name}',
    rationale: 'Begründung',
    uniform: 'Diese Empfehlung gilt für alle Rechtsordnungen gleich.',
    contents: 'Inhalt',
    glossary: 'Glossar',
    bibliography: 'Literaturverzeichnis',
    authorities: 'Verzeichnis der Rechtsquellen',
    authorityCases: 'Rechtsprechung',
    authorityLegislation: 'Gesetze und Verordnungen',
    authorityTreaties: 'Verträge und internationale Instrumente',
    authorityOther: 'Sonstige Quellen',
    notes: 'Anmerkungen',
    backToReference: 'Zurück zur Fußnote {number}',
    summaryNumber: 'Nr.',
    summaryRecommendation: 'Empfehlung',
    summaryVariants: 'Varianten',
    allSystems: 'Alle Rechtsordnungen',
    version: 'Version {version}',
    draft: 'Entwurf',
    review: 'Entwurf zur Prüfung',
    final: 'Endfassung',
    rapporteur: 'Berichterstatter',
    rapporteurs: 'Berichterstatter',
    workingGroupOnly: 'Nur für die Arbeitsgruppe — nicht zur Weitergabe',
    fullEdition: 'Vollständige Ausgabe',
    systemEdition: 'Ausgabe {system}',
    showVariantsFor: 'Varianten anzeigen für',
    allLegalSystems: 'Alle Rechtsordnungen',
    systemOnly: 'Nur {system}',
    linkToRecommendation: 'Link zu Empfehlung {number}',
    linkToSection: 'Link zu diesem Abschnitt',
    page: 'Seite {page} von {pages}',
    untranslated: 'Noch nicht übersetzt: Originaltext',
    stale: 'Das Original wurde seit der Übersetzung geändert: Originaltext',
    draftMark: 'ENTWURF',
    reviewMark: 'ENTWURF ZUR PRÜFUNG',
    unknownReference: '[unbekannter Verweis: {target}]',
    authorityNote: 'Fn. {numbers}',
    authorityNotes: 'Fn. {numbers}',
    authorityPage: 'S. {numbers}',
    authorityPages: 'S. {numbers}',
  },
  es: {
    recommendation: 'Recomendación {number}',
    section: 'Sección {number}',
    'civil-law': 'Sistemas de derecho civil',
    'common-law': 'Sistemas de common law',
    systemVariant: 'Sistemas {system}',
    example: 'Ejemplo: {name}',
    rationale: 'Fundamento',
    uniform: 'Esta recomendación es la misma para todos los sistemas jurídicos.',
    contents: 'Índice',
    glossary: 'Glosario',
    bibliography: 'Bibliografía',
    authorities: 'Índice de fuentes jurídicas',
    authorityCases: 'Jurisprudencia',
    authorityLegislation: 'Legislación',
    authorityTreaties: 'Tratados e instrumentos internacionales',
    authorityOther: 'Otras fuentes',
    notes: 'Notas',
    backToReference: 'Volver a la referencia {number}',
    summaryNumber: 'N.º',
    summaryRecommendation: 'Recomendación',
    summaryVariants: 'Variantes',
    allSystems: 'Todos los sistemas',
    version: 'Versión {version}',
    draft: 'Borrador',
    review: 'Borrador para revisión',
    final: 'Versión final',
    rapporteur: 'Relator',
    rapporteurs: 'Relatores',
    workingGroupOnly: 'Solo para el grupo de trabajo — no distribuir',
    fullEdition: 'Edición completa',
    systemEdition: 'Edición {system}',
    showVariantsFor: 'Mostrar variantes para',
    allLegalSystems: 'Todos los sistemas jurídicos',
    systemOnly: 'Solo {system}',
    linkToRecommendation: 'Enlace a la recomendación {number}',
    linkToSection: 'Enlace a esta sección',
    page: 'Página {page} de {pages}',
    untranslated: 'Aún no traducido: texto original',
    stale: 'El original ha cambiado desde la traducción: texto original',
    draftMark: 'BORRADOR',
    reviewMark: 'BORRADOR PARA REVISIÓN',
    unknownReference: '[referencia desconocida: {target}]',
    authorityNote: 'n. {numbers}',
    authorityNotes: 'nn. {numbers}',
    authorityPage: 'p. {numbers}',
    authorityPages: 'pp. {numbers}',
  },
  ja: {
    recommendation: '勧告 {number}',
    section: '第 {number} 節',
    'civil-law': '大陸法系',
    'common-law': '英米法系',
    systemVariant: '{system}',
    example: '事例：{name}',
    rationale: '理由',
    uniform: 'この勧告はすべての法体系に共通である。',
    contents: '目次',
    glossary: '用語集',
    bibliography: '参考文献',
    authorities: '法令・判例索引',
    authorityCases: '判例',
    authorityLegislation: '法令',
    authorityTreaties: '条約・国際文書',
    authorityOther: 'その他の資料',
    notes: '注',
    backToReference: '注 {number} の参照箇所に戻る',
    summaryNumber: '番号',
    summaryRecommendation: '勧告',
    summaryVariants: '法体系別の内容',
    allSystems: 'すべての法体系',
    version: '第 {version} 版',
    draft: '草案',
    review: '検討用草案',
    final: '確定版',
    rapporteur: '報告者',
    rapporteurs: '報告者',
    workingGroupOnly: '作業部会限り — 配布禁止',
    fullEdition: '完全版',
    systemEdition: '{system}版',
    showVariantsFor: '表示する法体系',
    allLegalSystems: 'すべての法体系',
    systemOnly: '{system}のみ',
    linkToRecommendation: '勧告 {number} へのリンク',
    linkToSection: 'この節へのリンク',
    page: '{page} / {pages} ページ',
    untranslated: '未翻訳のため原文を表示',
    stale: '翻訳後に原文が変更されたため原文を表示',
    draftMark: '草案',
    reviewMark: '検討用草案',
    unknownReference: '[不明な参照：{target}]',
    authorityNote: '注 {numbers}',
    authorityNotes: '注 {numbers}',
    authorityPage: '{numbers} 頁',
    authorityPages: '{numbers} 頁',
  },
  ko: {
    recommendation: '권고 {number}',
    section: '제 {number} 절',
    'civil-law': '대륙법계',
    'common-law': '영미법계',
    systemVariant: '{system}',
    example: '사례: {name}',
    rationale: '이유',
    uniform: '이 권고는 모든 법체계에 동일하다.',
    contents: '목차',
    glossary: '용어집',
    bibliography: '참고문헌',
    authorities: '법령 및 판례 색인',
    authorityCases: '판례',
    authorityLegislation: '법령',
    authorityTreaties: '조약 및 국제문서',
    authorityOther: '기타 자료',
    notes: '주',
    backToReference: '주 {number}의 참조 위치로 돌아가기',
    summaryNumber: '번호',
    summaryRecommendation: '권고',
    summaryVariants: '법체계별 내용',
    allSystems: '모든 법체계',
    version: '제 {version} 판',
    draft: '초안',
    review: '검토용 초안',
    final: '최종본',
    rapporteur: '보고자',
    rapporteurs: '보고자',
    workingGroupOnly: '작업반 한정 — 배포 금지',
    fullEdition: '전체판',
    systemEdition: '{system}판',
    showVariantsFor: '표시할 법체계',
    allLegalSystems: '모든 법체계',
    systemOnly: '{system}만',
    linkToRecommendation: '권고 {number} 링크',
    linkToSection: '이 절 링크',
    page: '{page} / {pages} 쪽',
    untranslated: '번역되지 않아 원문을 표시',
    stale: '번역 후 원문이 변경되어 원문을 표시',
    draftMark: '초안',
    reviewMark: '검토용 초안',
    unknownReference: '[알 수 없는 참조: {target}]',
    authorityNote: '주 {numbers}',
    authorityNotes: '주 {numbers}',
    authorityPage: '{numbers} 쪽',
    authorityPages: '{numbers} 쪽',
  },
  'zh-Hans': {
    recommendation: '建议 {number}',
    section: '第 {number} 节',
    'civil-law': '大陆法系',
    'common-law': '英美法系',
    systemVariant: '{system}',
    example: '示例：{name}',
    rationale: '理由',
    uniform: '本建议适用于所有法律体系。',
    contents: '目录',
    glossary: '术语表',
    bibliography: '参考文献',
    authorities: '法律及判例索引',
    authorityCases: '案例',
    authorityLegislation: '法律法规',
    authorityTreaties: '条约及国际文书',
    authorityOther: '其他文献',
    notes: '注释',
    backToReference: '返回注释 {number} 的引用处',
    summaryNumber: '编号',
    summaryRecommendation: '建议',
    summaryVariants: '各法系内容',
    allSystems: '所有法律体系',
    version: '第 {version} 版',
    draft: '草案',
    review: '审议草案',
    final: '定稿',
    rapporteur: '报告人',
    rapporteurs: '报告人',
    workingGroupOnly: '仅限工作组 — 不得分发',
    fullEdition: '完整版',
    systemEdition: '{system}版',
    showVariantsFor: '显示的法律体系',
    allLegalSystems: '所有法律体系',
    systemOnly: '仅{system}',
    linkToRecommendation: '链接至建议 {number}',
    linkToSection: '链接至本节',
    page: '第 {page} 页，共 {pages} 页',
    untranslated: '尚未翻译，显示原文',
    stale: '原文在翻译后已修改，显示原文',
    draftMark: '草案',
    reviewMark: '审议草案',
    unknownReference: '[未知引用：{target}]',
    authorityNote: '注 {numbers}',
    authorityNotes: '注 {numbers}',
    authorityPage: '第 {numbers} 页',
    authorityPages: '第 {numbers} 页',
  },
  'zh-Hant': {
    recommendation: '建議 {number}',
    section: '第 {number} 節',
    'civil-law': '大陸法系',
    'common-law': '英美法系',
    systemVariant: '{system}',
    example: '示例：{name}',
    rationale: '理由',
    uniform: '本建議適用於所有法律體系。',
    contents: '目錄',
    glossary: '術語表',
    bibliography: '參考文獻',
    authorities: '法律及判例索引',
    authorityCases: '案例',
    authorityLegislation: '法律法規',
    authorityTreaties: '條約及國際文書',
    authorityOther: '其他文獻',
    notes: '註釋',
    backToReference: '返回註釋 {number} 的引用處',
    summaryNumber: '編號',
    summaryRecommendation: '建議',
    summaryVariants: '各法系內容',
    allSystems: '所有法律體系',
    version: '第 {version} 版',
    draft: '草案',
    review: '審議草案',
    final: '定稿',
    rapporteur: '報告人',
    rapporteurs: '報告人',
    workingGroupOnly: '僅限工作組 — 不得分發',
    fullEdition: '完整版',
    systemEdition: '{system}版',
    showVariantsFor: '顯示的法律體系',
    allLegalSystems: '所有法律體系',
    systemOnly: '僅{system}',
    linkToRecommendation: '連結至建議 {number}',
    linkToSection: '連結至本節',
    page: '第 {page} 頁，共 {pages} 頁',
    untranslated: '尚未翻譯，顯示原文',
    stale: '原文在翻譯後已修改，顯示原文',
    draftMark: '草案',
    reviewMark: '審議草案',
    unknownReference: '[未知引用：{target}]',
    authorityNote: '注 {numbers}',
    authorityNotes: '注 {numbers}',
    authorityPage: '第 {numbers} 頁',
    authorityPages: '第 {numbers} 頁',
  },
};

export type UiKey = keyof Strings;

/** The table for a BCP 47 tag: exact, then with the script a Chinese region implies, then the base language, then English. */
export function uiStrings(lang: string | undefined): Strings {
  const tag = (lang ?? 'en').trim();
  const table = TABLE as Record<string, Strings>;
  if (table[tag]) return table[tag];
  const lower = tag.toLowerCase();
  if (lower.startsWith('zh')) return /hant|-tw|-hk|-mo/.test(lower) ? TABLE['zh-Hant'] : TABLE['zh-Hans'];
  return table[lower.split('-')[0]] ?? en;
}

/** One UI string in `lang`, with `{name}` slots filled. */
export function ui(lang: string | undefined, key: UiKey, values: Record<string, string> = {}): string {
  return uiStrings(lang)[key].replace(/\{(\w+)\}/g, (slot, name: string) => values[name] ?? slot);
}

/** "civil-law" → "Civil-law systems" / "大陸法系": the table's name, or one made from the system's slug. */
export function systemName(lang: string | undefined, system: string): string {
  const strings = uiStrings(lang) as unknown as Record<string, string>;
  if (system === 'civil-law' || system === 'common-law') return strings[system];
  return ui(lang, 'systemVariant', { system: system.charAt(0).toUpperCase() + system.slice(1) });
}

/** A jurisdiction's name in `lang` from the ICU data Node ships (CLDR), or undefined. */
export function regionName(lang: string | undefined, code: string): string | undefined {
  try {
    const name = new Intl.DisplayNames([lang ?? 'en'], { type: 'region', fallback: 'none' }).of(code);
    return name || undefined;
  } catch {
    return undefined;
  }
}

/** The language the hast handlers render UI strings in, passed with mdast-util-to-hast's options. */
export function stateLang(state: State): string | undefined {
  return (state.options as { uiLang?: string }).uiLang;
}
