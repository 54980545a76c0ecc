import json, os, base64, shutil
root = os.path.dirname(os.path.abspath(__file__))
for d in os.listdir(root):
    p = os.path.join(root, d)
    if os.path.isdir(p): shutil.rmtree(p)

FMV = {'title': 'Test Report', 'dialogue': 'Trade Secrets Best Practices Dialogue', 'version': '0.1.0', 'status': 'draft', 'date': '2026-11-21'}
def fm(**kw):
    fields = dict(FMV)
    for k, v in kw.items():
        if v is None: fields.pop(k, None)
        else: fields[k] = v
    return '---\n' + ''.join(f'{k}: {v}\n' for k, v in fields.items()) + '---\n\n'

REC = '''::::recommendation{#preserve-evidence title="Preserve evidence"}
Courts should be able to order that evidence is preserved.

:::variant{system=civil-law}
A bailiff describes or seizes the evidence.
:::

:::variant{system=common-law}
A search order is supervised by an independent solicitor.
:::

:::example{jurisdiction=FR}
The *saisie* procedure lets a bailiff describe evidence.
:::
::::
'''
BODY = '# Introduction\n\nThe working group met twice.\n\n' + REC

cases = {}
def case(name, description, args, exit_code, files=None, **extra):
    spec = {'description': description, 'args': args, 'exitCode': exit_code}
    spec.update(extra)
    cases[name] = (spec, files or {})

R = 'reports/r/report.md'
# --- front matter
case('yaml-broken', 'front matter that is not YAML', ['build', 'r'], 2, {R: '---\ntitle: Test\nrapporteurs: [unclosed\nversion: 0.1.0\nstatus: draft\n---\n\nText.\n'},
     stderrIncludes=['reports/r/report.md:', 'front matter is not valid YAML'])
case('yaml-not-a-mapping', 'front matter that is a list', ['build', 'r'], 2, {R: '---\n- just\n- a list\n---\n\nText.\n'},
     stderrIncludes=['reports/r/report.md:2:', 'front matter must be a YAML mapping'])
case('yaml-duplicate-key', 'a field given twice', ['build', 'r'], 2, {R: '---\ntitle: One\ntitle: Two\nversion: 0.1.0\nstatus: draft\n---\n\nText.\n'},
     stderrIncludes=['reports/r/report.md:3:', 'front matter is not valid YAML'])
case('yaml-tab-indentation', 'tabs in YAML indentation', ['build', 'r'], 2, {R: '---\ntitle: T\nversion: 0.1.0\nstatus: draft\nrapporteurs:\n\t- name: A\n---\n\nText.\n'},
     stderrIncludes=['reports/r/report.md:', 'front matter is not valid YAML'])
case('frontmatter-version-number', 'version written as a number', ['build', 'r'], 2, {R: fm(version='1.0') + 'Text.\n'},
     stderrIncludes=['reports/r/report.md:4:', '`version` must be a semver string'])
case('frontmatter-bad-status', 'unknown status', ['build', 'r'], 2, {R: fm(status='published') + 'Text.\n'},
     stderrIncludes=['reports/r/report.md:5:', '`status` must be one of draft, review, final'])
case('frontmatter-missing-title', 'no title', ['build', 'r'], 2, {R: fm(title=None) + 'Text.\n'},
     stderrIncludes=['reports/r/report.md:1:', 'the report needs a `title`'])
case('frontmatter-bad-date', 'a date not written YYYY-MM-DD', ['build', 'r'], 2, {R: fm(date='21/11/2026') + 'Text.\n'},
     stderrIncludes=['reports/r/report.md:6:', '`date` must be a date written YYYY-MM-DD'])
case('frontmatter-systems-string', 'systems given as a string', ['build', 'r'], 2, {R: fm(systems='civil-law') + 'Text.\n'},
     stderrIncludes=['reports/r/report.md:7:', '`systems` must be a list'])
case('frontmatter-chapters-string', 'chapters given as a string', ['build', 'r'], 2, {R: fm(chapters='one.md') + 'Text.\n'},
     stderrIncludes=['reports/r/report.md:7:', '`chapters` must be a list of file paths'])
case('frontmatter-missing', 'no front matter at all', ['build', 'r'], 2, {R: '# Just a heading\n\nText.\n'},
     stderrIncludes=['reports/r/report.md:1:1', 'the report has no front matter'])
case('frontmatter-unclosed', 'front matter never closed', ['build', 'r'], 2, {R: '---\ntitle: Test\nversion: 0.1.0\n\nText.\n'},
     stderrIncludes=['reports/r/report.md:1:1', 'the report has no front matter'])
# --- chapters
case('chapter-missing', 'a chapter that does not exist', ['build', 'r'], 2, {R: fm(chapters='[chapters/01.md, chapters/02.md]') + BODY, 'reports/r/chapters/01.md': '# One\n\nText.\n'},
     stderrIncludes=['reports/r/report.md:7:', 'chapter `chapters/02.md` does not exist'], noOutputs=['r/r.html'])
case('chapter-cycle-self', 'the report lists itself as a chapter', ['build', 'r'], 2, {R: fm(chapters='[report.md]') + BODY},
     stderrIncludes=['reports/r/report.md:7:', 'is listed twice (or is the report itself)'])
case('chapter-listed-twice', 'one chapter listed twice', ['build', 'r'], 2, {R: fm(chapters='[a.md, ./a.md]') + BODY, 'reports/r/a.md': '# A\n\nText.\n'},
     stderrIncludes=['reports/r/report.md:7:', 'chapter `./a.md` is listed twice'])
