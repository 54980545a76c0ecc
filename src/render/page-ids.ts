/**
 * Ids the page itself uses, outside the report's content: the template's `<main id="main">`, the
 * contents (`::toc`), the footnotes' heading, the variant switcher's radio buttons. A heading
 * whose slug would be one of them gets `-1` instead (extract.ts); a recommendation id, chosen by
 * its author as a permalink, is a lint error (recommendation-id). Either way no two elements of a
 * page share an id, so `#main` and the skip link keep pointing where they should.
 */
export function reservedPageIds(systems: readonly string[], templateIds: readonly string[] = []): string[] {
  const own = ['main', 'contents', 'footnote-label', 'view-all', ...systems.map((system) => `view-${system}`)];
  // The template's own elements (a workspace template's `<header id="masthead">`) are the page's too.
  return [...new Set([...own, ...templateIds])];
}
