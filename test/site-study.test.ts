// The site as a reader uses it: topic pages that open with their questions, a sidebar and a header that
// stay, "back to top", a search that marks what it matched and is driven from the keyboard, and study mode.
// Built by the real CLI (the corpus in source/ and a fixture), driven in Debian's Chromium at desktop and
// phone widths in light and dark, checked by axe-core and the Nu HTML Checker in every mode.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, watch } from './support/browser.js';
import { attr, elements, elementsOf, text } from './support/html.js';
import { mlqBuild } from './support/cli.js';
import { serveFolder, type StaticServer } from './support/static-server.js';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const VNU = path.join(path.dirname(require.resolve('vnu-jar')), 'build/dist/vnu.jar');

const CONFIG = `book:
  title: Study Book
  upstream: https://github.com/example/study
site:
  url: https://example.github.io/study/
sources: [a.md, b.md]
`;

const BANK_A = `# Study Bank

## Basics

#### 1) What is a support vector machine (SVM)?

An SVM finds the margin that separates two classes; it means well.

#### 2) What is bias?

Bias is error from wrong assumptions.

#### 3) What is variance?

Variance is error from sensitivity to small fluctuations.

## Clustering

#### 4) How does k-means work?

K-means moves each centroid to the mean of its points until nothing moves.

#### 5) What is a dendrogram?

A tree of merges.
`;

/** A bank whose only section is "## Questions": its page is named after the bank. */
const BANK_B = `# Second Bank

## Questions

#### 1) What is a token?

A token is a unit of text; the zyzzogeton is not one.

#### 2) What is perplexity?

The exponent of the entropy.
`;

const MODES = [
  { name: 'desktop light', width: 1280, colorScheme: 'light' },
  { name: 'desktop dark', width: 1280, colorScheme: 'dark' },
  { name: 'phone light', width: 390, colorScheme: 'light' },
  { name: 'phone dark', width: 390, colorScheme: 'dark' },
] as const;
type Mode = (typeof MODES)[number];

let work = '';
let fixtureSite = '';
let corpusSite = '';
let browser: Browser;
let fixture: StaticServer;
let corpus: StaticServer;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'mlq-site-study-'));
  const dir = path.join(work, 'fixture');
  await mkdir(dir);
  await writeFile(path.join(dir, 'mlq.yaml'), CONFIG);
  await writeFile(path.join(dir, 'a.md'), BANK_A);
  await writeFile(path.join(dir, 'b.md'), BANK_B);
  mlqBuild(['--config', path.join(dir, 'mlq.yaml'), '--out', path.join(work, 'fixture-dist'), '--formats', 'json,site'], dir);
  fixtureSite = path.join(work, 'fixture-dist/site');
  mlqBuild(['--out', path.join(work, 'corpus'), '--formats', 'json,site']);
  corpusSite = path.join(work, 'corpus/site');
  browser = await launchChromium();
  fixture = await serveFolder(fixtureSite);
  corpus = await serveFolder(corpusSite);
});