case('chapter-escapes-dotdot', 'a chapter path that climbs out of the report folder', ['build', 'r'], 2, {R: fm(chapters='[../../../outside/secret.md]') + BODY},
     outside={'secret.md': '# Secret\n\nTOP-SECRET-OUTSIDE-TEXT\n'},
     stderrIncludes=['reports/r/report.md:7:', 'is outside the report folder'], outputExcludes=['TOP-SECRET-OUTSIDE-TEXT'])
case('chapter-escapes-sibling-report', 'a chapter in another report folder', ['build', 'r'], 2, {R: fm(chapters='[../other/report.md]') + BODY, 'reports/other/report.md': fm() + 'Other.\n'},
     stderrIncludes=['reports/r/report.md:7:', 'is outside the report folder'])
case('chapter-absolute', 'an absolute chapter path', ['build', 'r'], 2, {R: fm(chapters='[/etc/hostname]') + BODY},
     stderrIncludes=['reports/r/report.md:7:', 'is an absolute path'])
case('chapter-symlink-outside', 'a chapter that is a link to a file outside the workspace', ['build', 'r'], 2, {R: fm(chapters='[chapters/leak.md]') + BODY},
     symlinks={'reports/r/chapters/leak.md': '@outside/secret.md'}, outside={'secret.md': '# Secret\n\nTOP-SECRET-OUTSIDE-TEXT\n'},
     stderrIncludes=['reports/r/report.md:7:', 'is a link to a file outside the report folder'], outputExcludes=['TOP-SECRET-OUTSIDE-TEXT'])
case('chapter-is-directory', 'a chapter path that names a folder', ['build', 'r'], 2, {R: fm(chapters='[chapters]') + BODY, 'reports/r/chapters/01.md': '# One\n'},
     stderrIncludes=['reports/r/report.md:7:', 'chapter `chapters` does not exist'])
case('chapter-with-front-matter', 'a chapter with its own front matter (a warning)', ['build', 'r'], 0, {R: fm(chapters='[a.md]') + BODY, 'reports/r/a.md': '---\ntitle: Nested\n---\n\n# A\n\nText.\n'},
     stderrIncludes=['reports/r/a.md:1:1 warning', 'only report.md carries front matter'], outputs=['r/r.html'])
# --- bytes
case('empty-report', 'an empty report.md', ['build', 'r'], 2, {R: ''}, stderrIncludes=['reports/r/report.md:1:1', 'reports/r/report.md is empty'])
case('whitespace-report', 'a report.md of blank lines', ['build', 'r'], 2, {R: '\n\n   \n\t\n'}, stderrIncludes=['reports/r/report.md:1:1', 'is empty'])
case('empty-chapter', 'an empty chapter file', ['build', 'r'], 2, {R: fm(chapters='[chapters/01.md]') + BODY, 'reports/r/chapters/01.md': ''},
     stderrIncludes=['reports/r/report.md:7:', 'chapter `chapters/01.md` is empty'])
png = base64.b64encode(b'\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89').decode()
case('binary-report', 'report.md that is a PNG image', ['build', 'r'], 2, None, generate={R: {'base64': png}},
     stderrIncludes=['reports/r/report.md:1:1', 'is a binary file, not Markdown text'])
case('binary-chapter', 'a chapter that is binary', ['build', 'r'], 2, {R: fm(chapters='[chapters/01.md]') + BODY}, generate={'reports/r/chapters/01.md': {'base64': png}},
     stderrIncludes=['reports/r/report.md:7:', 'is a binary file'])
case('invalid-utf8', 'Latin-1 bytes in report.md', ['build', 'r'], 2, None,
     generate={R: {'base64': base64.b64encode((fm() + 'Caf').encode() + b'\xe9 au lait.\n').decode()}},
     stderrIncludes=['reports/r/report.md:1:1', 'is not valid UTF-8 text; save it as UTF-8'])
case('invalid-utf8-chapter', 'a chapter in Windows-1252', ['build', 'r'], 2, {R: fm(chapters='[01.md]') + BODY},
     generate={'reports/r/01.md': {'base64': base64.b64encode(b'# Chapter\n\n\x93Quoted\x94 text.\n').decode()}},
     stderrIncludes=['reports/r/report.md:7:', 'is not valid UTF-8'])
case('bom', 'a UTF-8 byte order mark before the front matter', ['build', 'r'], 0, None, generate={R: {'text': fm() + BODY, 'bom': True}},
     outputs=['r/r.html'], stderrExcludes=['no front matter', 'error'])
case('crlf', 'Windows line endings everywhere', ['build', 'r', '--edition', 'all'], 0, None,
     generate={R: {'text': fm(chapters='[01.md]') + BODY, 'crlf': True}, 'reports/r/01.md': {'text': '# Chapter\n\nText with a note.[^1]\n\n[^1]: The note.\n', 'crlf': True}},
     outputs=['r/r.html', 'r/r-civil-law.html', 'r/r-common-law.html'], stderrExcludes=['error'])
case('crlf-broken-yaml', 'CRLF line endings and a YAML error keep the right line', ['build', 'r'], 2, None,
     generate={R: {'text': '---\ntitle: Test\nversion: 0.1.0\nstatus: draft\nrapporteurs: [unclosed\n---\n\nText.\n', 'crlf': True}},
     stderrIncludes=['reports/r/report.md:', 'front matter is not valid YAML'])
