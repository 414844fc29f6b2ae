// Instant search with no server: the index is built here with MiniSearch and shipped as a script (a page
// opened from disk may load scripts but not fetch JSON), with MiniSearch's own browser build and a small
// script that loads both on first use. Results show the question's topic and a snippet of its answer with
// the matched words marked; exact and prefix matches come first, spelling-tolerant ones only when there are
// none (so "svm" finds no "perplexity"), and a hyphenated word is searched whole ("k-means" is not "k" and
// "means"). Without JavaScript the search box stays hidden.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import MiniSearch, { type Options } from 'minisearch';
import { numberLabel, type Question } from '../../model.js';
import { hastToText } from '../../read/markdown.js';

export interface SearchDocument {
  id: string;
  title: string;
  text: string;
  /** The page that holds the question, relative to the site's root. */
  page: string;
  topic: string;
}

/**
 * The index's words: a hyphenated word whole and its parts ("k-means", "k", "means"), so that a query finds
 * "k-means" as one word and "means" in it too. Its source is shipped to the browser (SEARCH_SCRIPT), which
 * tokenizes queries with `whole` true: a query's hyphenated word stays whole.
 */
export function searchWords(text: string, whole?: boolean): string[] {
  const words = text.match(/[\p{L}\p{N}]+(?:[-_][\p{L}\p{N}]+)*/gu) || [];
  if (whole === true) return words;
  const out: string[] = [];
  for (const word of words) {
    out.push(word);
    if (/[-_]/.test(word)) out.push(...word.split(/[-_]/));
  }
  return out;
}

/** The same options build the index here and load it in the browser (search-index.js carries them). */
const OPTIONS: Options<SearchDocument> = { idField: 'id', fields: ['title', 'text'], storeFields: ['title', 'text', 'page', 'topic'], tokenize: (text) => searchWords(text) };

export const searchDocument = (q: Question, page: string, topic: string): SearchDocument => ({
  id: q.id,
  title: `${numberLabel(q)}. ${hastToText(q.titleTree).replace(/\s+/g, ' ')}`,
  text: q.answerText.replace(/\s+/g, ' ').trim(),
  page,
  topic,
});

/** assets/search-index.js: the serialized index and the options that are data (the tokenizer is in search.js). */
export function searchIndexScript(documents: SearchDocument[]): string {
  const index = new MiniSearch<SearchDocument>(OPTIONS);
  index.addAll(documents);
  const { tokenize: _tokenize, ...options } = OPTIONS;
  // JSON is valid JavaScript (since ES2019 also with U+2028 and U+2029 in strings).
  return `window.MLQ_SEARCH = ${JSON.stringify({ options, index })};\n`;
}

/** MiniSearch's browser build (UMD, it defines `MiniSearch`), from the installed package. */
export function miniSearchScript(): string {
  const main = createRequire(import.meta.url).resolve('minisearch');
  const umd = path.join(path.dirname(main), '..', 'umd', 'index.js');
  // The source map is not shipped: a browser's developer tools would ask for it and fail.
  return readFileSync(umd, 'utf8').replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
}

/**
 * assets/search.js: shows the search box, loads the index on first use, lists matches with their topic and a
 * marked snippet. The keyboard: "/" focuses the box, ArrowDown and ArrowUp move through the results, Enter
 * opens the one chosen (the first from the box), Escape closes the panel; so does a click outside it.
 */