afterAll(async () => {
  await browser?.close();
  await fixture?.close();
  await corpus?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

const htmlPages = async (site: string) => (await readdir(site)).filter((name) => name.endsWith('.html')).sort();
const topicPages = async (site: string) => (await htmlPages(site)).filter((name) => name !== 'index.html' && name !== '404.html');
const parsed = async (site: string, file: string) => elementsOf(await readFile(path.join(site, file), 'utf8'));

async function open(url: string, mode: Pick<Mode, 'width' | 'colorScheme'> = MODES[0], javaScript = true) {
  const context = await browser.newContext({ viewport: { width: mode.width, height: 800 }, colorScheme: mode.colorScheme, javaScriptEnabled: javaScript });
  const page = await context.newPage();
  const watched = await watch(page);
  await page.goto(url, { waitUntil: 'load' });
  return { page, watched, context, close: () => context.close() };
}

const isPhone = (mode: Mode) => mode.width < 600;

/** The corpus's longest page (its main bank's). */
async function longestPage(site: string): Promise<string> {
  const sizes = await Promise.all((await topicPages(site)).map(async (file) => [file, (await parsed(site, file)).filter((e) => e.tagName === 'article').length] as const));
  return sizes.sort((a, b) => b[1] - a[1])[0]![0];
}

describe('topic pages', () => {
  it('each open with the list of their questions, in order, and no page is titled a bare "Questions"', async () => {
    for (const site of [fixtureSite, corpusSite]) {
      for (const file of await topicPages(site)) {
        const all = await parsed(site, file);
        const main = all.find((e) => e.tagName === 'main')!;
        const articles = elements(main).filter((e) => e.tagName === 'article').map((e) => attr(e, 'id'));
        const firstBlocks = elements(main).filter((e) => ['nav', 'article'].includes(e.tagName) && attr(e, 'aria-label') !== 'Breadcrumb');
        const list = firstBlocks[0]!;
        expect(list.tagName, file).toBe('nav');
        expect(text(elements(list).find((e) => e.tagName === 'h2')!)).toBe(`${articles.length} question${articles.length === 1 ? '' : 's'} on this page`);
        expect(elements(list).filter((e) => e.tagName === 'a').map((e) => attr(e, 'href'))).toEqual(articles.map((id) => `#${id}`));
        const h1 = text(all.find((e) => e.tagName === 'h1')!);
        expect(h1, file).not.toMatch(/^questions$/i);
        expect(text(all.find((e) => e.tagName === 'title')!), file).not.toMatch(/^questions\b/i);
      }
    }
    // The bank whose only section is "## Questions" is named after the bank, here and in the corpus.
    expect(text((await parsed(fixtureSite, 'questions.html')).find((e) => e.tagName === 'h1')!)).toBe('Second Bank');
    const corpusTitles = await Promise.all((await topicPages(corpusSite)).map(async (file) => text((await parsed(corpusSite, file)).find((e) => e.tagName === 'h1')!)));
    expect(corpusTitles).toContain('67 Machine Learning Interview Questions 2025');
  });

  it('have a sidebar of every topic and of the page\'s questions, and a link back to the top', async () => {
    for (const file of await topicPages(fixtureSite)) {
      const all = await parsed(fixtureSite, file);
      const nav = all.find((e) => attr(e, 'id') === '_sidebar')!;
      const links = elements(nav).filter((e) => e.tagName === 'a');
      expect(links.filter((a) => attr(a, 'data-topic')).map((a) => attr(a, 'href'))).toEqual(['basics.html', 'clustering.html', 'questions.html']);
      expect(links.filter((a) => attr(a, 'aria-current') === 'page').map((a) => attr(a, 'href'))).toEqual([file]);
      const ids = all.filter((e) => e.tagName === 'article').map((e) => `#${attr(e, 'id')}`);
      expect(links.filter((a) => attr(a, 'data-id')).map((a) => attr(a, 'href'))).toEqual(ids);
      expect(all.filter((e) => e.tagName === 'a' && attr(e, 'href') === '#').map(text)).toEqual(['Back to top']);
    }
  });

  it.each(MODES)('in Chromium ($name): the list is on the first screen, the header stays, the sidebar follows the scroll, back to top works', async (mode) => {
    const { page, watched, close } = await open(new URL(await longestPage(corpusSite), corpus.root).href, mode);
    const top = (selector: string) => page.locator(selector).first().evaluate((e) => e.getBoundingClientRect().top);
    expect(await top('.on-page')).toBeLessThan(800);
    expect(await page.locator('.on-page a').first().isVisible()).toBe(true);
    // Jump far down the page: the header is still at the top, the question read is marked in the sidebar.
    await page.locator('.on-page a').nth(40).click();
    await page.waitForURL(/#/);
    const id = new URL(page.url()).hash.slice(1);
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(5000);
    expect(await top('.site-header')).toBe(0);
    expect(await page.locator('.site-header').isVisible()).toBe(true);
    // The question lands below the header, not under it.
    const headerBottom = await page.locator('.site-header').evaluate((e) => e.getBoundingClientRect().bottom);
    expect(await top(`#${id}`)).toBeGreaterThanOrEqual(headerBottom);
    await expect.poll(() => page.locator('#_sidebar a[aria-current="location"]').getAttribute('href')).toBe(`#${id}`);
    if (isPhone(mode)) {
      // On a phone the sidebar is a menu: hidden until the button opens it, closed by Escape.
      expect(await page.locator('#_sidebar').isVisible()).toBe(false);
      await page.getByRole('button', { name: 'Menu' }).click();
      expect(await page.locator('#_sidebar').isVisible()).toBe(true);
      expect(await page.locator('#_sidebar a[aria-current="location"]').isVisible()).toBe(true);
      await page.keyboard.press('Escape');
      expect(await page.locator('#_sidebar').isVisible()).toBe(false);
      expect(await page.getByRole('button', { name: 'Menu' }).evaluate((b) => b === document.activeElement)).toBe(true);
    } else {
      expect(await page.getByRole('button', { name: 'Menu' }).isVisible()).toBe(false);
      expect(await page.locator('#_sidebar a[aria-current="location"]').isVisible()).toBe(true);
      expect(await top('#_sidebar')).toBeGreaterThanOrEqual(headerBottom);
    }
    const back = page.getByRole('link', { name: 'Back to top' });
    expect(await back.isVisible()).toBe(true);
    await back.click();
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);
    expect(watched.problems).toEqual([]);
    await close();
  });

  it('reads without JavaScript: the list opens the page, the sidebar follows the text, no menu button', async () => {
    const { page, close } = await open(new URL('basics.html', fixture.root).href, MODES[2], false);
    expect(await page.locator('.on-page').isVisible()).toBe(true);
    expect(await page.locator('#_sidebar').isVisible()).toBe(true);
    expect(await page.locator('#_menu').isVisible()).toBe(false);
    expect(await page.locator('article.question .answer').first().isVisible()).toBe(true);
    await close();
  });
});

/** The results as a reader sees them: title, topic, snippet, and the marked words. */
async function results(page: Page) {
  return page.locator('#_results li').evaluateAll((items) =>
    items.map((item) => ({
      title: item.querySelector('.search-title')!.textContent,
      topic: item.querySelector('.search-topic')!.textContent,
      snippet: item.querySelector('.search-snippet')?.textContent ?? '',
      marked: Array.from(item.querySelectorAll('mark')).map((m) => m.textContent!.toLowerCase()),
      href: item.querySelector('a')!.getAttribute('href'),
    })),
  );
}

describe('search', () => {
  it.each(MODES)('is driven from the keyboard and shows marked snippets with the right topic ($name)', async (mode) => {
    const { page, watched, close } = await open(new URL('basics.html', fixture.root).href, mode);
    await page.locator('#_q').waitFor({ state: 'visible' });
    await page.locator('body').press('/');
    expect(await page.locator('#_q').evaluate((e) => e === document.activeElement)).toBe(true);
    await page.keyboard.type('zyzzogeton');
    await expect.poll(() => results(page)).toEqual([
      { title: '1. What is a token?', topic: 'Second Bank', snippet: 'A token is a unit of text; the zyzzogeton is not one.', marked: ['zyzzogeton'], href: expect.stringMatching(/questions\.html#what-is-a-token$/) },
    ]);
    // Several results: ArrowDown and ArrowUp move through them, and back to the box.
    await page.locator('#_q').fill('what is');
    await expect.poll(async () => (await results(page)).length).toBe(6);
    const focused = () => page.evaluate(() => (document.activeElement as HTMLElement).closest('li') ? Array.from(document.querySelectorAll('#_results a')).indexOf(document.activeElement as HTMLAnchorElement) : document.activeElement!.id);
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toBe(0);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toBe(2);
    await page.keyboard.press('ArrowUp');
    expect(await focused()).toBe(1);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    expect(await focused()).toBe('_q');
    // Escape closes the panel; typing opens it again; a click outside closes it.
    await page.keyboard.press('Escape');
    expect(await page.locator('#_panel').isVisible()).toBe(false);
    await page.keyboard.type(' bias');
    await expect.poll(() => page.locator('#_panel').isVisible()).toBe(true);
    await page.mouse.click(mode.width / 2, 700);
    expect(await page.locator('#_panel').isVisible()).toBe(false);
    // ArrowDown to the one result, Enter opens it.
    await page.locator('#_q').fill('variance');
    await expect.poll(async () => (await results(page)).map((r) => r.title)).toEqual(['3. What is variance?']);
    await page.locator('#_q').press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL(/basics\.html#what-is-variance$/);
    // A result on the same page: the page moves, the panel closes.
    expect(await page.locator('#_panel').isVisible()).toBe(false);
    // The panel stands apart from the page in either mode.
    await page.locator('#_q').fill('bias');
    await page.locator('#_results li').first().waitFor();
    const [panel, body] = await page.evaluate(() => [getComputedStyle(document.getElementById('_panel')!).backgroundColor, getComputedStyle(document.body).backgroundColor]);
    if (mode.colorScheme === 'dark') expect(panel).not.toBe(body);
    expect(await page.locator('#_panel').evaluate((e) => getComputedStyle(e).borderTopStyle)).toBe('solid');
    expect(watched.problems).toEqual([]);
    await close();
  });

  it('puts exact and prefix matches first and takes hyphenated words whole', async () => {
    const { page, close } = await open(new URL('index.html', fixture.root).href);
    const titles = async (query: string) => {
      await page.locator('#_q').fill(query);
      await expect.poll(() => page.locator('#_status').textContent()).not.toBe('');
      return (await results(page)).map((r) => r.title);
    };
    expect(await titles('k-means')).toEqual(['4. How does k-means work?']);
    expect((await results(page))[0]!.marked).toEqual(['k-means', 'k-means']);
    // "means" is a word of two answers: the one with "means" and the one with "k-means".
    expect((await titles('means')).sort()).toEqual(['1. What is a support vector machine (SVM)?', '4. How does k-means work?']);
    expect(await titles('svm')).toEqual(['1. What is a support vector machine (SVM)?']);
    // A prefix: "dendro" finds "dendrogram".
    expect(await titles('dendro')).toEqual(['5. What is a dendrogram?']);
    // Spelling tolerance only when nothing matches exactly or as a prefix, and it says so.
    expect(await titles('dendrogran')).toEqual(['5. What is a dendrogram?']);
    expect(await page.locator('#_status').textContent()).toMatch(/^No exact match/);
    await close();
  });

  it('finds no stranger for "svm" or "k-means" in the corpus (no perplexity, no batch normalization)', async () => {
    const { page, close } = await open(new URL('index.html', corpus.root).href);
    for (const query of ['svm', 'k-means']) {
      await page.locator('#_q').fill(query);
      await expect.poll(() => page.locator('#_status').textContent()).toBe('No question matches.');
      expect(await page.locator('#_results li').count()).toBe(0);
    }
    // And a word it has finds its question with its real topic, marked in a snippet of the answer.
    await page.locator('#_q').fill('perplexity');
    await expect.poll(async () => (await results(page))[0]?.title).toBe('8. What is perplexity used for?');
    const [first] = await results(page);
    expect(first!.topic).toBe('13 NLP Interview Questions 2025');
    expect(first!.marked).toContain('perplexity');
    expect(first!.snippet).toMatch(/perplexity/i);
    await close();
  });
});

describe('study mode', () => {
  it.each(MODES)('hides answers until revealed, keeps marks across a reload, shows progress per topic ($name)', async (mode) => {
    const { page, watched, close } = await open(new URL('basics.html', fixture.root).href, mode);
    const answer = (n: number) => page.locator('article.question').nth(n).locator('.answer');
    expect(await answer(0).isVisible()).toBe(true);
    await page.getByRole('switch', { name: /Study mode/ }).check();
    for (const n of [0, 1, 2]) expect(await answer(n).isVisible()).toBe(false);
    // Revealed by a click, and by Space on the button.
    const reveal = (n: number) => page.locator('article.question').nth(n).getByRole('button', { name: 'Show the answer' });
    await reveal(0).click();
    expect(await answer(0).isVisible()).toBe(true);
    await reveal(1).focus();
    await page.keyboard.press('Space');
    expect(await answer(1).isVisible()).toBe(true);
    expect(await answer(2).isVisible()).toBe(false);
    await page.locator('article.question').nth(0).getByRole('button', { name: 'Known' }).click();
    await page.locator('article.question').nth(1).getByRole('button', { name: 'Again' }).click();
    expect(await page.locator('.study-status').textContent()).toBe('1 of 3 known, 1 to see again.');
    await page.reload();
    // Still in study mode, answers hidden again, the marks kept.
    expect(await page.getByRole('switch', { name: /Study mode/ }).isChecked()).toBe(true);
    expect(await answer(0).isVisible()).toBe(false);
    expect(await page.locator('article.question').nth(0).getByRole('button', { name: 'Known' }).getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('article.question').nth(1).getByRole('button', { name: 'Again' }).getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('.study-status').textContent()).toBe('1 of 3 known, 1 to see again.');
    // Nothing but the browser holds it.
    const stored = await page.evaluate(() => Object.keys(localStorage).map((key) => [key, JSON.parse(localStorage.getItem(key)!)]));
    expect(stored).toEqual([['mlq-study:Study Book', { on: true, marks: { basics: { 'what-is-a-support-vector-machine-svm': 'known', 'what-is-bias': 'again' } } }]]);
    // The hub shows the progress of each topic that has some.
    await page.goto(new URL('index.html', fixture.root).href);
    expect(await page.locator('.topics .study-progress').allTextContents()).toEqual([' 1 of 3 known, 1 to see again']);
    expect(await page.locator('.topics a[data-topic="basics"] + .study-progress').isVisible()).toBe(true);
    // Switched off, the answers show.
    await page.goto(new URL('basics.html', fixture.root).href);
    await page.getByRole('switch', { name: /Study mode/ }).uncheck();
    expect(await answer(2).isVisible()).toBe(true);
    expect(watched.problems).toEqual([]);
    await close();
  });

  it('runs through a topic shuffled, one question at a time, the known ones left out, and works from file://', async () => {
    const { page, watched, close } = await open(pathToFileURL(path.join(fixtureSite, 'basics.html')).href);
    await page.getByRole('switch', { name: /Study mode/ }).check();
    await page.locator('article.question').nth(2).getByRole('button', { name: 'Known' }).click();
    await page.getByRole('button', { name: 'Shuffled run' }).click();
    const seen: string[] = [];
    for (const n of [1, 2]) {
      expect(await page.locator('.run-status').textContent()).toBe(`Question ${n} of 2`);
      const shown = page.locator('article.question:visible');
      expect(await shown.count()).toBe(1);
      seen.push((await shown.getAttribute('id'))!);
      expect(await shown.locator('.answer').isVisible()).toBe(false);
      // Space, with no control focused, reveals it.
      await page.evaluate(() => (document.activeElement as HTMLElement).blur());
      await page.keyboard.press('Space');
      expect(await shown.locator('.answer').isVisible()).toBe(true);
      await shown.getByRole('button', { name: n === 1 ? 'Again' : 'Known' }).click();
    }
    expect(seen.sort()).toEqual(['what-is-a-support-vector-machine-svm', 'what-is-bias']);
    expect(await page.locator('.run-status').textContent()).toMatch(/^Run done: 2 of 3 known, 1 to see again\.$/);
    await page.getByRole('button', { name: 'End the run' }).click();
    expect(await page.locator('article.question:visible').count()).toBe(3);
    expect(page.url().startsWith('file://')).toBe(true);
    expect(watched.problems).toEqual([]);
    await close();
  });
});

describe('checked in every mode', () => {
  // The fixture's pages in every mode; the corpus's long pages (the same template and stylesheet, with the
  // corpus's content: code, math, tables) at both widths and in both colour schemes, as the Nu checker below.
  it.each(MODES)('axe-core finds no violation on any page, with study mode on and the search open ($name)', async (mode) => {
    for (const [site, server] of [
      [fixtureSite, fixture],
      ...(mode === MODES[0] || mode === MODES[3] ? [[corpusSite, corpus] as const] : []),
    ] as const) {
      for (const file of await htmlPages(site)) {
        const { page, close } = await open(new URL(file, server.root).href, mode);
        if (file !== '404.html') {
          const toggle = page.getByRole('switch', { name: /Study mode/ });
          if (await toggle.count()) {
            await toggle.check();
            await page.locator('article.question').first().getByRole('button', { name: 'Known' }).click();
          }
          if (isPhone(mode) && (await page.locator('#_menu').count())) await page.locator('#_menu').click();
          await page.locator('#_q').fill('what');
          await page.locator('#_results li').first().waitFor();
        }
        await page.addScriptTag({ path: AXE });
        const violations = await page.evaluate(async () => {
          // Only violations are reported in full: the passes' details would only cost time.
          const result = await (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document, { resultTypes: ['violations'] });
          return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
        });
        expect(violations, `${file} (${mode.name})`).toEqual([]);
        await close();
      }
    }
  }, 180_000);

  it('the Nu HTML Checker finds no error in any page as built, nor as the scripts leave it in any mode', async () => {
    const snapshots = path.join(work, 'snapshots');
    await mkdir(snapshots, { recursive: true });
    const files: string[] = [];
    for (const [site, server] of [
      [fixtureSite, fixture],
      [corpusSite, corpus],
    ] as const) {
      for (const file of await htmlPages(site)) {
        files.push(path.join(site, file));
        if (file === '404.html') continue;
        for (const mode of [MODES[0], MODES[3]]) {
          const { page, close } = await open(new URL(file, server.root).href, mode);
          const toggle = page.getByRole('switch', { name: /Study mode/ });
          if (await toggle.count()) await toggle.check();
          await page.locator('#_q').fill('what');
          await page.locator('#_results li').first().waitFor();
          const html = await page.evaluate(() => `<!doctype html>\n${document.documentElement.outerHTML}`);
          const snapshot = path.join(snapshots, `${path.basename(site)}-${path.basename(path.dirname(site))}-${mode.width}-${file}`);
          await writeFile(snapshot, html);
          files.push(snapshot);
          await close();
        }
      }
    }
    const run = await promisify(execFile)('java', ['-jar', VNU, '--errors-only', '--format', 'json', ...files], { maxBuffer: 64 * 1024 * 1024 }).then(
      ({ stderr }) => stderr,
      (error: { stderr: string }) => error.stderr,
    );
    const messages = (JSON.parse(run) as { messages: { type: string; url: string; lastLine?: number; message: string }[] }).messages;
    expect(files.length).toBeGreaterThan(10);
    expect(messages.map((m) => `${path.basename(m.url)}:${m.lastLine}: ${m.type}: ${m.message}`)).toEqual([]);
  }, 300_000);
});
