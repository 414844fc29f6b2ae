// assets/site.css: system fonts only (nothing to fetch), a readable measure, light and dark by the reader's
// setting or by the theme switch (html[data-theme], see page-script.ts), and colours that keep WCAG AA contrast
// in both, code tokens included.

type Palette = Record<string, string>;

const LIGHT: Palette = {
  text: '#1b1f24', muted: '#4d5561', background: '#ffffff', surface: '#f3f5f8', border: '#d4d9e0', panel: '#ffffff', 'panel-border': '#8c959f', known: '#1a7f37', again: '#b35900', link: '#0b5cad', visited: '#6a3fb0', mark: '#fff3bf', focus: '#c25e00',
  'code-keyword': '#b3111f', 'code-string': '#0a3069', 'code-number': '#0550ae', 'code-title': '#6639ba', 'code-comment': '#57606a', 'code-builtin': '#953800',
};
const DARK: Palette = {
  text: '#e6e9ee', muted: '#aab2bd', background: '#14171b', surface: '#1f2429', border: '#39414a', panel: '#262c33', 'panel-border': '#6e7781', known: '#56d364', again: '#ffa657', link: '#7ab8ff', visited: '#c7a6ff', mark: '#3d3410', focus: '#ffb25c',
  'code-keyword': '#ff7b72', 'code-string': '#a5d6ff', 'code-number': '#79c0ff', 'code-title': '#d2a8ff', 'code-comment': '#9aa4ae', 'code-builtin': '#ffa657',
};

const variables = (palette: Palette, scheme: string) => `  color-scheme: ${scheme};\n${Object.entries(palette).map(([name, value]) => `  --${name}: ${value};`).join('\n')}`;