case('ten-megabyte-chapter', 'a 10 MB Markdown chapter', ['build', 'r'], 2, {R: fm(chapters='[big.md]') + BODY},
     generate={'reports/r/big.md': {'prefix': '# Big\n\n', 'text': 'The court may order the preservation of evidence held by the defendant.\n\n', 'repeat': 150000}},
     stderrIncludes=['reports/r/report.md:7:', 'chapter `big.md` is 10.', 'split the report into chapter files'])
case('ten-megabyte-report', 'a 10 MB report.md', ['build', 'r'], 2, None,
     generate={R: {'prefix': fm(), 'text': 'The court may order the preservation of evidence held by the defendant.\n\n', 'repeat': 150000}},
     stderrIncludes=['reports/r/report.md:1:1', 'reports/r/report.md is 10.', 'split the report into chapter files'])
case('ten-megabyte-image', 'a 10 MB image is embedded, not refused', ['build', 'r'], 0, {R: fm() + BODY + '\n![Chart](images/big.png)\n'},
     generate={'reports/r/images/big.png': {'base64': png, }}, outputs=['r/r.html'])
# make the image really 10 MB: generated text of bytes
cases['ten-megabyte-image'][0]['generate'] = {'reports/r/images/big.png': {'text': 'A', 'repeat': 10 * 1024 * 1024}}
case('nested-lists-10000', '10,000 nested list items on one line', ['build', 'r'], 2, None,
     generate={R: {'prefix': fm() + 'Intro.\n\n', 'text': '- ', 'repeat': 10000, 'suffix': 'item\n'}},
     stderrIncludes=['reports/r/report.md:11:1', 'line nests 10000 lists or block quotes'])
case('nested-blockquotes-10000', '10,000 nested block quotes', ['build', 'r'], 2, None,
     generate={R: {'prefix': fm() + 'Intro.\n\n', 'text': '>', 'repeat': 10000, 'suffix': ' deep\n'}},
     stderrIncludes=['reports/r/report.md:11:1', 'line nests 10000 lists or block quotes'])
case('nested-ordered-lists-chapter', '10,000 nested ordered lists in a chapter', ['build', 'r'], 2, {R: fm(chapters='[01.md]') + BODY},
     generate={'reports/r/01.md': {'prefix': '# One\n\n', 'text': '1. ', 'repeat': 10000, 'suffix': 'x\n'}},
     stderrIncludes=['reports/r/01.md:3:1', 'line nests 10000'])
case('nested-by-indentation', 'lists nested by indentation, 300 levels', ['build', 'r'], 2, None,
     generate={R: {'prefix': fm(), 'text': '', 'suffix': ''.join('  ' * i + '- a\n' for i in range(300))}},
     stderrIncludes=['reports/r/report.md:', 'at most 400 columns are read'])
case('nested-emphasis-deep', '3,000 nested emphasis marks (12 KB; refused before the parse, #18.8/#11)', ['build', 'r'], 2, None,
     generate={R: {'prefix': fm(), 'text': '*a ', 'repeat': 3000, 'suffix': 'b' + '*' * 3000 + '\n'}},
     stderrIncludes=['reports/r/report.md:9:1', 'the paragraph starting on line 9 has more than 500 emphasis or strikethrough markers'])
case('long-line-50000', 'a paragraph on one 50,000-character line', ['build', 'r'], 0, None,
     generate={R: {'prefix': fm() + '# Long\n\n', 'text': 'evidence ', 'repeat': 5600, 'suffix': '\n'}}, outputs=['r/r.html'])
case('huge-table', 'a table of 2,000 rows and 8 columns', ['build', 'r'], 0, None,
     generate={R: {'prefix': fm() + '# Table\n\n| a | b | c | d | e | f | g | h |\n|---|---|---|---|---|---|---|---|\n', 'text': '| FR | Yes | No | 12 days | court | bailiff | sealed | 2026 |\n', 'repeat': 2000}},
     outputs=['r/r.html'])
case('directive-unclosed', 'a recommendation that is never closed still builds', ['build', 'r'], 0, {R: fm() + '# One\n\n::::recommendation{#open title="Open"}\nText.\n\n:::variant{system=civil-law}\nCivil.\n'},
     outputs=['r/r.html'])
case('directive-bad-attributes', 'an attribute list that is never closed', ['build', 'r'], 0, {R: fm() + '# One\n\n::::recommendation{#a title="unclosed}\nText.\n::::\n'},
     outputs=['r/r.html'])
case('script-and-iframe', 'raw HTML scripts, iframes and handlers never reach output', ['build', 'r'], 0,
     {R: fm() + '# One\n\n<script>alert("XSS-SCRIPT")</script>\n\n<iframe src="https://example.org/XSS-IFRAME"></iframe>\n\n<img src=x onerror="XSS-ONERROR">\n\n[click](javascript:alert("XSS-JSLINK"))\n'},
     outputs=['r/r.html'], outputExcludes=['XSS-SCRIPT', 'XSS-IFRAME', 'XSS-ONERROR', 'javascript:'], outputExcludesSkipCache=True)
