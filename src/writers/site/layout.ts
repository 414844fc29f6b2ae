// The frame of every page: <head> with its metadata (title, description, canonical URL, Open Graph,
// JSON-LD), the header with the search box, the breadcrumb, the footer. Built as hast and serialized by
// hast-util-to-html, so no text from a bank is pasted into markup.
import type { Element, ElementContent, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { el, type Child } from '../shared/hast.js';
import { domainOf, githubRepository } from '../shared/links.js';
import { KATEX_STYLESHEET } from './math.js';
import { HUB_FILE } from './plan.js';
import { THEME_BOOT } from './page-script.js';
import { menuButton } from './navigation.js';

export interface Crumb {
  label: string;
  /** Relative to the page; null for the page itself. */
  href: string | null;
  /** Absolute, for the BreadcrumbList; null when the site has no address. */
  url: string | null;
}

export interface PageSpec {
  file: string;
  /** The way from the page up to the site's root ("" or "../"): its links to the site's files start with it. */
  root?: string;
  title: string;
  description: string;
  /** Absolute; null when the site has no address, or the page is not to be indexed (404). */
  canonical: string | null;
  jsonLd: object[];
  crumbs: Crumb[];
  main: Child[];
  /** Whether the page has a formula: it links KaTeX's stylesheet. */
  math?: boolean;
  /** A topic page's sidebar (navigation.ts), placed beside main on a wide screen, behind the menu on a phone. */
  sidebar?: Element;
  /** A topic page's slug, on <main> for study mode. */
  topic?: string;
  /** The 404 page is served at any path: its links and stylesheet cannot be relative. */
  standalone?: { stylesheet: string; home: string };
}

export interface SiteInfo {
  name: string;
  language: string;
  license: string;
  upstream: string;
  sourceDate: string;
}

/** The `<meta name="description">` length search engines show. */
const DESCRIPTION_CHARS = 160;

export function shortDescription(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= DESCRIPTION_CHARS) return flat;
  return `${flat.slice(0, DESCRIPTION_CHARS - 1).replace(/\s+\S*$/, '')}…`;
}

/**
 * JSON inside <script>: hast-util-to-html writes a script's text as it is, so "</script>" and "<!--" in a
 * bank's text must not appear literally; `\u003c` is the same character to a JSON parser.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

const meta = (name: string, content: string) => el('meta', { name, content });
const og = (property: string, content: string) => el('meta', { property, content });

function breadcrumb(crumbs: Crumb[]): Child {
  if (crumbs.length < 2) return null;
  return el('nav', { className: ['breadcrumb'], ariaLabel: 'Breadcrumb' }, [
    el(
      'ol',
      {},
      crumbs.map((crumb) => el('li', {}, [crumb.href === null ? el('span', { ariaCurrent: 'page' }, [crumb.label]) : el('a', { href: crumb.href }, [crumb.label])])),
    ),
  ]);
}

/** The search box: hidden until search.js shows it, so that a page without JavaScript has no dead control. */
function searchBox(root: string): ElementContent {
  return el('form', { className: ['search'], role: 'search', id: '_search', hidden: true, action: `${root}${HUB_FILE}` }, [
    el('label', { htmlFor: ['_q'], className: ['visually-hidden'] }, ['Search the questions']),
    el('input', { type: 'search', id: '_q', name: 'q', autocomplete: 'off', spellCheck: 'false', placeholder: 'Search (press /)', ariaControls: ['_results'] }),
    el('div', { className: ['search-panel'], id: '_panel', hidden: true }, [
      el('p', { id: '_status', className: ['search-status'], ariaLive: 'polite' }),
      el('ol', { id: '_results', className: ['search-results'] }),
    ]),
  ]);
}

/** Light, dark or the system's: hidden until page.js shows it (it is what makes the choice work and last). */
function themeSwitch(): ElementContent {
  return el('form', { className: ['theme'], id: '_theme-form', hidden: true }, [
    el('label', { htmlFor: ['_theme'], className: ['visually-hidden'] }, ['Theme']),
    el('select', { id: '_theme' }, [
      el('option', { value: 'system' }, ['System']),
      el('option', { value: 'light' }, ['Light']),
      el('option', { value: 'dark' }, ['Dark']),
    ]),
  ]);
}

export function renderPage(spec: PageSpec, site: SiteInfo): Uint8Array {
  const root = spec.root ?? '';
  const stylesheet = spec.standalone
    ? el('style', {}, [spec.standalone.stylesheet])
    : el('link', { rel: ['stylesheet'], href: `${root}assets/site.css` });
  const home = spec.standalone?.home ?? (root || HUB_FILE);
  const head = el('head', {}, [
    el('meta', { charSet: 'utf-8' }),
    el('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
    el('title', {}, [spec.title]),
    el('script', {}, [THEME_BOOT]),
    // The 404 page is served at any depth, where a relative link misses and an absolute one leaves the site.
    !spec.standalone && el('link', { rel: ['icon'], href: `${root}favicon.ico`, sizes: '32x32' }),
    meta('description', spec.description),
    meta('color-scheme', 'light dark'),
    !spec.canonical && meta('robots', 'noindex'),
    spec.canonical && el('link', { rel: ['canonical'], href: spec.canonical }),
    og('og:type', 'website'),
    og('og:site_name', site.name),
    og('og:title', spec.title),
    og('og:description', spec.description),
    spec.canonical && og('og:url', spec.canonical),
    stylesheet,
    spec.math === true && el('link', { rel: ['stylesheet'], href: `${root}${KATEX_STYLESHEET}` }),
    ...spec.jsonLd.map((data) => el('script', { type: 'application/ld+json' }, [scriptJson(data)])),
    !spec.standalone && el('script', { src: `${root}assets/search.js`, defer: true }),
    !spec.standalone && el('script', { src: `${root}assets/page.js`, defer: true }),
  ]);
  const date = site.sourceDate.slice(0, 10);
  const body = el('body', { dataSite: site.name }, [
    el('a', { className: ['skip'], href: '#_main' }, ['Skip to the content']),
    el('header', { className: ['site-header'] }, [
      el('a', { className: ['brand'], href: home }, [site.name]),
      !spec.standalone && searchBox(root),
      !spec.standalone && themeSwitch(),
      spec.sidebar ? menuButton() : null,
    ]),
    el('div', { className: spec.sidebar ? ['page', 'with-sidebar'] : ['page'] }, [
      el('main', { id: '_main', ...(spec.topic ? { dataTopic: spec.topic } : {}) }, [breadcrumb(spec.crumbs), ...spec.main]),
      spec.sidebar ?? null,
    ]),
    el('footer', { className: ['site-footer'] }, [
      el('p', {}, [
        site.upstream ? el('a', { href: site.upstream }, [githubRepository(site.upstream) ? 'Source on GitHub' : `Source: ${domainOf(site.upstream)}`]) : null,
        site.upstream && date ? ' · ' : null,
        date ? `source dated ${date}` : null,
      ]),
      site.license && el('p', {}, [site.license]),
    ]),
  ]);
  const tree: Root = { type: 'root', children: [{ type: 'doctype' }, el('html', { lang: site.language || 'en' }, [head, body])] };
  // `raw` nodes are only ever KaTeX's markup of a formula (see content.ts); every other text is escaped.
  return new TextEncoder().encode(`${toHtml(tree, { allowDangerousHtml: true })}\n`);
}