export const SEARCH_SCRIPT = `'use strict';
(function () {
  var form = document.getElementById('_search');
  var input = document.getElementById('_q');
  var panel = document.getElementById('_panel');
  var list = document.getElementById('_results');
  var status = document.getElementById('_status');
  var script = document.currentScript;
  if (!form || !input || !panel || !list || !status || !script) return;
  var assets = new URL('.', script.src);
  var root = new URL('..', assets);
  var index = null;
  var loading = null;
  var MAX = 20;
  var SNIPPET = 160;
  var searchWords = ${searchWords.toString()};

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
        data.options.tokenize = function (text) { return searchWords(text); };
        data.options.searchOptions = { tokenize: function (text) { return searchWords(text, true); } };
        index = window.MiniSearch.loadJS(data.index, data.options);
        return index;
      });
    }
    return loading;
  }

  function target(hit) {
    return new URL(hit.page + '#' + encodeURIComponent(hit.id), root).href;
  }

  // Exact words first, then words that start with the query's, and only when neither finds anything, words
  // spelt a little differently (never for short words, where one letter makes another word).
  function find(query) {
    var base = { combineWith: 'AND', boost: { title: 2 } };
    var exact = index.search(query, base);
    var seen = {};
    exact.forEach(function (hit) { seen[hit.id] = true; });
    var prefix = index.search(query, Object.assign({}, base, { prefix: function (term) { return term.length >= 2; } }))
      .filter(function (hit) { return !seen[hit.id]; });
    var hits = exact.concat(prefix);
    if (hits.length > 0) return { hits: hits, fuzzy: false };
    var fuzzy = index.search(query, Object.assign({}, base, { prefix: true, fuzzy: function (term) { return term.length >= 5 ? 0.2 : false; } }));
    return { hits: fuzzy, fuzzy: fuzzy.length > 0 };
  }

  // The text as nodes, every word the search matched inside <mark>.
  function marked(text, terms) {
    var out = document.createDocumentFragment();
    var last = 0;
    text.replace(/[\\p{L}\\p{N}]+(?:[-_][\\p{L}\\p{N}]+)*/gu, function (word, at) {
      var lower = word.toLowerCase();
      var hit = terms.some(function (term) { return lower === term || lower.split(/[-_]/).indexOf(term) >= 0; });
      if (!hit) return word;
      out.append(text.slice(last, at));
      var mark = document.createElement('mark');
      mark.textContent = word;
      out.append(mark);
      last = at + word.length;
      return word;
    });
    out.append(text.slice(last));
    return out;
  }

  // Some words of the answer around its first match.
  function snippet(text, terms) {
    var lower = text.toLowerCase();
    var first = -1;
    terms.forEach(function (term) {
      var re = new RegExp('(^|[^\\\\p{L}\\\\p{N}])' + term.replace(/[.*+?^\${}()|[\\]\\\\]/g, '\\\\$&'), 'u');
      var found = re.exec(lower);
      if (found && (first < 0 || found.index < first)) first = found.index + found[1].length;
    });
    if (first < 0) first = 0;
    var start = Math.max(0, first - 40);
    if (start > 0) start = text.indexOf(' ', start) + 1 || start;
    var end = Math.min(text.length, start + SNIPPET);
    if (end < text.length) end = text.lastIndexOf(' ', end) > start ? text.lastIndexOf(' ', end) : end;
    return (start > 0 ? '… ' : '') + text.slice(start, end) + (end < text.length ? ' …' : '');
  }

  function setOpen(open) { panel.hidden = !open; }

  function show(query) {
    var found = query.trim() ? find(query) : { hits: [], fuzzy: false };
    var hits = found.hits;
    list.replaceChildren();
    hits.slice(0, MAX).forEach(function (hit) {
      var item = document.createElement('li');
      var link = document.createElement('a');
      link.href = target(hit);
      var title = document.createElement('span');
      title.className = 'search-title';
      title.append(marked(hit.title, hit.terms));
      var topic = document.createElement('span');
      topic.className = 'search-topic';
      topic.textContent = hit.topic;
      link.append(title, ' ', topic);
      if (hit.text) {
        var text = document.createElement('span');
        text.className = 'search-snippet';
        text.append(marked(snippet(hit.text, hit.terms), hit.terms));
        link.append(' ', text);
      }
      item.append(link);
      list.appendChild(item);
    });
    var counted = hits.length + (hits.length === 1 ? ' question matches' : ' questions match');
    status.textContent = !query.trim() ? '' : hits.length === 0 ? 'No question matches.'
      : (found.fuzzy ? 'No exact match; ' + hits.length + (hits.length === 1 ? ' question has' : ' questions have') + ' a word spelt like it' : counted)
        + (hits.length > MAX ? ', the first ' + MAX + ' shown.' : '.');
    setOpen(query.trim() !== '');
    return hits;
  }

  function results() { return Array.prototype.slice.call(list.querySelectorAll('a')); }

  form.hidden = false;
  input.addEventListener('focus', function () {
    ready().then(function () { if (input.value.trim()) show(input.value); }, function () { status.textContent = 'Search is not available.'; setOpen(true); });
  });
  input.addEventListener('input', function () { ready().then(function () { show(input.value); }); });
  form.addEventListener('keydown', function (event) {
    var links = results();
    var at = links.indexOf(document.activeElement);
    if (event.key === 'Escape') {
      if (panel.hidden && document.activeElement === input) { input.value = ''; show(''); return; }
      setOpen(false);
      input.focus();
    } else if (event.key === 'ArrowDown' && !panel.hidden && links.length > 0) {
      event.preventDefault();
      links[Math.min(at + 1, links.length - 1)].focus();
    } else if (event.key === 'ArrowUp' && at >= 0) {
      event.preventDefault();
      if (at === 0) input.focus(); else links[at - 1].focus();
    }
  });
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    ready().then(function () {
      var first = show(input.value)[0];
      if (first) { setOpen(false); window.location.href = target(first); }
    });
  });
  // A result on the same page only moves the page: the panel closes all the same.
  list.addEventListener('click', function (event) { if (event.target.closest('a')) setOpen(false); });
  document.addEventListener('pointerdown', function (event) { if (!form.contains(event.target)) setOpen(false); });
  form.addEventListener('focusout', function (event) { if (event.relatedTarget && !form.contains(event.relatedTarget)) setOpen(false); });
  document.addEventListener('keydown', function (event) {
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
    var there = document.activeElement;
    if (there && (there.isContentEditable || /^(?:INPUT|TEXTAREA|SELECT)$/.test(there.tagName))) return;
    event.preventDefault();
    input.focus();
    input.select();
  });
  var given = new URLSearchParams(window.location.search).get('q');
  if (given) {
    input.value = given;
    ready().then(function () { show(given); });
  }
})();
`;
