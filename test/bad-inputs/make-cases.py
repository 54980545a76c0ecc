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
case('nested-emphasis-deep', '3,000 nested emphasis marks', ['build', 'r'], 2, None,
     generate={R: {'prefix': fm(), 'text': '*a ', 'repeat': 3000, 'suffix': 'b' + '*' * 3000 + '\n'}},
     stderrIncludes=['reports/r/report.md:', 'nested more than 400 levels deep'])
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
case('build-unknown-format', 'an unknown --format', ['build', 'r', '--format', 'docx'], 2, {R: fm() + BODY}, stderrIncludes=['--format: unknown format "docx"'])
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

for name, (spec, files) in cases.items():
    d = os.path.join(root, name)
    os.makedirs(d, exist_ok=True)
    for rel, content in files.items():
        p = os.path.join(d, 'files', rel)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, 'w', newline='') as f: f.write(content)
    with open(os.path.join(d, 'expected.json'), 'w') as f: f.write(json.dumps(spec, indent=2, ensure_ascii=False) + '\n')
print(len(cases))
