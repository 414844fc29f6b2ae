// assets/site.css: system fonts only (nothing to fetch), a readable measure, light and dark by the reader's
// setting or by the theme switch (html[data-theme], see page-script.ts), and colours that keep WCAG AA contrast
// in both, code tokens included.

type Palette = Record<string, string>;

const LIGHT: Palette = {
  text: '#1b1f24', muted: '#4d5561', background: '#ffffff', surface: '#f3f5f8', border: '#d4d9e0', link: '#0b5cad', visited: '#6a3fb0', mark: '#fff3bf', focus: '#c25e00',
  'code-keyword': '#b3111f', 'code-string': '#0a3069', 'code-number': '#0550ae', 'code-title': '#6639ba', 'code-comment': '#57606a', 'code-builtin': '#953800',
};
const DARK: Palette = {
  text: '#e6e9ee', muted: '#aab2bd', background: '#14171b', surface: '#1f2429', border: '#39414a', link: '#7ab8ff', visited: '#c7a6ff', mark: '#3d3410', focus: '#ffb25c',
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
.site-header, .breadcrumb, main, .site-footer { max-width: 46rem; margin: 0 auto; padding: 0 1rem; }
.site-header { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; align-items: baseline; justify-content: space-between; padding-top: 1rem; padding-bottom: .5rem; border-bottom: 1px solid var(--border); max-width: none; }
.brand { font-weight: 700; text-decoration: none; color: var(--text); }
.brand:visited { color: var(--text); }
.search { position: relative; flex: 1 1 16rem; max-width: 24rem; }
.search[hidden] { display: none; }
.search label { display: block; font-size: .875rem; color: var(--muted); }
.search input { width: 100%; font: inherit; padding: .35rem .6rem; color: var(--text); background: var(--surface); border: 1px solid var(--muted); border-radius: .3rem; }
.search-panel { position: absolute; left: 0; right: 0; z-index: 3; background: var(--background); box-shadow: 0 .5rem 1.5rem rgb(0 0 0 / 25%); border-radius: .3rem; }
.search-status { margin: 0; padding: .35rem .75rem; font-size: .875rem; color: var(--muted); }
.search-status:empty { display: none; }
.search-results { list-style: none; margin: 0; padding: 0 .75rem; max-height: 70vh; overflow-y: auto; }
.search-results:empty { display: none; }
.search-results li { padding: .35rem 0; border-top: 1px solid var(--border); }
.search-topic { font-size: .875rem; color: var(--muted); }
.breadcrumb ol { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem; margin: .75rem auto 0; padding: 0; font-size: .9375rem; }
.breadcrumb li + li::before { content: "›"; margin-right: .25rem; color: var(--muted); }
h1 { font-size: 1.9rem; line-height: 1.25; margin: 1.25rem 0 .5rem; }
h2 { font-size: 1.35rem; line-height: 1.3; margin: 2rem 0 .5rem; }
h3, h4, h5, h6 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
.lede { color: var(--muted); margin-top: 0; }
.question { border-top: 1px solid var(--border); padding-top: .25rem; scroll-margin-top: 1rem; }
/* The upstream site's text anchor of a question: at the question's top, where its stable id scrolls to. */
.anchor-alias { display: block; scroll-margin-top: calc(1rem + 1px + .25rem); }
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
@media print { .search, .skip, .pager, .theme, .code-bar { display: none; } }
`;