case('comment-text-private', 'comment text never reaches the output', ['build', 'r', '--edition', 'all'], 0,
     {R: fm() + '# One\n\nText :comment[INLINE-COMMENT-SECRET]{author="A"} more.\n\n:::comment{author="B" status=open}\nBLOCK-COMMENT-SECRET\n:::\n\n' + REC.replace('::::\n', ':::comment{author="C"}\nNESTED-COMMENT-SECRET\n:::\n::::\n')},
     outputs=['r/r.html', 'r/r-civil-law.html'], outputExcludes=['INLINE-COMMENT-SECRET', 'BLOCK-COMMENT-SECRET', 'NESTED-COMMENT-SECRET'], outputExcludesSkipCache=True)
# --- images and links
case('image-dotdot', 'an image path climbing out of the workspace', ['build', 'r'], 0, {R: fm() + BODY + '\n![Secret](../../../outside/secret.png)\n'},
     outside={'secret.png': 'SECRET-IMAGE-BYTES'}, stderrIncludes=['reports/r/report.md:', 'is outside the workspace and is not included'],
     outputExcludes=[base64.b64encode(b'SECRET-IMAGE-BYTES').decode()[:16]])
case('image-absolute', 'an absolute image path is read inside the workspace (as lint reads it), never from the system', ['build', 'r'], 0, {R: fm() + BODY + '\n![Passwords](/etc/passwd)\n'},
     stderrIncludes=['reports/r/report.md:', 'image /etc/passwd does not exist (looked for etc/passwd'], outputExcludes=['cm9vd'])
case('image-symlink-outside', 'an image that is a link to a file outside the workspace', ['build', 'r'], 0, {R: fm() + BODY + '\n![Logo](images/logo.png)\n'},
     symlinks={'reports/r/images/logo.png': '@outside/secret.png'}, outside={'secret.png': 'SECRET-IMAGE-BYTES'},
     stderrIncludes=['reports/r/report.md:', 'is outside the workspace and is not included'], outputExcludes=[base64.b64encode(b'SECRET-IMAGE-BYTES').decode()[:16]])
case('image-remote', 'a remote image is refused, never fetched', ['build', 'r'], 0, {R: fm() + BODY + '\n![Remote](http://127.0.0.1:9/tracker.png)\n'},
     stderrIncludes=['reports/r/report.md:', 'remote image http://127.0.0.1:9/tracker.png is not included'], outputExcludes=['127.0.0.1:9/tracker'], outputExcludesSkipCache=True)
case('image-missing', 'an image that does not exist', ['build', 'r'], 0, {R: fm() + BODY + '\n![Chart](images/none.png)\n'},
     stderrIncludes=['reports/r/report.md:', 'image images/none.png does not exist'])
# --- command line
case('build-unknown-format', 'an unknown --format', ['build', 'r', '--format', 'epub'], 2, {R: fm() + BODY}, stderrIncludes=['--format: unknown format "epub"'])
case('build-unknown-edition', 'an unknown --edition', ['build', 'r', '--edition', 'martian'], 2, {R: fm() + BODY}, stderrIncludes=['no edition "martian"'])
case('build-unknown-report', 'a report slug that does not exist', ['build', 'nosuch'], 2, {R: fm() + BODY}, stderrIncludes=['no report named "nosuch"'])
case('build-missing-path', 'a report path that does not exist', ['build', 'reports/none/report.md'], 2, {R: fm() + BODY}, stderrIncludes=['reports/none/report.md: no such file or report'])
case('build-unknown-option', 'an unknown option', ['build', 'r', '--frobnicate'], 2, {R: fm() + BODY}, stderrIncludes=["unknown option '--frobnicate'"])
case('unknown-command', 'an unknown command', ['frobnicate'], 2, {R: fm() + BODY}, stderrIncludes=["unknown command 'frobnicate'"], requires='build')
case('no-reports-folder', 'a folder without reports/', ['build'], 2, {'README.md': '# Not a workspace\n'}, stderrIncludes=['no reports/ folder'])
case('unknown-template', 'a template that does not exist', ['build', 'r', '--template', 'nope'], 2, {R: fm() + BODY}, stderrIncludes=['template "nope" not found'])
case('out-is-a-file', '--out names an existing file', ['build', 'r', '--out', 'NOTES.md'], 2, {R: fm() + BODY, 'NOTES.md': 'notes\n'}, stderrIncludes=['NOTES.md'], out='unused-dist')
case('build-outside-git', 'a report outside any git repository builds', ['build', 'r'], 0, {R: fm() + BODY}, git='none', outputs=['r/r.html'])
case('build-shallow-clone', 'a shallow clone builds', ['build', 'r'], 0, {R: fm() + BODY}, git='shallow', outputs=['r/r.html'])
# --- git revisions (diff)
case('diff-unknown-revision', 'an unknown git revision', ['diff', 'r', '--from', 'v9.9.9', '--format', 'json'], 2, {R: fm() + BODY}, git='tags', stderrIncludes=['v9.9.9'])
case('diff-option-like-revision', 'a revision that looks like an option', ['diff', 'r', '--from=--output=/tmp/rapporteur-pwned', '--format', 'json'], 2, {R: fm() + BODY}, git='tags',
     stderrIncludes=['is not a git revision'])
case('diff-option-like-to', 'a --to revision that looks like an option', ['diff', 'r', '--from', 'v0.1.0', '--to=--exec=touch', '--format', 'json'], 2, {R: fm() + BODY}, git='tags',
     stderrIncludes=['is not a git revision'])
