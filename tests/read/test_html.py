"""Web pages: blocks, lists, tables, dropped furniture, entities and malformed markup."""

from __future__ import annotations

from cpgraph.read import read_document

PAGE = """<!doctype html>
<html><head><title>Corporate parenting strategy | Example Council</title>
<script>document.write("<p>script text</p>")</script><style>.x{}</style></head>
<body class="govuk-template__body cookies-not-set">
<div class="cookie-banner" role="region" aria-label="Cookies on Example Council">
  <h2>Cookies on this site</h2><p>We use some essential cookies to make this service work.</p>
  <button type="button">Accept additional cookies</button>
</div>
<div id="CybotCookiebotDialog"><p>This website uses cookies</p></div>
<a href="#main" class="govuk-skip-link">Skip to main content</a>
<header role="banner"><a href="/">Example Council home</a><form><input name="q"><button>Search</button></form></header>
<nav aria-label="Breadcrumb"><ol><li>Home</li><li>Children</li></ol></nav>
<div class="breadcrumbs">Home &gt; Care</div>
<main id="main">
<article>
<header><h1>Corporate   parenting
 strategy&nbsp;- 2023 - 2028</h1></header>
<p>It is our shared privilege to introduce this strategy &ndash; children&rsquo;s voices &amp; views.
<p>Using a partnership approach, <b>we will</b> remain <em>relentlessly</em> focused.<br>A second line.</p>
<h2>Our principles</h2>
<p>In Staffordshire, we will:</p>
<ul>
  <li>Make sure children and young people have access to:
    <ul><li>Loving stable homes<li>Quality education</ul>
  <li><p>Act in the child's best interest</p><p>and listen to them</p></li>
  <li>Always celebrate your successes
</ul>
<ol start="3"><li>Work with you<li value="7">Keep you safe</ol>
<table>
  <caption>Who does what</caption>
  <tr><th>Action</th><th>Lead officer</th><th>Timescale</th></tr>
  <tr><td>Review care plans<td>Head of Service: Life Chances<td>September&nbsp;2025
  <tr><td colspan="2">Run celebration events <ul><li>Summer</li><li>Winter</li></ul></td><td>Annually</td></tr>
  <tr><td>Nested <table><tr><td>inner</td><td>cells</td></tr></table></td><td></td><td></td></tr>
</table>
<p>Displaying 1 to 4 of 4</p>
<div>Celebration events<div>When you have achieved something, this is always recognised</div></div>
<dl><dt>CLA</dt><dd>Children Looked After</dd></dl>
<pre>Line one
  Line two</pre>
</div></span></b>
<p>Unclosed <b>bold text runs on</p>
<p>There are no results that match your search criteria</p>
</article>
</main>
<footer><p>&copy; Example Council</p></footer>
<noscript>Enable JavaScript</noscript><template><p>template text</p></template>
<svg><text>svg text</text></svg>
</body></html>"""

EXPECTED = [
    "Corporate parenting strategy - 2023 - 2028",
    "",
    "It is our shared privilege to introduce this strategy – children’s voices & views.",
    "",
    "Using a partnership approach, we will remain relentlessly focused.",
    "A second line.",
    "",
    "Our principles",
    "",
    "In Staffordshire, we will:",
    "",
    "  • Make sure children and young people have access to:",
    "    • Loving stable homes",
    "    • Quality education",
    "  • Act in the child's best interest",
    "    and listen to them",
    "  • Always celebrate your successes",
    "",
    "  3. Work with you",
    "  7. Keep you safe",
    "",
    "Who does what",
    "Action\tLead officer\tTimescale",
    "Review care plans\tHead of Service: Life Chances\tSeptember 2025",
    "Run celebration events • Summer • Winter\tAnnually",
    "Nested inner cells",
    "",
    "",
    "",
    "Celebration events",
    "When you have achieved something, this is always recognised",
    "CLA: Children Looked After",
    "",
    "Line one",
    "Line two",
    "",
    "Unclosed bold text runs on",
    "",
    "",
]


def test_page_renders_as_lines(tmp_path):
    path = tmp_path / "strategy.html"
    path.write_text(PAGE, encoding="utf-8")
    doc = read_document(path)
    assert (doc.format, doc.source) == ("html", "strategy.html")
    assert doc.lines == EXPECTED
    assert doc.warnings == []


def test_markup_structure_is_kept_as_line_hints(tmp_path):
    path = tmp_path / "strategy.html"
    path.write_text(PAGE, encoding="utf-8")
    doc = read_document(path)
    hint = {doc.lines[n - 1].strip(): h for n, h in doc.hints.items()}
    assert (hint["Corporate parenting strategy - 2023 - 2028"].kind, hint["Our principles"].level) == ("heading", 2)
    assert hint["• Loving stable homes"].kind == "item" and hint["• Loving stable homes"].level == 1
    assert hint["and listen to them"].kind == "item_cont"
    header = hint["Action\tLead officer\tTimescale"]
    assert (header.kind, header.header, header.cells) == ("row", True, ("Action", "Lead officer", "Timescale"))
    spanned = hint["Run celebration events • Summer • Winter\tAnnually"]
    assert spanned.cells == ("Run celebration events • Summer • Winter", "", "Annually")
    assert hint["CLA: Children Looked After"].kind == "para"


def test_bold_paragraph_is_a_heading_and_a_spanning_row_is_merged(tmp_path):
    path = tmp_path / "plan.html"
    path.write_text("<p><strong>Where you live</strong></p><ul><li>We will visit you.</li></ul>"
                    "<table><tr><th>Action</th><th>Lead</th></tr><tr><td colspan='2'>Priority 1: Homes</td></tr>"
                    "<tr><td>Find homes</td><td>Head of Housing</td></tr></table>", encoding="utf-8")
    doc = read_document(path)
    hints = [doc.hints[n] for n in sorted(doc.hints)]
    assert (hints[0].kind, hints[0].level) == ("heading", 0)
    assert hints[1].kind == "item"
    assert [h.merged for h in hints[2:]] == [False, True, False]


def test_htm_and_declared_charset(tmp_path):
    path = tmp_path / "old.htm"
    path.write_bytes(
        b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
        b"</head><body><p>Children\x92s \x93voices\x94 \xa35</p></body></html>"
    )
    doc = read_document(path)
    assert doc.format == "html"
    assert doc.lines == ["Children’s “voices” £5"]


def test_unclosed_dropped_element_warns(tmp_path):
    path = tmp_path / "broken.html"
    path.write_text("<p>We will listen.</p><nav><ul><li>Home</li><p>Lost text", encoding="utf-8")
    doc = read_document(path)
    assert doc.lines == ["We will listen."]
    assert doc.warnings == ["broken.html: an unclosed <nav> hid the rest of the page"]


def test_text_without_markup_and_stray_tags(tmp_path):
    path = tmp_path / "bare.html"
    path.write_text("We will listen.</p></li></td></tr>\n<li>Orphan item</li>And more &amp; more", encoding="utf-8")
    assert read_document(path).lines == ["We will listen.", "  • Orphan item", "And more & more"]
