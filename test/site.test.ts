// site/: built by the real CLI, read with a real HTML parser, driven in Debian's Chromium (playwright-core),
// checked by axe-core, the Nu HTML Checker (vnu.jar on Java) and linkinator, served from 127.0.0.1.
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { LinkChecker } from 'linkinator';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, parseConfig } from '../src/config.js';
import { launchChromium, watch } from './support/browser.js';
import { ROOT } from './support/book.js';
import { attr, elements, elementsOf, text, type Element } from './support/html.js';
import { mlq, mlqBuild } from './support/cli.js';
import { serveFolder, type StaticServer } from './support/static-server.js';


const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const VNU = path.join(path.dirname(require.resolve('vnu-jar')), 'build/dist/vnu.jar');
/** For a person to look at; not committed (.gitignore). */
const SCREENSHOTS = path.join(ROOT, 'screenshots');

/** The corpus's site address: source/mlq.yaml names none (the default is the Pages address of the repository that holds it). */
const CORPUS_URL = 'https://example.github.io/mlq/';

const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/** Two banks: one with topic sections (and a question before them), one without; one answer alone says "zyzzogeton". */
const FIXTURE_CONFIG = `book:
  title: Fixture Book
  upstream: https://github.com/example/bank
  description: Questions to test the site with.
site:
  url: https://example.github.io/bank/
  repository: https://github.com/example/bank
  branch: main
sources: [a.md, b.md]
`;

const BANK_A = `# Fixture Bank

An introduction with a [book](https://amzn.to/abc) and a [course](https://www.tryexponent.com/courses?ref=x).

#### 1) What comes before any topic? [[src](https://example.org/before)]

A question outside every section.

## Basics

#### 2) What is bias? [[src](https://example.org/bias)]

Bias is error from wrong assumptions. See also [variance](#what-is-variance) and [the notes](notes/bias.md).

#### 3) What is variance?

Variance is error from sensitivity to small fluctuations; the zyzzogeton lives only here.

\`\`\`python
print("</script><script>alert(1)</script>")
\`\`\`

## Vision

Every question here reads an image as a grid: ![a grid](img/grid.png) (see [ImageNet](https://example.org/imagenet)).

#### 4) What is a convolution? [[src](https://example.org/conv)]

A convolution slides a kernel. ![a dot](img/dot.png)

| left | centre |
|:-----|:------:|
| 1    | 2      |

- [x] done
- [ ] to do

#### 5) What is pooling? [[src](https://example.org/pool)]
`;

const BANK_B = `# Second Bank

#### 1) What is a token? [[src](https://example.org/token)]

A token is a unit of text.<script>alert(1)</script> <img src="x" onerror="alert(1)">

#### 2) What is perplexity? [[src](https://example.org/perplexity)]

Perplexity is $2^{H(p)}$, where

$$
H(p) = -\\sum_{i=1}^{N} p(w_i) \\log_2 p(w_i)
$$
`;

let work = '';
let corpusSite = '';
let fixtureSite = '';
let corpusDist = '';
let browser: Browser;
let server: StaticServer;
let fixtureServer: StaticServer;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'mlq-site-'));
  corpusDist = path.join(work, 'corpus');
  mlqBuild(['--out', corpusDist, '--site-url', CORPUS_URL]);
  corpusSite = path.join(corpusDist, 'site');

  const fixture = path.join(work, 'fixture');
  await mkdir(path.join(fixture, 'img'), { recursive: true });
  await writeFile(path.join(fixture, 'mlq.yaml'), FIXTURE_CONFIG);
  await writeFile(path.join(fixture, 'a.md'), BANK_A);
  await writeFile(path.join(fixture, 'b.md'), BANK_B);
  await writeFile(path.join(fixture, 'img/dot.png'), PNG_1X1);
  await writeFile(path.join(fixture, 'img/grid.png'), PNG_1X1);
  mlqBuild(['--config', path.join(fixture, 'mlq.yaml'), '--out', path.join(work, 'fixture-dist'), '--formats', 'json,site', '--allow-errors']);
  fixtureSite = path.join(work, 'fixture-dist/site');

  browser = await launchChromium();
  server = await serveFolder(corpusSite);
  fixtureServer = await serveFolder(fixtureSite, '/any/sub-path/');
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await fixtureServer?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