case('diff-outside-git', 'diff outside a git repository', ['diff', 'r', '--format', 'json'], 2, {R: fm() + BODY}, git='none', stderrIncludes=['git'])
case('diff-shallow-clone', 'diff from a tag a shallow clone does not have', ['diff', 'r', '--from', 'v0.1.0', '--format', 'json'], 2, {R: fm() + BODY}, git='shallow', stderrIncludes=['v0.1.0'])
# --- lint (activate when lint lands); complete front matter so each case shows its one defect
LFM = fm(systems='[civil-law, common-law]', confidentiality='public')
case('lint-directive-fence-too-short', 'a recommendation fence no longer than its variants', ['lint', 'r'], 1,
     {R: LFM + '# One\n\n:::recommendation{#short title="Short"}\nText.\n\n:::variant{system=civil-law}\nCivil.\n:::\n\n:::variant{system=common-law}\nCommon.\n:::\n:::\n'},
     anyIncludes=['reports/r/report.md:', 'directive-nesting'])
case('lint-variant-outside-recommendation', 'a variant with no recommendation around it', ['lint', 'r'], 1,
     {R: LFM + '# One\n\n:::variant{system=civil-law}\nStray.\n:::\n'}, anyIncludes=['reports/r/report.md:13:1', 'outside any recommendation', 'directive-nesting'])
case('lint-duplicate-ids', 'two recommendations with one id', ['lint', 'r'], 1, {R: LFM + '# One\n\n' + REC + '\n' + REC}, anyIncludes=['reports/r/report.md:', 'preserve-evidence', 'recommendation-id'])
case('lint-unknown-attribute', 'an attribute the dialect does not know', ['lint', 'r'], 1, {R: LFM + '# One\n\n' + REC.replace('title="Preserve evidence"', 'title="Preserve evidence" colour=red')},
     anyIncludes=['reports/r/report.md:13:', 'colour', 'unknown-attribute'])
case('lint-unknown-jurisdiction', 'an example from a jurisdiction that does not exist', ['lint', 'r'], 1, {R: LFM + '# One\n\n' + REC.replace('jurisdiction=FR', 'jurisdiction=XX')},
     anyIncludes=['reports/r/report.md:', 'XX', 'example-jurisdiction'])
case('lint-chapter-escapes-dotdot', 'lint never reads or caches a chapter outside the report folder', ['lint', 'r'], 1, {R: LFM.replace('---\n\n', 'chapters: [../../../outside/secret.md]\n---\n\n') + BODY},
     outside={'secret.md': '# Secret\n\nTOP-SECRET-OUTSIDE-TEXT\n'}, anyIncludes=['reports/r/report.md:', 'is outside the report folder'], outputExcludes=['TOP-SECRET-OUTSIDE-TEXT'])
case('lint-chapter-symlink-outside', 'lint never reads or caches a linked chapter outside the workspace', ['lint', 'r'], 1, {R: LFM.replace('---\n\n', 'chapters: [chapters/leak.md]\n---\n\n') + BODY},
     symlinks={'reports/r/chapters/leak.md': '@outside/secret.md'}, outside={'secret.md': '# Secret\n\nTOP-SECRET-OUTSIDE-TEXT\n'},
     anyIncludes=['reports/r/report.md:', 'is a link to a file outside'], outputExcludes=['TOP-SECRET-OUTSIDE-TEXT'])
case('lint-bad-max-warnings', '--max-warnings that is not a number', ['lint', 'r', '--max-warnings', 'many'], 2, {R: LFM + BODY}, anyIncludes=['max-warnings'])
case('lint-broken-yaml', 'lint reports broken front matter with its line', ['lint', 'r'], 1, {R: '---\ntitle: Test\nrapporteurs: [unclosed\nversion: 0.1.0\nstatus: draft\n---\n\nText.\n'},
     anyIncludes=['reports/r/report.md:', 'front matter is not valid YAML'])
case('lint-nested-lists-10000', 'lint refuses 10,000 nested lists quickly', ['lint', 'r'], 2, None,
     generate={R: {'prefix': LFM + 'Intro.\n\n', 'text': '- ', 'repeat': 10000, 'suffix': 'item\n'}}, stderrIncludes=['reports/r/report.md:13:1', 'line nests 10000'])

# --- hardening round 2 (#18): hostile sources, templates and collaborators
ESCAPES = '\x1b]52;c;ZXZpbA==\x07'  # OSC 52: writes the clipboard of the terminal that prints it
case('lint-terminal-escapes', 'escape sequences in attribute values and titles never reach the terminal raw (#18.9)', ['lint', 'r'], 1,
     {R: LFM.replace('title: Test Report', 'title: "Test \\e[2J Report"') + '# One\n\n' + REC.replace('jurisdiction=FR', f'jurisdiction="{ESCAPES}X\x1b[2J\u009b31m"').replace('#preserve-evidence', '#preserve-evidence\x1b[1A')},
     anyIncludes=['reports/r/report.md:', '\\u001b]52;c;ZXZpbA==\\u0007', 'example-jurisdiction'], anyExcludes=['\x1b]', '\x07', '\x1b[2J', '\x1b[1A', '\u009b'])
case('lint-github-terminal-escapes', 'github annotations carry no raw escape either (#18.9)', ['lint', 'r', '--format', 'github'], 1,
     {R: LFM + '# One\n\n' + REC.replace('jurisdiction=FR', f'jurisdiction="{ESCAPES}"')},
     anyIncludes=['::error file=reports/r/report.md', '\\u001b]52'], anyExcludes=['\x1b', '\x07'])