export const STYLESHEET = `:root {
${variables(LIGHT, 'light')}
}
@media (prefers-color-scheme: dark) {
  :root:not([data-theme="light"]) {
${variables(DARK, 'dark')}
  }
}
:root[data-theme="dark"] {
${variables(DARK, 'dark')}
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0;
  background: var(--background);
  color: var(--text);
  font: 1.0625rem/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif;
}
a { color: var(--link); }
a:visited { color: var(--visited); }
a:focus-visible, input:focus-visible, button:focus-visible, select:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.skip { position: absolute; left: -9999px; top: 0; background: var(--background); padding: .5rem 1rem; }
.skip:focus { left: .5rem; z-index: 2; }
.visually-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip-path: inset(50%); white-space: nowrap; border: 0; }
.page, .site-footer { max-width: 46rem; margin: 0 auto; padding: 0 1rem; }
.site-header { position: sticky; top: 0; z-index: 4; display: flex; flex-wrap: wrap; gap: .5rem 1.25rem; align-items: center; padding: .6rem 1rem; background: var(--background); border-bottom: 1px solid var(--border); }
.brand { flex: 1 1 0; min-width: 0; font-weight: 700; text-decoration: none; color: var(--text); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.brand:visited { color: var(--text); }
.search { position: relative; flex: 0 1 26rem; }
.search[hidden] { display: none; }
.search input { width: 100%; font: inherit; padding: .35rem .6rem; color: var(--text); background: var(--surface); border: 1px solid var(--muted); border-radius: .3rem; }
.search input::placeholder { color: var(--muted); opacity: 1; }
.search-panel { position: absolute; left: 0; right: 0; top: calc(100% + .35rem); z-index: 5; min-width: min(30rem, calc(100vw - 2rem)); background: var(--panel); border: 1px solid var(--panel-border); box-shadow: 0 .75rem 2rem rgb(0 0 0 / 40%); border-radius: .4rem; }
.search-panel[hidden] { display: none; }
.search-status { margin: 0; padding: .4rem .75rem; font-size: .875rem; color: var(--muted); }
.search-status:empty { display: none; }
.search-results { list-style: none; margin: 0; padding: 0; max-height: min(70vh, 36rem); overflow-y: auto; }
.search-results:empty { display: none; }
.search-results li { border-top: 1px solid var(--border); }
.search-results a { display: block; padding: .5rem .75rem; text-decoration: none; color: var(--text); }
.search-results a:hover, .search-results a:focus { background: var(--surface); }
.search-results a:focus-visible { outline-offset: -3px; }
.search-title { display: block; font-weight: 600; color: var(--link); }
.search-topic { display: block; font-size: .8125rem; color: var(--muted); }
.search-snippet { display: block; font-size: .875rem; color: var(--text); }
mark { background: var(--mark); color: inherit; border-radius: .15em; padding: 0 .1em; }
.breadcrumb ol { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem; margin: .75rem 0 0; padding: 0; font-size: .9375rem; }
.breadcrumb li + li::before { content: "›"; margin-right: .25rem; color: var(--muted); }
h1 { font-size: 1.9rem; line-height: 1.25; margin: 1.25rem 0 .5rem; }
h2 { font-size: 1.35rem; line-height: 1.3; margin: 2rem 0 .5rem; }
h3, h4, h5, h6 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
.lede { color: var(--muted); margin-top: 0; }
.question, .study-bar { scroll-margin-top: calc(var(--header-height, 4rem) + .75rem); }
.question { border-top: 1px solid var(--border); padding-top: .25rem; }
.on-page h2 { font-size: 1.1rem; margin: 1.5rem 0 .25rem; }
.question-index { padding-left: 1.25rem; margin: 0 0 1.5rem; }
.question-index li { margin: .15rem 0; }
.on-page .question-index { columns: 2 22rem; column-gap: 2rem; }
.on-page .question-index li { break-inside: avoid; }
a[data-mark="known"]::after { content: " ✓"; color: var(--known); }
a[data-mark="again"]::after { content: " ↻"; color: var(--again); }
.sidebar { font-size: .9375rem; margin: 2rem 0; padding-top: 1rem; border-top: 1px solid var(--border); }
.sidebar-title { font-size: 1rem; margin: 0 0 .5rem; }
.sidebar ul { list-style: none; margin: 0; padding: 0; }
.sidebar ul ul { padding-left: .9rem; margin: .25rem 0 .5rem; border-left: 2px solid var(--border); }
.sidebar li { margin: .2rem 0; }
.sidebar a { text-decoration: none; display: inline-block; padding: .05rem .25rem; border-radius: .2rem; }
.sidebar a:hover { text-decoration: underline; }
.sidebar a[aria-current="page"] { font-weight: 700; color: var(--text); }
.sidebar a[aria-current="location"] { background: var(--surface); color: var(--text); box-shadow: inset 3px 0 0 var(--link); }
.sidebar-bank { font-weight: 600; color: var(--muted); }
.menu-button { font: inherit; font-size: .9375rem; color: var(--text); background: var(--surface); border: 1px solid var(--muted); border-radius: .3rem; padding: .25rem .7rem; cursor: pointer; }
.menu-button[hidden] { display: none; }
.to-top { margin: 2rem 0 0; font-size: .9375rem; }
.to-top.floating { position: fixed; right: 1rem; bottom: 1rem; z-index: 3; margin: 0; }
.to-top.floating a { display: inline-block; padding: .4rem .8rem; background: var(--panel); border: 1px solid var(--panel-border); border-radius: 1.2rem; box-shadow: 0 .25rem .75rem rgb(0 0 0 / 25%); }
@media (min-width: 64rem) {
  .page.with-sidebar { display: grid; grid-template-columns: 17rem minmax(0, 46rem); gap: 0 2.5rem; max-width: 68rem; }
  .with-sidebar > main { grid-column: 2; grid-row: 1; }
  .with-sidebar > .sidebar { grid-column: 1; grid-row: 1; align-self: start; position: sticky; top: calc(var(--header-height, 4rem) + 1rem); max-height: calc(100vh - var(--header-height, 4rem) - 2rem); overflow-y: auto; margin: 1.25rem 0 0; padding: 0 .25rem 1rem 0; border-top: 0; }
  .menu-button { display: none; }
}
@media (max-width: 63.99rem) {
  .has-menu .sidebar { display: none; }
  .has-menu .sidebar.open { display: block; position: fixed; z-index: 4; top: var(--header-height, 6rem); left: 0; right: 0; bottom: 0; margin: 0; padding: 1rem; overflow-y: auto; background: var(--background); border-top: 1px solid var(--border); }
  .search { flex: 1 1 100%; order: 5; }
}
.study-bar { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1rem; margin: 1rem 0; padding: .6rem .9rem; background: var(--surface); border: 1px solid var(--border); border-radius: .4rem; font-size: .9375rem; }
.study-bar p { margin: 0; }
.study-status { color: var(--muted); }
.run-status { font-weight: 600; }
.study-switch { display: inline-flex; align-items: center; gap: .4rem; font-weight: 600; cursor: pointer; }
.study-switch input { width: 1.1rem; height: 1.1rem; accent-color: var(--link); }
.study-bar button, .study-controls button { font: inherit; font-size: .9375rem; color: var(--text); background: var(--background); border: 1px solid var(--muted); border-radius: .3rem; padding: .2rem .7rem; cursor: pointer; }
.study-controls { display: none; flex-wrap: wrap; gap: .5rem; margin: .25rem 0 .75rem; }
.studying .study-controls { display: flex; }
.study-controls .reveal { font-weight: 600; }
.study-controls .mark-known[aria-pressed="true"] { border-color: var(--known); box-shadow: inset 0 0 0 1px var(--known); }
.study-controls .mark-again[aria-pressed="true"] { border-color: var(--again); box-shadow: inset 0 0 0 1px var(--again); }
.study-controls .mark-known[aria-pressed="true"]::before { content: "✓ "; color: var(--known); }
.study-controls .mark-again[aria-pressed="true"]::before { content: "↻ "; color: var(--again); }
.question.concealed > .answer, .question.concealed > .no-answer, .question.concealed > .question-links { display: none; }
.question.run-off, .running .on-page, .running .pager { display: none; }
.study-progress { font-size: .875rem; color: var(--muted); }
/* The upstream site's text anchor of a question, at the question's top (inside its border and padding): it scrolls where the question does. */
.anchor-alias { display: block; scroll-margin-top: calc(var(--header-height, 4rem) + .75rem + 1px + .25rem); }
.question:target { background: var(--mark); outline: .5rem solid var(--mark); }
.question h2 .number { color: var(--muted); }
.permalink { font-size: .9375rem; font-weight: 400; margin-left: .35rem; text-decoration: none; }
.question-links, .edit, .no-answer { font-size: .9375rem; color: var(--muted); }
.question-links { margin: .25rem 0; }
pre { background: var(--surface); border: 1px solid var(--border); border-radius: .3rem; padding: .75rem 1rem; overflow-x: auto; line-height: 1.45; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: .9em; }
:not(pre) > code { background: var(--surface); padding: .1em .3em; border-radius: .2rem; }
img, svg, video { max-width: 100%; height: auto; }
table { border-collapse: collapse; display: block; overflow-x: auto; }
th, td { border: 1px solid var(--border); padding: .3rem .6rem; }
.align-left { text-align: left; }
.align-center { text-align: center; }
.align-right { text-align: right; }
blockquote { margin: 1rem 0; padding-left: 1rem; border-left: 4px solid var(--border); color: var(--muted); }
.topics { padding-left: 1.25rem; }
.topic-list { padding-left: 1.75rem; }
.topic-list li { margin: .2rem 0; }
.downloads { display: flex; flex-wrap: wrap; gap: .5rem 1rem; list-style: none; padding: 0; }
.downloads a { display: inline-block; padding: .35rem .75rem; border: 1px solid var(--border); border-radius: .3rem; background: var(--surface); }
.pager { display: flex; justify-content: space-between; gap: 1rem; margin: 2rem 0; padding-top: 1rem; border-top: 1px solid var(--border); }
.pager a[rel="next"] { margin-left: auto; text-align: right; }
.site-footer { margin-top: 3rem; padding-bottom: 2rem; font-size: .875rem; color: var(--muted); border-top: 1px solid var(--border); }
.site-header .theme { font-size: .875rem; color: var(--muted); }
.theme { margin: 0; }
.theme[hidden] { display: none; }
.theme label { margin-right: .35rem; }
.theme select { font: inherit; color: var(--text); background: var(--surface); border: 1px solid var(--muted); border-radius: .3rem; padding: .2rem .3rem; }
.code-bar { display: flex; justify-content: flex-end; align-items: center; gap: .5rem; margin: 1rem 0 -.75rem; font-size: .8125rem; }
.code-bar + pre { margin-top: .25rem; }
.copy { font: inherit; color: var(--text); background: var(--surface); border: 1px solid var(--muted); border-radius: .3rem; padding: .1rem .6rem; cursor: pointer; }
.copy-status { color: var(--muted); }
.hljs-keyword, .hljs-selector-tag, .hljs-literal, .hljs-doctag, .hljs-meta .hljs-keyword { color: var(--code-keyword); }
.hljs-string, .hljs-regexp, .hljs-meta .hljs-string, .hljs-addition { color: var(--code-string); }
.hljs-number, .hljs-attr, .hljs-attribute, .hljs-variable, .hljs-template-variable, .hljs-symbol, .hljs-selector-id, .hljs-selector-class, .hljs-property { color: var(--code-number); }
.hljs-title, .hljs-title.function_, .hljs-title.class_, .hljs-section, .hljs-name { color: var(--code-title); }
.hljs-comment, .hljs-quote, .hljs-meta, .hljs-deletion { color: var(--code-comment); }
.hljs-built_in, .hljs-type, .hljs-params, .hljs-subst { color: var(--code-builtin); }
.hljs-comment, .hljs-quote { font-style: italic; }
.hljs-section, .hljs-title { font-weight: 600; }
@media print { .search, .skip, .pager, .theme, .code-bar, .sidebar, .menu-button, .to-top, .study-bar, .study-controls { display: none; } .site-header { position: static; } }
`;