// ---- reading the built files -------------------------------------------------------------------------


async function htmlPages(site: string): Promise<string[]> {
  return (await readdir(site)).filter((name) => name.endsWith('.html')).sort();
}

async function parsed(site: string, page: string): Promise<Element[]> {
  return elementsOf(await readFile(path.join(site, page), 'utf8'));
}

async function jsonLd(site: string, page: string): Promise<Record<string, unknown>[]> {
  return (await parsed(site, page)).filter((e) => e.tagName === 'script' && attr(e, 'type') === 'application/ld+json').map((e) => JSON.parse(text(e)));
}

interface Model {
  banks: { questions: { id: string; hasAnswer: boolean; title: string }[] }[];
}
const questionsOf = async (dist: string) => (JSON.parse(await readFile(path.join(dist, 'questions.json'), 'utf8')) as Model).banks.flatMap((b) => b.questions);

/** Every file of a folder, with paths relative to it. */
async function filesOf(folder: string): Promise<string[]> {
  return (await readdir(folder, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => path.relative(folder, path.join(e.parentPath, e.name))).sort();
}

describe.each([
  ['the corpus', () => ({ site: corpusSite, dist: corpusDist })],
  ['two banks with topics', () => ({ site: fixtureSite, dist: path.dirname(fixtureSite) })],
])('the built site of %s', (_name, where) => {
  it('has every question id of questions.json as an anchor on exactly one page', async () => {
    const { site, dist } = where();
    const questions = await questionsOf(dist);
    const owners = new Map<string, string[]>();
    for (const page of await htmlPages(site)) {
      for (const element of await parsed(site, page)) {
        const id = attr(element, 'id');
        if (id !== undefined) owners.set(id, [...(owners.get(id) ?? []), page]);
      }
    }
    expect(questions.length).toBeGreaterThan(0);
    for (const q of questions) expect(owners.get(q.id), q.id).toHaveLength(1);
    // And no id is used twice within a page.
    for (const page of await htmlPages(site)) {
      const ids = (await parsed(site, page)).map((e) => attr(e, 'id')).filter((id) => id !== undefined);
      expect(new Set(ids).size, page).toBe(ids.length);
    }
  });

  it('lists every answered question, with its whole answer, in the FAQPage JSON-LD of the pages together', async () => {
    const { site, dist } = where();
    const questions = await questionsOf(dist);
    const listed: string[] = [];
    for (const page of await htmlPages(site)) {
      for (const data of await jsonLd(site, page)) {
        if (data['@type'] !== 'FAQPage') continue;
        for (const entity of data.mainEntity as { url: string; acceptedAnswer: { text: string } }[]) {
          listed.push(new URL(entity.url).hash.slice(1));
          expect(entity.acceptedAnswer.text.length).toBeGreaterThan(0);
        }
      }
    }
    expect(listed.sort()).toEqual(questions.filter((q) => q.hasAnswer).map((q) => q.id).sort());
    const pages = await Promise.all((await htmlPages(site)).map((page) => jsonLd(site, page)));
    const answers = pages.flat().flatMap((d) => (d['@type'] === 'FAQPage' ? (d.mainEntity as { acceptedAnswer: { text: string } }[]) : []));
    const longest = Math.max(...answers.map((e) => e.acceptedAnswer.text.length));
    if (site === corpusSite) expect(longest).toBeGreaterThan(1200); // the upstream's script cut answers there
  });

  it('lists every page in sitemap.xml with an absolute https URL and the source date, and names it in robots.txt', async () => {
    const { site } = where();
    const sitemap = await readFile(path.join(site, 'sitemap.xml'), 'utf8');
    const locs = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
    const base = site === corpusSite ? CORPUS_URL : 'https://example.github.io/bank/';
    const pages = (await htmlPages(site)).filter((page) => page !== '404.html');
    expect(locs.sort()).toEqual(pages.map((page) => (page === 'index.html' ? base : `${base}${page}`)).sort());
    for (const loc of locs) expect(new URL(loc).protocol).toBe('https:');
    expect([...sitemap.matchAll(/<lastmod>([^<]+)<\/lastmod>/g)].map((m) => m[1])).toEqual(locs.map(() => '2023-11-14T22:13:20Z'));
    expect(await readFile(path.join(site, 'robots.txt'), 'utf8')).toContain(`Sitemap: ${base}sitemap.xml`);
    // Canonical URLs are absolute; the links between pages are relative.
    for (const page of pages) {
      const all = await parsed(site, page);
      expect(attr(all.find((e) => e.tagName === 'link' && attr(e, 'rel') === 'canonical')!, 'href')).toBe(page === 'index.html' ? base : `${base}${page}`);
      for (const a of all.filter((e) => e.tagName === 'a')) expect(attr(a, 'href')!.startsWith(base), `${page}: ${attr(a, 'href')}`).toBe(false);
    }
  });

  it('loads nothing remote: every script, stylesheet, image and font is a file of the site', async () => {
    const { site } = where();
    const loads: string[] = [];
    for (const page of await htmlPages(site)) {
      for (const e of await parsed(site, page)) {
        if (['script', 'img', 'iframe', 'video', 'audio', 'source', 'embed', 'object', 'track'].includes(e.tagName)) loads.push(...['src', 'data', 'srcset', 'poster'].map((a) => attr(e, a)).filter((v) => v !== undefined));
        if (e.tagName === 'link' && attr(e, 'rel') !== 'canonical') loads.push(attr(e, 'href')!);
        if (attr(e, 'style')?.includes('url(')) loads.push(attr(e, 'style')!);
      }
    }
    const files = await filesOf(site);
    for (const stylesheet of files.filter((f) => f.endsWith('.css'))) {
      const css = await readFile(path.join(site, stylesheet), 'utf8');
      expect(css).not.toMatch(/@import/);
      for (const [, url] of css.matchAll(/url\(\s*['"]?([^'")]+)/g)) loads.push(path.posix.join(path.posix.dirname(stylesheet), url!));
    }
    expect(loads.length).toBeGreaterThan(0);
    for (const url of loads) {
      expect(url, url).not.toMatch(/^[a-z][a-z0-9+.-]*:|^\/\//i);
      expect(files, url).toContain(path.posix.normalize(url.replace(/[?#].*$/, '')));
    }
  });
});

describe('the fixture site', () => {
  it('has a page per topic, one for the questions before the first topic, one per bank without topics, named by file', async () => {
    expect(await htmlPages(fixtureSite)).toEqual(['404.html', 'a.html', 'b.html', 'basics.html', 'index.html', 'vision.html']);
    const titles = (await parsed(fixtureSite, 'vision.html')).filter((e) => e.tagName === 'h1').map(text);
    expect(titles).toEqual(['Vision']);
  });

  it("shows a topic's intro under its title, before its first question, its image shipped", async () => {
    const page = await parsed(fixtureSite, 'vision.html');
    const intro = page.find((e) => e.tagName === 'div' && attr(e, 'class') === 'intro')!;
    expect(text(intro)).toContain('Every question here reads an image as a grid');
    expect(page.indexOf(intro)).toBeLessThan(page.findIndex((e) => e.tagName === 'article'));
    expect(page.indexOf(intro)).toBeGreaterThan(page.findIndex((e) => e.tagName === 'h1'));
    const image = attr(elements(intro).find((e) => e.tagName === 'img')!, 'src')!;
    expect(await readFile(path.join(fixtureSite, image))).toEqual(PNG_1X1);
    expect(elements(intro).filter((e) => e.tagName === 'a').map((e) => attr(e, 'href'))).toEqual(['https://example.org/imagenet']);
  });

  it('links prev/next between topics and has a breadcrumb, with its BreadcrumbList', async () => {
    const all = await parsed(fixtureSite, 'basics.html');
    const rel = (name: string) => attr(all.find((e) => e.tagName === 'a' && attr(e, 'rel') === name)!, 'href');
    expect([rel('prev'), rel('next')]).toEqual(['a.html', 'vision.html']);
    const crumbs = all.find((e) => e.tagName === 'nav' && attr(e, 'aria-label') === 'Breadcrumb')!;
    expect(elements(crumbs).filter((e) => e.tagName === 'li').map(text)).toEqual(['Home', 'Fixture Bank', 'Basics']);
    const list = (await jsonLd(fixtureSite, 'basics.html')).find((d) => d['@type'] === 'BreadcrumbList')!;
    expect(list.itemListElement).toEqual([
      { '@type': 'ListItem', position: 1, name: 'Home', item: 'https://example.github.io/bank/' },
      { '@type': 'ListItem', position: 2, name: 'Fixture Bank', item: 'https://example.github.io/bank/#_bank-1' },
      { '@type': 'ListItem', position: 3, name: 'Basics', item: 'https://example.github.io/bank/basics.html' },
    ]);
  });

  it('describes the hub as a WebSite and a CollectionPage of the topic pages, with counts and every question', async () => {
    const data = await jsonLd(fixtureSite, 'index.html');
    expect(data.map((d) => d['@type'])).toEqual(['WebSite', 'CollectionPage']);
    expect((data[1]!.hasPart as { url: string }[]).map((p) => p.url)).toEqual(['a', 'basics', 'vision', 'b'].map((p) => `https://example.github.io/bank/${p}.html`));
    const hub = await parsed(fixtureSite, 'index.html');
    expect(hub.map(text).join(' ')).toContain('7 questions, 6 answered, in 4 topics from 2 banks.');
    const links = hub.filter((e) => e.tagName === 'a').map((e) => attr(e, 'href'));
    for (const q of await questionsOf(path.dirname(fixtureSite))) expect(links.some((href) => href?.endsWith(`#${q.id}`)), q.id).toBe(true);
    // Only the formats of this build are offered: json was built, the PDF was not.
    expect(links).toContain('downloads/questions.json');
    expect(links).not.toContain('downloads/guide.pdf');
  });

  it('marks referral and affiliate links sponsored, links questions to each other and relative links to the upstream', async () => {
    const hubLinks = (await parsed(fixtureSite, 'index.html')).filter((e) => e.tagName === 'a');
    const relOf = (href: string) => attr(hubLinks.find((a) => attr(a, 'href') === href)!, 'rel');
    expect(relOf('https://amzn.to/abc')).toBe('sponsored nofollow');
    expect(relOf('https://www.tryexponent.com/courses?ref=x')).toBe('sponsored nofollow');
    const basics = (await parsed(fixtureSite, 'basics.html')).filter((e) => e.tagName === 'a').map((e) => attr(e, 'href'));
    expect(basics).toContain('basics.html#what-is-variance');
    expect(basics).toContain('https://github.com/example/bank/blob/HEAD/notes/bias.md');
    expect(basics).toContain('https://github.com/example/bank/blob/main/a.md?plain=1#L11');
    expect(basics).toContain('https://github.com/example/bank/edit/main/a.md');
    expect(attr((await parsed(fixtureSite, 'basics.html')).find((e) => e.tagName === 'a' && attr(e, 'href') === 'https://example.org/bias')!, 'rel')).toBeUndefined();
  });

  it('ships local images, shows task lists as characters, and keeps hostile HTML out', async () => {
    const vision = await readFile(path.join(fixtureSite, 'vision.html'), 'utf8');
    const image = /<img src="(media\/[0-9a-f]{16}\.png)" alt="a dot">/.exec(vision);
    expect(image).not.toBeNull();
    expect(await readFile(path.join(fixtureSite, image![1]!))).toEqual(PNG_1X1);
    expect(vision).toContain('☑ done');
    expect(vision).not.toContain('checkbox');
    expect(vision).toContain('class="align-center"');
    const token = await readFile(path.join(fixtureSite, 'b.html'), 'utf8');
    expect(token).not.toMatch(/<script>alert|onerror/);
    const basics = await readFile(path.join(fixtureSite, 'basics.html'), 'utf8');
    expect(basics).not.toContain('</script><script>alert');
  });

  it('typesets math through the shared step, as KaTeX HTML with MathML, linking KaTeX\'s stylesheet only where needed', async () => {
    const page = await readFile(path.join(fixtureSite, 'b.html'), 'utf8');
    expect(page).toContain('<link rel="stylesheet" href="assets/katex/katex.min.css">');
    expect(page.match(/<span class="katex">/g)).toHaveLength(2);
    expect(page.match(/<span class="katex-display">/g)).toHaveLength(1);
    expect(page.match(/<math xmlns="http:\/\/www.w3.org\/1998\/Math\/MathML"/g)).toHaveLength(2);
    // The TeX stays only in the structured data's text (as in questions.json's answerText).
    expect(page.slice(page.indexOf('<body'))).not.toContain('$');
    expect(await readFile(path.join(fixtureSite, 'vision.html'), 'utf8')).not.toContain('katex');
    const css = await readFile(path.join(fixtureSite, 'assets/katex/katex.min.css'), 'utf8');
    expect(css).not.toMatch(/\.(?:woff|ttf)\)/);
    expect([...css.matchAll(/url\(fonts\/([^)]+)\)/g)].length).toBeGreaterThan(10);
  });

  it('is byte-for-byte the same when built again with the same SOURCE_DATE_EPOCH', async () => {
    const again = path.join(work, 'again');
    mlqBuild(['--out', again, '--site-url', CORPUS_URL]);
    const files = await filesOf(corpusSite);
    expect(await filesOf(path.join(again, 'site'))).toEqual(files);
    for (const file of files) expect((await readFile(path.join(again, 'site', file))).equals(await readFile(path.join(corpusSite, file))), file).toBe(true);
  });

  it('reads site: in mlq.yaml, and refuses an address that is not https at its line', () => {
    const config = parseConfig('site:\n  url: https://example.org/sub\n  branch: main\n  sponsored: [affiliate\\.example$]\n', 'mlq.yaml');
    expect(config.site).toEqual({ ...DEFAULT_CONFIG.site, url: 'https://example.org/sub/', branch: 'main', sponsored: ['affiliate\\.example$'] });
    expect(parseConfig('book:\n  title: T\n', 'mlq.yaml').site).toEqual(DEFAULT_CONFIG.site);
    expect(() => parseConfig('book:\n  title: T\nsite:\n  url: http://example.org/\n', 'mlq.yaml')).toThrow('mlq.yaml:4: site.url: expected an absolute https:// address, not "http://example.org/"');
    expect(() => parseConfig('site:\n  sponsored: ["("]\n', 'mlq.yaml')).toThrow(/^mlq\.yaml:2: site\.sponsored\[0\]: not a regular expression/);
  });

  it('takes --site-url over site.url, and refuses an address that is not https', async () => {
    const out = path.join(work, 'other-url');
    mlqBuild(['--out', out, '--formats', 'site', '--site-url', 'https://questions.example.org/ml']);
    expect(await readFile(path.join(out, 'site/sitemap.xml'), 'utf8')).toContain('<loc>https://questions.example.org/ml/</loc>');
    const refused = mlq(['build', '--out', out, '--formats', 'site', '--site-url', 'http://questions.example.org/']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe('mlq: --site-url: expected an absolute https:// address, not "http://questions.example.org/"\n');
  });
});

// ---- in the browser -----------------------------------------------------------------------------------

async function open(url: string, options: { colorScheme?: 'light' | 'dark'; width?: number; javaScript?: boolean } = {}) {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: 800 },
    colorScheme: options.colorScheme ?? 'light',
    javaScriptEnabled: options.javaScript ?? true,
  });
  const page = await context.newPage();
  const watched = await watch(page);
  const response = await page.goto(url, { waitUntil: 'load' });
  return { page, watched, response, close: () => context.close() };
}

/** Whether the element's top is on the screen (where a jump to its anchor puts it). */
async function inViewport(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).evaluate((e) => {
    const top = e.getBoundingClientRect().top;
    return top >= 0 && top < window.innerHeight;
  });
}

describe('in Chromium', () => {
  it.each([
    ['the corpus', () => ({ site: corpusSite, root: server.root })],
    ['the fixture', () => ({ site: fixtureSite, root: fixtureServer.root })],
  ])('loads every page of %s under a sub-path with no console error, failed or remote request', async (_name, where) => {
    const { site, root } = where();
    for (const file of await htmlPages(site)) {
      const { page, watched, response, close } = await open(new URL(file, root).href);
      expect(response?.status()).toBe(200);
      // Stylesheet applied, and the search box shown by the script (the 404 page has neither link nor script).
      expect(await page.evaluate(() => getComputedStyle(document.body).margin)).toBe('0px');
      if (file !== '404.html') await page.locator('#_q').waitFor({ state: 'visible' });
      // Using the search loads the index: those requests count too.
      if (file !== '404.html') await page.locator('#_q').fill('what');
      if (file !== '404.html') await page.locator('#_results li').first().waitFor();
      expect(watched.problems, file).toEqual([]);
      await close();
    }
  });

  it('answers a missing address with the 404 page, styled, linking home', async () => {
    const { page, response, close } = await open(new URL('no/such/page', server.root).href);
    expect(response?.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toBe('Page not found');
    expect(await page.evaluate(() => getComputedStyle(document.body).margin)).toBe('0px');
    expect(await page.locator('main a').getAttribute('href')).toBe(CORPUS_URL);
    await close();
  });

  it('finds the one question whose answer has a word, and Enter jumps to its anchor', async () => {
    const { page, watched, close } = await open(new URL('index.html', fixtureServer.root).href);
    await page.locator('#_q').fill('zyzzogeton');
    await expect.poll(() => page.locator('#_results li .search-title').allTextContents()).toEqual(['3. What is variance?']);
    expect(await page.locator('#_results li .search-topic').allTextContents()).toEqual(['Basics']);
    await page.locator('#_q').press('Enter');
    await page.waitForURL(/basics\.html#what-is-variance$/);
    const target = page.locator('#what-is-variance');
    await expect.poll(() => target.evaluate((e) => e.matches(':target'))).toBe(true);
    expect(await inViewport(page, '#what-is-variance')).toBe(true);
    expect(watched.problems).toEqual([]);
    await close();
  });

  it('finds a question of the corpus by a word only its answer has, and jumps down the long page to it', async () => {
    // The answer's words as a reader sees them: its HTML without the markup (questions.json's default forms).
    const questions = (JSON.parse(await readFile(path.join(corpusDist, 'questions.json'), 'utf8')) as { banks: { questions: { id: string; title: string; answerHtml: string }[] }[] }).banks
      .flatMap((b) => b.questions)
      .map((q) => ({ ...q, answerText: q.answerHtml.replace(/<annotation[^>]*>[\s\S]*?<\/annotation>|<[^>]+>/g, ' ') }));
    const words = (value: string): string[] => value.toLowerCase().match(/[a-z]{9,}/g) ?? [];
    const elsewhere = (q: (typeof questions)[number]) => questions.filter((other) => other !== q).flatMap((other) => [...words(other.answerText), ...words(other.title)]);
    // The longest word that one answer alone has, and no other question has even as the start of a word.
    const [question, word] = questions
      .flatMap((q) => words(q.answerText).filter((w) => !words(q.title).includes(w) && !elsewhere(q).some((o) => o.startsWith(w.slice(0, -1)))).map((w) => [q, w] as const))
      .sort((a, b) => b[1].length - a[1].length)[0]!;
    const { page, watched, close } = await open(new URL('index.html', server.root).href);
    await page.locator('#_q').fill(word);
    await expect.poll(() => page.locator('#_results a').first().getAttribute('href')).toMatch(new RegExp(`\\.html#${question.id}$`));
    await page.locator('#_q').press('Enter');
    await page.waitForURL(new RegExp(`#${question.id}$`));
    expect(await inViewport(page, `#${question.id}`)).toBe(true);
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    expect(watched.problems).toEqual([]);
    await close();
  });

  it('searches offline from disk (file://) too, and a click on a result opens the question', async () => {
    const { page, watched, close } = await open(pathToFileURL(path.join(fixtureSite, 'vision.html')).href);
    await page.locator('#_q').fill('zyzzogeton');
    await page.locator('#_results a').first().click();
    await page.waitForURL(/basics\.html#what-is-variance$/);
    expect(page.url().startsWith('file://')).toBe(true);
    expect(watched.problems).toEqual([]);
    await close();
  });

  it('renders math with KaTeX\'s own fonts, loaded from the site', async () => {
    const { page, watched, close } = await open(new URL('b.html', fixtureServer.root).href);
    await page.evaluate(() => document.fonts.ready);
    const loaded = await page.evaluate(() => {
      const families: string[] = [];
      document.fonts.forEach((font) => {
        if (font.status === 'loaded') families.push(font.family);
      });
      return families;
    });
    expect(loaded).toContain('KaTeX_Main');
    expect(loaded).toContain('KaTeX_Math');
    expect(await page.locator('.katex-display .katex-html').isVisible()).toBe(true);
    expect(watched.problems).toEqual([]);
    await close();
  });

  it('reads without JavaScript, with the search box hidden', async () => {
    const { page, close } = await open(new URL('questions.html', server.root).href, { javaScript: false });
    expect(await page.locator('#_search').isVisible()).toBe(false);
    expect(await page.locator('article.question').count()).toBe(67);
    expect(await page.locator('article.question h2').first().isVisible()).toBe(true);
    await close();
  });

  it.each(['light', 'dark'] as const)('has no axe-core violation on the hub and on a topic page in %s mode', async (colorScheme) => {
    for (const [root, file] of [
      [server.root, 'index.html'],
      [server.root, 'questions.html'],
      [fixtureServer.root, 'vision.html'],
      [fixtureServer.root, 'b.html'],
    ] as const) {
      const { page, close } = await open(new URL(file, root).href, { colorScheme });
      expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(colorScheme === 'dark');
      // With the search results open, so that they are checked too.
      await page.locator('#_q').fill('what');
      await page.locator('#_results li').first().waitFor();
      await page.addScriptTag({ path: AXE });
      const violations = await page.evaluate(async () => {
        const result = await (window as unknown as { axe: { run(): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe.run();
        return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      });
      expect(violations, `${file} (${colorScheme})`).toEqual([]);
      await close();
    }
  });

  it('writes screenshots of the hub and a topic page at phone and desktop widths', async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    for (const [name, width] of [['phone', 390], ['desktop', 1280]] as const) {
      for (const colorScheme of ['light', 'dark'] as const) {
        for (const file of ['index.html', 'questions.html']) {
          const { page, close } = await open(new URL(file, server.root).href, { width, colorScheme });
          const shot = path.join(SCREENSHOTS, `${file.replace('.html', '')}-${name}-${colorScheme}.png`);
          const png = await page.screenshot({ path: shot });
          expect(png.subarray(1, 4).toString()).toBe('PNG');
          // Nothing wider than the screen: no sideways scrolling on a phone.
          expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
          await close();
        }
      }
    }
    for (const file of await htmlPages(corpusSite)) {
      if (!(await readFile(path.join(corpusSite, file), 'utf8')).includes('class="katex"')) continue;
      const math = await open(new URL(file, server.root).href);
      await math.page.locator('.katex').first().scrollIntoViewIfNeeded();
      await math.page.screenshot({ path: path.join(SCREENSHOTS, `math-${file.replace('.html', '')}-desktop-light.png`) });
      await math.close();
    }
    const { page, close } = await open(new URL('questions.html', server.root).href);
    await page.locator('#_q').fill('gradient');
    await page.locator('#_results li').first().waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'search-desktop-light.png') });
    await close();
  });
});

describe('validators', () => {
  it.each([
    ['the corpus', () => corpusSite],
    ['the fixture', () => fixtureSite],
  ])('the Nu HTML Checker reports no error on any page (or stylesheet) of %s', async (_name, siteOf) => {
    const site = siteOf();
    const pages = (await htmlPages(site)).map((page) => path.join(site, page));
    const run = await promisify(execFile)('java', ['-jar', VNU, '--errors-only', '--format', 'json', '--also-check-css', ...pages, path.join(site, 'assets/site.css')], { maxBuffer: 64 * 1024 * 1024 }).then(
      ({ stderr }) => stderr,
      (error: { stderr: string }) => error.stderr,
    );
    const messages = (JSON.parse(run) as { messages: { type: string; url: string; lastLine?: number; message: string }[] }).messages;
    expect(pages.length).toBeGreaterThan(2);
    expect(messages.map((m) => `${path.basename(m.url)}:${m.lastLine}: ${m.type}: ${m.message}`)).toEqual([]);
  });

  it.each([
    ['the corpus', () => corpusSite],
    ['the fixture', () => fixtureSite],
  ])('linkinator finds every internal link and anchor of %s', async (_name, siteOf) => {
    const checker = new LinkChecker();
    const result = await checker.check({
      path: siteOf(),
      recurse: true,
      checkFragments: true,
      // No network here: only the site's own files are followed.
      linksToSkip: async (link: string) => !/^https?:\/\/(?:localhost|127\.0\.0\.1)[:/]/.test(link),
    });
    const broken = result.links.filter((link) => link.state === 'BROKEN').map((link) => `${link.url} (${link.status}) from ${link.parent}`);
    expect(broken).toEqual([]);
    // Every page was reached (the 404 page is linked from nowhere), and the downloads and assets too.
    const reached = result.links.filter((link) => link.state === 'OK').map((link) => path.relative(siteOf(), link.url));
    const pages = (await htmlPages(siteOf())).filter((page) => page !== '404.html');
    expect(reached).toEqual(expect.arrayContaining([...pages, 'assets/site.css', 'assets/search.js']));
    expect(result.passed).toBe(true);
  });

  it('linkinator does check anchors: a link to a missing one is reported', async () => {
    const copy = path.join(work, 'broken-anchor');
    await cp(fixtureSite, copy, { recursive: true });
    const hub = path.join(copy, 'index.html');
    await writeFile(hub, (await readFile(hub, 'utf8')).replace('basics.html#what-is-variance"', 'basics.html#what-is-nothing"'));
    const result = await new LinkChecker().check({ path: copy, recurse: true, checkFragments: true, linksToSkip: async (link: string) => !/^https?:\/\/(?:localhost|127\.0\.0\.1)[:/]/.test(link) });
    expect(new Set(result.links.filter((link) => link.state === 'BROKEN').map((link) => link.url.replace(/^.*#/, '#')))).toEqual(new Set(['#what-is-nothing']));
  });
});

describe('the Pages workflow', () => {
  it('deploys dist/site from main with actions pinned by commit, and Pages rights only in the deploy job', async () => {
    const { parse: parseYaml } = await import('yaml');
    const text = await readFile(path.join(ROOT, '.github/workflows/pages.yml'), 'utf8');
    const workflow = parseYaml(text) as {
      on: { push: { branches: string[] } };
      permissions: Record<string, string>;
      jobs: Record<string, { permissions?: Record<string, string>; needs?: string; steps: { uses?: string; with?: Record<string, string> }[] }>;
    };
    expect(workflow.on.push.branches).toEqual(['main']);
    expect(workflow.permissions).toEqual({ contents: 'read' });
    const uses = Object.values(workflow.jobs).flatMap((job) => job.steps.flatMap((step) => (step.uses ? [step.uses] : [])));
    for (const action of uses) expect(action).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
    const { build: job, deploy } = workflow.jobs;
    expect(job!.permissions).toBeUndefined();
    expect(job!.steps.find((step) => step.uses?.startsWith('actions/upload-pages-artifact@'))?.with?.path).toBe('dist/site');
    expect(deploy!.needs).toBe('build');
    expect(deploy!.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
    expect(deploy!.steps.map((step) => step.uses?.split('@')[0])).toEqual(['actions/deploy-pages']);
  });
});