case('no-systems-no-recommendations', 'a background paper without `systems:` or recommendations lints and builds cleanly (#18.16)', ['build', 'r', '--edition', 'all'], 0,
     {R: fm(confidentiality='public') + '# Background\n\nTrade secrets are protected in many ways.[^1]\n\n## History\n\nMore text.\n\n[^1]: A source.\n'},
     outputs=['r/r.html', 'r/r-civil-law.html', 'r/r-common-law.html'], stderrExcludes=['error', 'warning'])
case('lint-no-systems-no-recommendations', 'lint finds nothing in a report without `systems:` or recommendations (#18.16)', ['lint', 'r'], 0,
     {R: fm(confidentiality='public') + '# Background\n\nTrade secrets are protected in many ways.[^1]\n\n[^1]: A source.\n'},
     anyExcludes=['systems', 'error', 'warning'])
# item 8: the work is bounded before the parse, with the place
case('emphasis-alternating-60kb', 'a 60 KB paragraph of alternating emphasis markers (took 124 s) (#18.8)', ['build', 'r'], 2, None,
     generate={R: {'prefix': fm() + '# One\n\n', 'text': '*a_', 'repeat': 20000, 'suffix': '\n'}},
     stderrIncludes=['reports/r/report.md:11:1', 'the paragraph starting on line 11 has more than 500 emphasis or strikethrough markers'], noOutputs=['r/r.html'])
case('strikethrough-300kb', '300 KB of `~~a` (took over 120 s) (#18.8)', ['lint', 'r'], 2, None,
     generate={R: {'prefix': LFM + '# One\n\n', 'text': '~~a', 'repeat': 100000, 'suffix': '\n'}},
     stderrIncludes=['reports/r/report.md:13:1', 'more than 500 emphasis or strikethrough markers'])
case('markers-spread-over-a-file', 'many short paragraphs of markers: a limit per file too (#18.8)', ['build', 'r'], 2, None,
     generate={R: {'prefix': fm() + '# One\n\n', 'text': '*a_' * 150 + '\n\n', 'repeat': 200}},
     stderrIncludes=['reports/r/report.md:', 'more than 30000 emphasis or strikethrough markers (*, _, ~) in one file'])
case('inline-comments-20000', '20,000 inline comments (took over 100 s) (#18.8)', ['build', 'r'], 2, None,
     generate={R: {'prefix': fm() + '# One\n\n', 'text': 'Text :comment[note]{author="A"} more.\n\n', 'repeat': 20000}},
     stderrIncludes=['reports/r/report.md:6011:6', 'more than 3000 inline directives'])
case('nested-directives-1000', '1,000 nested directives (69 s before the refusal) (#18.8)', ['build', 'r'], 2, None,
     generate={R: {'prefix': fm() + '# One\n\n', 'text': ':::rationale\n', 'repeat': 1000, 'suffix': 'deep\n'}},
     stderrIncludes=['reports/r/report.md:31:1', 'directives are nested 21 deep here; at most 20 levels are read'])
case('directives-10000', '10,000 directives in one file (#18.8)', ['lint', 'r'], 2, None,
     generate={R: {'prefix': LFM + '# One\n\n', 'text': ':::rationale\nWhy.\n:::\n\n', 'repeat': 10000}},
     stderrIncludes=['reports/r/report.md:', 'more than 5000 block directives in one file'])
case('table-5000-columns', 'a 2 MB table of 5,000 columns (V8 ran out of memory) (#18.8)', ['build', 'r'], 2, None,
     generate={R: {'prefix': fm() + '# Table\n\n|' + 'a|' * 5000 + '\n|' + '-|' * 5000 + '\n', 'text': '|' + 'x|' * 5000 + '\n', 'repeat': 200}},
     stderrIncludes=['reports/r/report.md:11:1', 'a table row with 5001 `|` separators; tables are read up to 100 columns'])
case('long-list-with-emphasis', 'a 4,000-item list with emphasis in every item is not refused (markers count per item) (#18.8)', ['build', 'r'], 0, None,
     generate={R: {'prefix': fm() + '# List\n\n', 'text': '- the *saisie* of _evidence_\n', 'repeat': 4000}}, outputs=['r/r.html'])
# item 6: one containment rule for every file read or written
SECRET_REPORT = fm() + '# Secret\n\nTOP-SECRET-OUTSIDE-TEXT\n'
case('report-symlink-outside', 'a report.md that links to a file outside the workspace (#18.6)', ['build', 'r'], 2, None,
     symlinks={R: '@outside/secret.md'}, outside={'secret.md': SECRET_REPORT},
     stderrIncludes=['reports/r/report.md:1:1', 'is a link to a file outside the workspace'], outputExcludes=['TOP-SECRET-OUTSIDE-TEXT'], noOutputs=['r/r.html'])
case('report-folder-symlink-outside', 'a reports/<slug> folder that links outside the workspace (#18.6)', ['build'], 2, {'reports/ok/report.md': fm() + BODY},
     symlinks={'reports/r': '@outside/r'}, outside={'r/report.md': SECRET_REPORT},
     stderrIncludes=['reports/r/report.md:1:1', 'is a link to a file outside the workspace'], outputExcludes=['TOP-SECRET-OUTSIDE-TEXT'], noOutputs=['r/r.html'])
