// Instant search with no server: the index is built here with MiniSearch and shipped as a script (a page
// opened from disk may load scripts but not fetch JSON), with MiniSearch's own browser build and a small
// script that loads both on first use. Without JavaScript the search box stays hidden.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import MiniSearch, { type Options } from 'minisearch';
import type { Question } from '../../model.js';
import { hastToText } from '../../read/markdown.js';

export interface SearchDocument {
  id: string;
  title: string;
  text: string;
  /** The page that holds the question, relative to the site's root. */
  page: string;
  topic: string;
}

/** The same options build the index here and load it in the browser (search-index.js carries them). */
const OPTIONS: Options<SearchDocument> = { idField: 'id', fields: ['title', 'text'], storeFields: ['title', 'page', 'topic'] };

export const searchDocument = (q: Question, page: string, topic: string): SearchDocument => ({
  id: q.id,
  title: `${q.number}. ${hastToText(q.titleTree).replace(/\s+/g, ' ')}`,
  text: q.answerText,
  page,
  topic,
});

/** assets/search-index.js: the serialized index and its options, as one assignment. */
export function searchIndexScript(documents: SearchDocument[]): string {
  const index = new MiniSearch<SearchDocument>(OPTIONS);
  index.addAll(documents);
  // JSON is valid JavaScript (since ES2019 also with U+2028 and U+2029 in strings).
  return `window.MLQ_SEARCH = ${JSON.stringify({ options: OPTIONS, index })};\n`;
}

/** MiniSearch's browser build (UMD, it defines `MiniSearch`), from the installed package. */
export function miniSearchScript(): string {
  const main = createRequire(import.meta.url).resolve('minisearch');
  const umd = path.join(path.dirname(main), '..', 'umd', 'index.js');
  // The source map is not shipped: a browser's developer tools would ask for it and fail.
  return readFileSync(umd, 'utf8').replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
}

/** assets/search.js: shows the search box, loads the index on first use, lists matches, Enter opens the first. */
export const SEARCH_SCRIPT = `'use strict';
(function () {
  var form = document.getElementById('_search');
  var input = document.getElementById('_q');
  var list = document.getElementById('_results');
  var status = document.getElementById('_status');
  var script = document.currentScript;
  if (!form || !input || !list || !status || !script) return;
  var assets = new URL('.', script.src);
  var root = new URL('..', assets);
  var index = null;
  var loading = null;
  var MAX = 20;

  function load(name) {
    return new Promise(function (resolve, reject) {
      var tag = document.createElement('script');
      tag.src = new URL(name, assets).href;
      tag.onload = resolve;
      tag.onerror = function () { reject(new Error('cannot load ' + name)); };
      document.head.appendChild(tag);
    });
  }

  function ready() {
    if (!loading) {
      loading = load('minisearch.js').then(function () { return load('search-index.js'); }).then(function () {
        var data = window.MLQ_SEARCH;
        index = window.MiniSearch.loadJS(data.index, data.options);
        return index;
      });
    }
    return loading;
  }

  function target(hit) {
    return new URL(hit.page + '#' + encodeURIComponent(hit.id), root).href;
  }

  function show(query) {
    var hits = query.trim() ? index.search(query, { prefix: true, fuzzy: 0.2, combineWith: 'AND', boost: { title: 2 } }) : [];
    list.replaceChildren();
    hits.slice(0, MAX).forEach(function (hit) {
      var item = document.createElement('li');
      var link = document.createElement('a');
      link.href = target(hit);
      link.textContent = hit.title;
      var topic = document.createElement('span');
      topic.className = 'search-topic';
      topic.textContent = hit.topic;
      item.append(link, ' ', topic);
      list.appendChild(item);
    });
    status.textContent = !query.trim() ? '' : hits.length === 0 ? 'No question matches.'
      : hits.length + (hits.length === 1 ? ' question matches' : ' questions match') + (hits.length > MAX ? ', the first ' + MAX + ' shown.' : '.');
    return hits;
  }

  form.hidden = false;
  input.addEventListener('focus', function () { ready().catch(function () { status.textContent = 'Search is not available.'; }); });
  input.addEventListener('input', function () { ready().then(function () { show(input.value); }); });
  input.addEventListener('keydown', function (event) {
    if (event.key === 'Escape' && index) { input.value = ''; show(''); }
  });
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    ready().then(function () {
      var first = show(input.value)[0];
      if (first) window.location.href = target(first);
    });
  });
  var given = new URLSearchParams(window.location.search).get('q');
  if (given) {
    input.value = given;
    ready().then(function () { show(given); });
  }
})();
`;
