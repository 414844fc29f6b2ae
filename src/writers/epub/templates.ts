// Templates handed to epub-gen-memory (EJS). `<%= %>` escapes; `<%- %>` only ever receives XHTML that
// hast-util-to-html serialized. They replace the library's defaults, which stamp the build time
// (dcterms:modified, the copyright year), use a random identifier and a flat table of contents.

const page = (title: string, body: string) => `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="<%= lang %>" lang="<%= lang %>">
<head>
<meta charset="UTF-8" />
<title>${title}</title>
<link rel="stylesheet" type="text/css" href="style.css" />
</head>
<body>
${body}
</body>
</html>
`;

/** A chapter: `xhtml` is its serialized body (see index.ts for why not the library's `content`). */
export const CHAPTER_XHTML = page('<%= title %>', '<%- xhtml %>');

/** The navigation document: `navHtml` is the serialized `<nav epub:type="toc">` and landmarks. */
export const NAV_XHTML = page('<%= tocTitle %>', '<%- navHtml %>');

/** The package document; toc.ncx is for EPUB 2 readers, which do not know the navigation document. */
export const CONTENT_OPF = `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="book-id" xml:lang="<%= lang %>">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:identifier id="book-id">urn:uuid:<%= identifier %></dc:identifier>
<dc:title><%= title %></dc:title>
<dc:language><%= lang %></dc:language>
<% author.forEach(function (name) { %><dc:creator><%= name %></dc:creator>
<% }) %><dc:description><%= description %></dc:description>
<% subjects.forEach(function (subject) { %><dc:subject><%= subject %></dc:subject>
<% }) %><dc:date><%= published %></dc:date>
<% if (rights) { %><dc:rights><%= rights %></dc:rights>
<% } %><% if (source) { %><dc:source><%= source %></dc:source>
<% } %><meta property="dcterms:modified"><%= modified %></meta>
<% accessibility.forEach(function (meta) { %><meta property="<%= meta.property %>"><%= meta.value %></meta>
<% }) %><meta name="cover" content="cover-image" />
</metadata>
<manifest>
<item id="nav" href="toc.xhtml" media-type="application/xhtml+xml" properties="nav" />
<item id="css" href="style.css" media-type="text/css" />
<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml" />
<item id="cover-image" href="cover.<%= cover.extension %>" media-type="<%= cover.mediaType %>" properties="cover-image" />
<item id="cover-svg" href="<%= coverSvg %>" media-type="image/svg+xml" />
<% content.forEach(function (chapter, index) { %><item id="page-<%= index %>" href="<%= chapter.filename %>" media-type="application/xhtml+xml"<% if (chapter.mathml) { %> properties="mathml"<% } %> />
<% }) %></manifest>
<spine toc="ncx">
<% content.forEach(function (chapter, index) { if (chapter.beforeToc) { %><itemref idref="page-<%= index %>" />
<% } }) %><itemref idref="nav" />
<% content.forEach(function (chapter, index) { if (!chapter.beforeToc) { %><itemref idref="page-<%= index %>" />
<% } }) %></spine>
</package>
`;

/**
 * Small screens first: no fixed widths, code wraps instead of running off the page. No colour of its own:
 * text, links and backgrounds are the reading system's (a night theme stays light on dark), code boxes and
 * table rules are a translucent grey that shows on either, and `color-scheme` lets a dark preference apply
 * (with the theme's own Canvas and CanvasText as page colours, so that a checker blends the code boxes' grey
 * over the dark page, and links in the text's colour, underlined: a browser's link blue is too dark there).
 * MathML's TeX annotation is hidden from reading systems that would show it as text.
 */
export const STYLESHEET = `:root { color-scheme: light dark; }
body { margin: 0 0.5em; line-height: 1.4; }
h1, h2, h3, h4, h5, h6 { line-height: 1.2; page-break-after: avoid; break-after: avoid; }
.question > h2, .question > h3 { font-size: 1.1em; margin-top: 1.6em; }
.question { margin-bottom: 1.2em; }
.sources, .answer-links { font-size: 0.85em; }
.no-answer { font-style: italic; }
a { overflow-wrap: break-word; word-wrap: break-word; }
pre { white-space: pre-wrap; word-wrap: break-word; overflow-wrap: break-word; font-size: 0.85em; background-color: rgba(128, 128, 128, 0.15); border-left: 3px solid rgba(128, 128, 128, 0.6); padding: 0.5em; }
code { font-family: monospace; overflow-wrap: break-word; word-wrap: break-word; }
annotation, annotation-xml { display: none; }
@media (prefers-color-scheme: dark) { :root { background-color: Canvas; color: CanvasText; } a:link, a:visited { color: inherit; } }
table { border-collapse: collapse; max-width: 100%; }
th, td { border: 1px solid rgba(128, 128, 128, 0.6); padding: 0.2em 0.4em; vertical-align: top; }
.align-left { text-align: left; }
.align-center { text-align: center; }
.align-right { text-align: right; }
img { max-width: 100%; }
nav ol { list-style: none; padding-left: 1em; }
nav.landmarks { display: none; }
.cover { text-align: center; margin: 0; padding: 0; }
.cover img { max-width: 100%; max-height: 100vh; }
.subtitle { font-style: italic; }
.title-page { text-align: center; }
.small { font-size: 0.9em; }
`;