case('lint-report-symlink-outside', 'lint neither reads nor caches a linked report.md (#18.6)', ['lint', 'r'], 2, None,
     symlinks={R: '@outside/secret.md'}, outside={'secret.md': SECRET_REPORT},
     anyIncludes=['reports/r/report.md:1:1', 'is a link to a file outside the workspace'], outputExcludes=['TOP-SECRET-OUTSIDE-TEXT'])
LEDGER = 'source: pdf\nfrom: review.pdf\ncomments:\n  - id: c1\n    author: Mallory\n    date: 2026-11-20\n    status: open\n    anchor: preserve-evidence\n    text: OUTSIDE-LEDGER-SECRET\n'
case('ledger-symlink-outside', 'a comments ledger that links outside the report folder is not read (#18.6)', ['comments', 'r', '--format', 'json'], 2, {R: fm() + BODY},
     symlinks={'reports/r/comments/review.yaml': '@outside/ledger.yaml'}, outside={'ledger.yaml': LEDGER},
     stderrIncludes=['reports/r/comments/review.yaml:1:1', 'is a link to a file outside the report folder'], anyExcludes=['OUTSIDE-LEDGER-SECRET'])
case('ledger-folder-symlink-outside', 'a comments/ folder that links outside is not read (#18.6)', ['comments', 'r', '--format', 'json'], 2, {R: fm() + BODY},
     symlinks={'reports/r/comments': '@outside/comments'}, outside={'comments/review.yaml': LEDGER},
     stderrIncludes=['reports/r/comments/review.yaml:1:1', 'is a link to a file outside the report folder'], anyExcludes=['OUTSIDE-LEDGER-SECRET'])
# item 11: output redirected, located messages instead of internal errors
case('dist-symlink-outside', 'a committed dist symlink leading out of the workspace (#18.11)', ['build', 'r'], 2, {R: fm() + BODY},
     symlinks={'dist': '@outside/published'}, outside={'published/keep.txt': 'keep\n'}, out='unused-dist',
     stderrIncludes=['the output folder dist is a symbolic link that leads outside the workspace'])
case('dist-slug-symlink-outside', 'a dist/<slug> symlink leading out of the output folder (#18.11)', ['build', 'r'], 2, {R: fm() + BODY},
     symlinks={'dist/r': '@outside/published'}, outside={'published/keep.txt': 'keep\n'},
     stderrIncludes=['reports/r/report.md:1:1', 'the output folder dist/r is a symbolic link that leads outside dist'])
case('config-out-outside', '`out: ../..` in the configuration (#18.11)', ['build', 'r'], 2, {R: fm() + BODY, 'rapporteur.config.yaml': 'out: ../..\n'},
     stderrIncludes=['rapporteur.config.yaml:1:6', 'the output folder must be a folder inside the workspace'], out='unused-dist')
case('out-symlink-loop', '--out names a loop of symbolic links (#18.11)', ['build', 'r', '--out', 'loop'], 2, {R: fm() + BODY},
     symlinks={'loop': 'loop'}, out='unused-dist', stderrIncludes=['goes round a loop of symbolic links'])
case('image-percent-name', 'an image named growth-100%.png (#18.11)', ['build', 'r'], 0, {R: fm() + BODY + '\n![Growth](images/growth-100%.png)\n'},
     generate={'reports/r/images/growth-100%.png': {'base64': png}}, outputs=['r/r.html'], stderrExcludes=['error', 'does not exist'])
case('image-60-megabytes', 'a 60 MB image is refused with its place, not an internal error (#18.11)', ['build', 'r'], 0, {R: fm() + BODY + '\n![Huge](images/huge.png)\n'},
     generate={'reports/r/images/huge.png': {'text': 'A', 'repeat': 60 * 1024 * 1024}}, outputs=['r/r.html'],
     stderrIncludes=['reports/r/report.md:', 'image images/huge.png is 60.0 MB; images are embedded up to 50 MB'])
BOMB = 'a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n'
case('yaml-alias-bomb-front-matter', 'a YAML alias bomb in front matter (#18.11)', ['build', 'r'], 2, {R: fm().replace('---\n\n', BOMB + '---\n\n') + BODY},
     stderrIncludes=['reports/r/report.md:2:1', 'repeats too much through YAML aliases'])
case('yaml-alias-bomb-config', 'a YAML alias bomb in the configuration (#18.11)', ['build', 'r'], 2, {R: fm() + BODY, 'rapporteur.config.yaml': BOMB},
     stderrIncludes=['rapporteur.config.yaml:1:1', 'repeats too much through YAML aliases'])
case('yaml-alias-bomb-ledger', 'a YAML alias bomb in a comments ledger (#18.11)', ['comments', 'r'], 2, {R: fm() + BODY, 'reports/r/comments/x.yaml': BOMB + 'comments: []\n'},
     stderrIncludes=['reports/r/comments/x.yaml:1:1', 'repeats too much through YAML aliases'])
case('versions-version-mapping', '`versions` on a front matter whose version is a mapping (#18.11)', ['versions', 'r'], 0, {R: fm(version='{toString: 1, valueOf: 2}') + BODY}, git='tags',
     stdoutIncludes=['v0.2.0', '?'])
case('new-title-with-newline', '`new --title` with a newline writes one-line YAML (#18.11)', ['new', 'x', '--title', 'x\nstatus: final'], 0, {R: fm() + BODY},
     out='reports/x', outputs=['report.md'], outputExcludes=['\nstatus: final', 'title: |'], outputExcludesSkipCache=True, stderrExcludes=['error'])
