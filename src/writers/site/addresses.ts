// Where the site's pages and anchors live: each page's file and address (site.urls: `topic.html`, or
// `topic/index.html` served as `topic/`), links from one page to another (relative, so the site works under
// any sub-path), absolute addresses (from site.url), and the text anchors the upstream's own site gave each
// question, which the pages answer to beside the stable ids.
import type { Config } from '../../config.js';
import type { Question } from '../../model.js';
import { githubRepository } from '../shared/links.js';

export type UrlStyle = Config['site']['urls'];

/** A page of the site by its slug (null: the hub). */
export class SiteAddresses {
  constructor(
    readonly style: UrlStyle,
    /** The site's address, ending in "/"; null when it has none. */
    readonly base: string | null,
  ) {}

  /** The page's file in the site: "index.html", "nlp.html" or "nlp/index.html". */
  file(slug: string | null): string {
    if (slug === null) return 'index.html';
    return this.style === 'directory' ? `${slug}/index.html` : `${slug}.html`;
  }

  /** The page's address from the site's root: "index.html" or "" for the hub, "nlp.html" or "nlp/". */
  path(slug: string | null): string {
    if (this.style === 'directory') return slug === null ? '' : `${slug}/`;
    return this.file(slug);
  }

  /** A link from the page in `fromFile` to `target` (an address from the site's root, "#fragment" allowed). */
  href(fromFile: string, target: string): string {
    const link = `${rootOf(fromFile)}${target}`;
    // "" would name the page itself, and "#x" its anchor: the hub links to itself as "./".
    return link === '' || link.startsWith('#') ? `./${link}` : link;
  }

  /** The page's absolute address, or null when the site has no address. The hub's is the site's own ("…/", not "…/index.html"). */
  absolute(target: string): string | null {
    return this.base ? new URL(target.replace(/^index\.html(?=#|$)/, ''), this.base).href : null;
  }
}

/** The way from a page's file up to the site's root: "" or "../". */
export const rootOf = (file: string): string => '../'.repeat(file.split('/').length - 1);

/** The GitHub Pages address of a repository (https://owner.github.io/name/), or null when it is not on GitHub. */
export function pagesAddress(repository: string): string | null {
  const repo = githubRepository(repository);
  return repo ? `https://${repo.owner.toLowerCase()}.github.io/${encodeURIComponent(repo.name)}/` : null;
}

/**
 * The site's address: site.url (or --site-url), else the GitHub Pages address of the repository that holds
 * the banks (where `mlq init --workflow` publishes it); never the upstream's, whose site mlq does not publish.
 */
export const siteAddress = (config: Config, repository: string | undefined): string | null => config.site.url || (repository ? pagesAddress(repository) : null);

/** Where the upstream's site builder cuts a question's anchor. */
const TEXT_ANCHOR_CHARS = 80;

/**
 * The anchor the upstream's site (scripts/build_site.py of MLQuestions) gives a question: its title with
 * link syntax stripped to the link text, `` ` `` `*` `_` removed, lower-cased, everything but a-z, 0-9,
 * white space and "-" removed, runs of white space as "-", cut at 80 characters and trimmed of "-". mlq
 * reads it from the title as parsed (a source link in the heading is not part of the title).
 */
export function textAnchor(q: Pick<Question, 'title'>): string {
  return q.title
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*_]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9\s-]/g, '')
    .trim()
    .replace(/\s+/g, '-')
    .slice(0, TEXT_ANCHOR_CHARS)
    .replace(/^-+|-+$/g, '');
}