case('lint-reserved-ids', 'a recommendation id the page itself uses (main) is a lint error, not a duplicate id (#18.11)', ['lint', 'r'], 1,
     {R: LFM + '# Main\n\n' + REC.replace('#preserve-evidence', '#main')}, anyIncludes=['reports/r/report.md:13:', 'recommendation id `main` is an id the page itself uses'])
# item 5: templates contained and sanitized
case('template-dotdot', '--template ../.. (#18.5)', ['build', 'r', '--template', '../..'], 2, {R: fm() + BODY},
     stderrIncludes=['template "../.." is not a template name'])
case('template-config-dotdot', 'a configured template outside templates/ (#18.5)', ['build', 'r'], 2, {R: fm() + BODY, 'rapporteur.config.yaml': 'template: ../../outside/tpl\n'},
     stderrIncludes=['is not a template name'])
case('template-symlink-outside', 'a templates/default that links outside the workspace (#18.5)', ['build', 'r'], 2, {R: fm() + BODY},
     symlinks={'templates/default': '@outside/tpl'}, outside={'tpl/template.html': '<html><body>OUTSIDE-TEMPLATE {{{body}}}</body></html>\n'},
     stderrIncludes=['template "default"', 'leads outside the workspace'], outputExcludes=['OUTSIDE-TEMPLATE'])
case('new-template-dotdot', '`new --template ../..` (#18.5)', ['new', 'x', '--template', '../..'], 2, {R: fm() + BODY}, stderrIncludes=['is not a template name'])
HOSTILE_TEMPLATE = ('<!DOCTYPE html>\n<html><head><meta charset="utf-8">\n<meta http-equiv="refresh" content="0;url=http://127.0.0.1:9/REFRESH">\n'
    '<link rel="stylesheet" href="http://127.0.0.1:9/LINK.css">\n<script>alert("TEMPLATE-SCRIPT")</script>\n'
    '<style>@import url("http://127.0.0.1:9/IMPORT.css");\n{{{css}}}</style></head>\n'
    '<body onload="alert(1)"><img src="logo.png" alt="Logo"><img src="http://127.0.0.1:9/PIXEL.png">\n'
    '<div style="background: url(file:///etc/passwd)">{{{body}}}</div></body></html>\n')
HOSTILE_CSS = ('@font-face { font-family: Evil; src: url(https://127.0.0.1:9/FONT.woff2); }\n'
    'body { background: url(file:///etc/hostname); color: #222; }\n.x { background-image: image-set("http://127.0.0.1:9/SET.png" 1x); }\n'
    '.logo { background: url(logo.png); }\n')
case('template-hostile-html-and-css', 'a workspace template with script, remote link, CSS urls, @font-face from a host, file: URLs, meta refresh (#18.5)', ['build', 'r'], 0,
     {R: fm() + BODY, 'templates/default/template.html': HOSTILE_TEMPLATE, 'templates/default/screen.css': HOSTILE_CSS},
     generate={'templates/default/logo.png': {'base64': png}}, outputs=['r/r.html'],
     stderrIncludes=['templates/default/template.html:3:1', '<meta http-equiv="refresh"> left out', 'templates/default/screen.css:1:', 'https://127.0.0.1:9/FONT.woff2 is not a file of the template folder'],
     outputExcludes=['127.0.0.1:9', 'TEMPLATE-SCRIPT', 'file:///', 'onload', '<script', 'http-equiv'], outputExcludesSkipCache=True)
# --- site
PUBLIC = fm(status='final', confidentiality='public')
COMMENTED = PUBLIC + '# Introduction\n\n' + REC.replace('::::\n', ':::comment{author="A" status=open}\nSITE-SECRET-COMMENT-TEXT\n:::\n::::\n', 1)
case('site-outside-git', 'site outside a git repository', ['site', 'r', '--no-cards'], 2, {R: PUBLIC + BODY}, git='none', stderrIncludes=['git repository'])
case('site-unknown-audience', 'an audience that does not exist', ['site', '--audience', 'press'], 2, {R: PUBLIC + BODY}, stderrIncludes=['--audience: unknown audience "press"'])
case('site-bad-base-url', 'a base URL that is not http(s)', ['site', '--base-url', 'javascript:alert(1)'], 2, {R: PUBLIC + BODY}, stderrIncludes=['--base-url'])
case('site-foreign-out', 'an output folder the site did not make is never emptied', ['site', '--out', 'reports', '--no-cards'], 2, {R: PUBLIC + BODY}, git='tags',
     stderrIncludes=['is not empty and was not made by rapporteur site'])
case('site-comment-never-published', 'the public site of a final report carries no comment', ['site', 'r', '--no-cards', '--out', 'public-site'], 0, {R: COMMENTED}, git='tags',
     out='public-site', outputs=['r/index.html', 'r/v/0.1.0/r.html', 'r/r/preserve-evidence/index.html'], outputExcludes=['SITE-SECRET-COMMENT-TEXT'], outputExcludesSkipCache=True)

for name, (spec, files) in cases.items():
    d = os.path.join(root, name)
    os.makedirs(d, exist_ok=True)
    for rel, content in files.items():
        p = os.path.join(d, 'files', rel)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, 'w', newline='') as f: f.write(content)
    with open(os.path.join(d, 'expected.json'), 'w') as f: f.write(json.dumps(spec, indent=2, ensure_ascii=False) + '\n')
print(len(cases))
