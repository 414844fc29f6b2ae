// Taking over the upstream's URLs, and links that stay inside the book, with the real CLI: a site built with
// the upstream's topics (site.urls: directory, per-topic slug, name and description) from banks in the
// upstream's current layout (the 2026 NLP README, and a README of `##` topics and unnumbered `###`
// questions), served from 127.0.0.1, where every page URL and question anchor that the upstream's site
// builder gives (its scheme ported below, applied to the raw Markdown) must resolve and, in Chromium, scroll
// to its question; mlq's stable-id anchors too. And source/ built: no link from the site, the PDF or the
// EPUB to the upstream's GitHub page of a bank the book has.
import { execFile, execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { unzipSync } from 'fflate';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Book } from '../src/model.js';
import { BookLinks } from '../src/writers/shared/book-links.js';
import { launchChromium, watch } from './support/browser.js';
import { ROOT } from './support/book.js';
import { mlq, mlqBuild } from './support/cli.js';
import { attr, elementsOf } from './support/html.js';
import { serveFolder, type StaticServer } from './support/static-server.js';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const VNU = path.join(path.dirname(require.resolve('vnu-jar')), 'build/dist/vnu.jar');
// The upstream's NLP bank in its current layout (../shared/corpus/MLQuestions-NLP-README-2026.md), kept as a fixture.
const NLP_2026 = path.join(ROOT, 'test/fixtures/upstream-NLP-README-2026.md');
const UPSTREAM = 'https://github.com/andrewekhalel/MLQuestions';

/** The upstream's topics: `##` heading -> slug, display name, description (as its site builder has them). */
const TOPICS: [string, string, string, string][] = [
  ['Machine Learning Fundamentals', 'machine-learning-fundamentals-interview-questions', 'Machine Learning Fundamentals', 'Core machine learning interview questions on the bias-variance trade-off and overfitting.'],
  ['Algorithms and Ensembles', 'machine-learning-algorithms-interview-questions', 'Ensemble Methods', 'Interview questions on ensemble methods, bagging and boosting.'],
  ['Data Preprocessing and Feature Engineering', 'data-preprocessing-interview-questions', 'Data Preprocessing', 'Interview questions on data normalization and encodings.'],
  ['Optimization and Training', 'optimization-interview-questions', 'Optimization', 'Interview questions on gradient descent and learning rates.'],
  ['Deep Learning and Neural Networks', 'deep-learning-interview-questions', 'Deep Learning', 'Deep learning interview questions on ReLU, dropout and transformers.'],
  ['Computer Vision', 'computer-vision-interview-questions', 'Computer Vision', 'Computer vision interview questions on convolutions and pooling.'],
  ['Dimensionality Reduction', 'dimensionality-reduction-interview-questions', 'Dimensionality Reduction', 'Interview questions on PCA, t-SNE and UMAP.'],
  ['Model Evaluation and Validation', 'model-evaluation-interview-questions', 'Model Evaluation', 'Interview questions on validation splits and ROC curves.'],
  ['Probability and Statistics', 'statistics-interview-questions', 'Statistics for ML', 'Statistics interview questions for machine learning.'],
  ['Coding and Implementation', 'machine-learning-coding-interview-questions', 'ML Coding', 'Coding interview questions for ML engineers.'],
];
const NLP_TOPIC = ['nlp-interview-questions', 'NLP', 'NLP interview questions and answers on stemming, parsing and perplexity.'] as const;

/** A README in the upstream's current layout, with titles that test the anchor scheme's every step. */
const README = `# Machine Learning Interview Questions and Answers (2026)

**67 machine learning interview questions with answers.** See also the
[NLP questions](https://github.com/andrewekhalel/MLQuestions/tree/master/NLP) ([again](https://github.com/andrewekhalel/MLQuestions/blob/master/NLP/README.md), [and again](NLP/)).

## Machine Learning Fundamentals

### What's the trade-off between bias and variance?

If our model is too simple it has high bias. See the [NLP part](https://github.com/andrewekhalel/MLQuestions/tree/main/NLP/).

### How do you combat the [curse of dimensionality](https://en.wikipedia.org/wiki/Curse_of_dimensionality)?

Feature selection, PCA.

### What is regularization, why do we use it, and give some examples of common methods?

A technique that discourages complex models.

## Deep Learning and Neural Networks

### Why is \`ReLU\` better and more often used than *Sigmoid* in Neural_Networks?

It does not saturate.

### Given stride S and kernel sizes for each layer of a (1-dimensional) CNN, create a function to compute the receptive field of a particular node in the network.

Multiply the strides.

### What is the vanishing gradient?

Gradients shrink through many layers.

## Computer Vision

### Implement SQRT(const double & x) without using any special functions, just fundamental arithmetic.

Newton's method.

### What's the trade-off between bias and variance?

Asked again here: the same anchor as on the fundamentals page, on this page its own.

## Coding and Implementation

### Reverse a bitstring.

Reverse its bytes.

### Reverse a bitstring!

The same anchor as the question before: the upstream's site does not tell them apart, and its anchor names the first.

## Interview Tips

### How should I prepare?

Practise. (A topic the upstream's site does not know: mlq still gives it a page.)
`;

const CONFIG = `book:
  title: ML Interview Questions
  upstream: ${UPSTREAM}
site:
  url: https://example.github.io/MLQuestions/
  urls: directory
  repository: https://github.com/someone/ml-copy
  branch: main
  topics:
${TOPICS.map(([section, slug, name, description]) => `    - section: ${section}\n      slug: ${slug}\n      name: ${name}\n      description: ${description}`).join('\n')}
    - bank: NLP/README.md
      slug: ${NLP_TOPIC[0]}
      name: ${NLP_TOPIC[1]}
      description: ${NLP_TOPIC[2]}
    - section: Generative Models
      slug: generative-models-interview-questions
sources: [README.md, NLP/README.md]
`;

// ---- the upstream's scheme (its scripts/build_site.py), on the raw Markdown -------------------------------

/** The question anchor of a `###` heading's text. */
function upstreamAnchor(text: string): string {
  let s = text.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
  s = s.replace(/[`*_]/g, '').toLowerCase();
  s = s.replace(/[^a-z0-9\s-]/g, '');
  return s.trim().replace(/\s+/g, '-').slice(0, 80).replace(/^-+|-+$/g, '');
}

/** The pages the scheme gives a README (by known `##` topic) or a flat bank: slug and question anchors in order. */
function upstreamPages(markdown: string, flat: string | null, slugOf: (section: string) => string | undefined): { slug: string; anchors: string[] }[] {
  const pages: { slug: string; anchors: string[] }[] = [];
  let current: { slug: string; anchors: string[] } | null = flat ? { slug: flat, anchors: [] } : null;
  if (current) pages.push(current);
  let inSection = flat !== null;
  for (const line of markdown.split('\n')) {
    const h2 = /^##\s+(?!#)(.*)$/.exec(line);
    const h3 = /^###\s+(?!#)(.*)$/.exec(line);
    if (h2 && !flat) {
      const slug = slugOf(h2[1]!.trim());
      inSection = true;
      current = slug ? { slug, anchors: [] } : null;
      if (current) pages.push(current);
    } else if (h3 && inSection && current) {
      current.anchors.push(upstreamAnchor(h3[1]!.trim().replace(/^\d+[.)]\s*/, '')));
    }
  }
  return pages.filter((page) => page.anchors.length > 0);
}

let work = '';
let site = '';
let dist = '';
let browser: Browser;
let server: StaticServer;
let expected: { slug: string; anchors: string[] }[] = [];

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'mlq-site-urls-'));
  const banks = path.join(work, 'banks');
  await mkdir(path.join(banks, 'NLP'), { recursive: true });
  await writeFile(path.join(banks, 'mlq.yaml'), CONFIG);
  await writeFile(path.join(banks, 'README.md'), README);
  await cp(NLP_2026, path.join(banks, 'NLP/README.md'));
  dist = path.join(work, 'dist');
  mlqBuild(['--config', path.join(banks, 'mlq.yaml'), '--out', dist, '--formats', 'json,site']);
  site = path.join(dist, 'site');
  const slugs = new Map(TOPICS.map(([section, slug]) => [section, slug]));
  expected = [...upstreamPages(README, null, (section) => slugs.get(section)), ...upstreamPages(await readFile(NLP_2026, 'utf8'), NLP_TOPIC[0], () => undefined)];
  browser = await launchChromium();
  server = await serveFolder(site, '/MLQuestions/');
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('a site with the upstream\'s topics, at directory URLs', () => {
  it('has a folder page for every topic the scheme gives, and one for the topic it does not know', async () => {
    // The oracle itself: the README's known topics (not "Interview Tips"), NLP's 13 questions.
    expect(expected.map((page) => [page.slug, page.anchors.length])).toEqual([
      ['machine-learning-fundamentals-interview-questions', 3],
      ['deep-learning-interview-questions', 3],
      ['computer-vision-interview-questions', 2],
      ['machine-learning-coding-interview-questions', 2],
      ['nlp-interview-questions', 13],
    ]);
    const pages = (await readdir(site, { recursive: true })).filter((file) => file.endsWith('.html')).sort();
    expect(pages).toEqual(['404.html', 'index.html', ...[...expected.map((page) => page.slug), 'interview-tips'].map((slug) => `${slug}/index.html`)].sort());
    expect(await readFile(path.join(site, '.nojekyll'), 'utf8')).toBe('');
  });

  it('titles and describes each page as mlq.yaml says, with canonical directory URLs', async () => {
    const page = elementsOf(await readFile(path.join(site, 'deep-learning-interview-questions/index.html'), 'utf8'));
    expect(attr(page.find((e) => e.tagName === 'meta' && attr(e, 'name') === 'description')!, 'content')).toBe(TOPICS[4]![3]);
    expect(attr(page.find((e) => e.tagName === 'link' && attr(e, 'rel') === 'canonical')!, 'href')).toBe('https://example.github.io/MLQuestions/deep-learning-interview-questions/');
    const sitemap = await readFile(path.join(site, 'sitemap.xml'), 'utf8');
    expect(sitemap).toContain('<loc>https://example.github.io/MLQuestions/nlp-interview-questions/</loc>');
    expect(sitemap).toContain('<loc>https://example.github.io/MLQuestions/</loc>');
  });

  it('warns about a topic of mlq.yaml that names no page, at its line', () => {
    const run = mlq(['build', '--config', path.join(work, 'banks/mlq.yaml'), '--out', path.join(work, 'again'), '--formats', 'site']);
    expect(run.code).toBe(0);
    const line = CONFIG.split('\n').findIndex((text) => text.includes('Generative Models')) + 1;
    expect(run.stderr).toContain(`mlq.yaml:${line}: site.topics: no topic "Generative Models": the entry names no page`);
  });

  it('serves every page URL of the scheme', async () => {
    for (const target of ['', ...expected.map((page) => `${page.slug}/`), 'interview-tips/']) {
      const response = await fetch(new URL(target, server.root));
      expect(response.status, target).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    }
  });

  it('scrolls every question anchor of the scheme, and every stable id, to its question in Chromium', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const watched = await watch(page);
    let checked = 0;
    for (const { slug, anchors } of expected) {
      for (const [i, anchor] of anchors.entries()) {
        // No de-duplication upstream: a repeated anchor names the first question that has it.
        const first = anchors.indexOf(anchor);
        const at = async (fragment: string) => {
          await page.goto(new URL(`${slug}/#${fragment}`, server.root).href, { waitUntil: 'load' });
          return page.evaluate((id) => {
            const article = document.getElementById(id)?.closest('article.question');
            const all = Array.from(document.querySelectorAll('article.question'));
            const bottom = window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 1;
            // The header stays at the top: a question scrolls to just below it.
            const header = document.querySelector('.site-header')?.getBoundingClientRect().bottom ?? 0;
            return article ? { index: all.indexOf(article), id: article.id, top: article.getBoundingClientRect().top - header, scrolled: window.scrollY, bottom } : null;
          }, fragment);
        };
        const alias = await at(anchor);
        expect(alias, `${slug}/#${anchor}`).not.toBeNull();
        expect(alias!.index, `${slug}/#${anchor}`).toBe(first);
        // At the question's top (below the header), unless the page ends before it can scroll that far.
        expect(alias!.top, `${slug}/#${anchor} (question ${i + 1})`).toBeGreaterThanOrEqual(0);
        if (!alias!.bottom) expect(alias!.top, `${slug}/#${anchor} (question ${i + 1})`).toBeLessThan(40);
        // Where the question's stable id takes the reader.
        const stable = await at(alias!.id);
        expect(Math.abs(alias!.scrolled - stable!.scrolled), `${slug}/#${anchor}`).toBeLessThan(8);
        if (first > 0 && !alias!.bottom) expect(alias!.scrolled).toBeGreaterThan(0);
        checked++;
      }
    }
    expect(checked).toBe(23);
    // mlq's own anchors still work: each question's siteUrl (questions.json) opens at the question.
    const questions = (JSON.parse(await readFile(path.join(dist, 'questions.json'), 'utf8')) as { banks: { questions: { id: string; siteUrl: string }[] }[] }).banks.flatMap((b) => b.questions);
    expect(questions).toHaveLength(24);
    for (const q of questions) {
      expect(q.siteUrl.startsWith('https://example.github.io/MLQuestions/')).toBe(true);
      await page.goto(q.siteUrl.replace('https://example.github.io/MLQuestions/', server.root), { waitUntil: 'load' });
      const where = await page.evaluate((id) => {
        const header = document.querySelector('.site-header')?.getBoundingClientRect().bottom ?? 0;
        const top = document.getElementById(id)?.getBoundingClientRect().top;
        return top === undefined ? null : { top: top - header, bottom: window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 1 };
      }, q.id);
      expect(where, q.siteUrl).not.toBeNull();
      expect(where!.top, q.siteUrl).toBeGreaterThanOrEqual(0);
      expect(where!.top, q.siteUrl).toBeLessThan(where!.bottom ? 800 : 40);
    }
    expect(watched.problems).toEqual([]);
    await context.close();
  });

  it('links the pages to each other, to the assets and to the NLP bank\'s page from their folders', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const watched = await watch(page);
    await page.goto(new URL('machine-learning-fundamentals-interview-questions/', server.root).href);
    expect(await page.evaluate(() => getComputedStyle(document.body).margin)).toBe('0px');
    await page.locator('a[rel="next"]').click();
    await page.waitForURL(/\/deep-learning-interview-questions\/$/);
    await page.locator('.breadcrumb a').first().click();
    await page.waitForURL(/\/MLQuestions\/$/);
    // Every link to the NLP folder upstream, in any spelling, leads to the NLP page.
    const hrefs = await page.locator('main a').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
    expect(hrefs.filter((href) => href.includes('github.com/andrewekhalel'))).toEqual([]);
    // The intro's three spellings, and the hub's list of topics.
    expect(hrefs.filter((href) => href === new URL('nlp-interview-questions/', server.root).href)).toHaveLength(4);
    await page.locator('#_q').fill('lemmatization');
    await page.locator('#_results a').first().click();
    await page.waitForURL(/\/nlp-interview-questions\/#what-is-the-difference-between-stemming-and-lemmatization$/);
    expect(watched.problems).toEqual([]);
    await context.close();
  });

  it.each(['light', 'dark'] as const)('has no axe-core violation on a topic page in %s mode', async (colorScheme) => {
    const context = await browser.newContext({ colorScheme });
    const page = await context.newPage();
    await page.goto(new URL('machine-learning-fundamentals-interview-questions/', server.root).href);
    await page.addScriptTag({ path: AXE });
    const violations = await page.evaluate(async () => {
      const result = await (window as unknown as { axe: { run(): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe.run();
      return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    });
    expect(violations).toEqual([]);
    await context.close();
  });

  it('passes the Nu HTML Checker on every page', async () => {
    const pages = (await readdir(site, { recursive: true })).filter((file) => file.endsWith('.html')).map((file) => path.join(site, file));
    const run = await promisify(execFile)('java', ['-jar', VNU, '--errors-only', '--format', 'json', ...pages], { maxBuffer: 64 * 1024 * 1024 }).then(
      ({ stderr }) => stderr,
      (error: { stderr: string }) => error.stderr,
    );
    const messages = (JSON.parse(run) as { messages: { url: string; lastLine?: number; message: string }[] }).messages;
    expect(pages.length).toBe(8);
    expect(messages.map((m) => `${path.relative(site, new URL(m.url).pathname)}:${m.lastLine}: ${m.message}`)).toEqual([]);
  });

  it('opens each question\'s line in the repository that holds the copy, as GitHub shows lines, and GitHub\'s editor', async () => {
    const page = await readFile(path.join(site, 'nlp-interview-questions/index.html'), 'utf8');
    expect(page).toContain('href="https://github.com/someone/ml-copy/blob/main/NLP/README.md?plain=1#L15"');
    expect(page).toContain('href="https://github.com/someone/ml-copy/edit/main/NLP/README.md"');
    expect(page).not.toContain('github.com/andrewekhalel/MLQuestions/blob');
  });
});

describe('source/, built', () => {
  let corpus = '';
  let book: Book;

  beforeAll(async () => {
    corpus = path.join(work, 'corpus');
    mlqBuild(['--out', corpus]);
    const { parseBook } = await import('../src/read/parse.js');
    const config = (await import('yaml')).parse(await readFile(path.join(ROOT, 'source/mlq.yaml'), 'utf8')) as { book: { upstream: string }; sources: string[] };
    book = parseBook({
      meta: { title: '', subtitle: '', authors: [], language: 'en', license: '', upstream: config.book.upstream, description: '', subjects: [], sourceDate: '' },
      sources: await Promise.all(config.sources.map(async (file) => ({ file: path.join('source', file), text: await readFile(path.join(ROOT, 'source', file), 'utf8') }))),
    });
  });

  /** The links that name a bank of the book upstream; the attribution (book.upstream itself) is kept. */
  const bankLinks = (hrefs: string[]) => {
    const links = new BookLinks(book, 'source');
    return hrefs.filter((href) => href !== book.meta.upstream && links.bankAt(href) !== null);
  };

  it('has the site link the NLP bank\'s page, not its GitHub folder', async () => {
    const pages = (await readdir(path.join(corpus, 'site'))).filter((file) => file.endsWith('.html'));
    const hrefs = (await Promise.all(pages.map(async (file) => elementsOf(await readFile(path.join(corpus, 'site', file), 'utf8')).flatMap((e) => (e.tagName === 'a' ? [attr(e, 'href')!] : []))))).flat();
    expect(hrefs.length).toBeGreaterThan(100);
    expect(bankLinks(hrefs)).toEqual([]);
    expect(hrefs).toContain('nlp.html');
  });

  it('has the EPUB link the NLP bank\'s part', async () => {
    const files = unzipSync(new Uint8Array(await readFile(path.join(corpus, 'guide.epub'))));
    const hrefs = Object.entries(files)
      .filter(([name]) => name.endsWith('.xhtml'))
      .flatMap(([, bytes]) => [...new TextDecoder().decode(bytes).matchAll(/<a [^>]*href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&')));
    expect(bankLinks(hrefs)).toEqual([]);
    expect(hrefs).toContain('part-2.xhtml');
  });

  it('has the PDF link the NLP bank\'s part, inside the document', async () => {
    const pdf = await getDocument({ data: new Uint8Array(await readFile(path.join(corpus, 'guide.pdf'))) }).promise;
    const urls: string[] = [];
    let inside = 0;
    for (let n = 1; n <= pdf.numPages; n++) {
      for (const annotation of await (await pdf.getPage(n)).getAnnotations()) {
        if (annotation.url) urls.push(annotation.url as string);
        if (annotation.dest === 'part-2') inside++;
      }
    }
    expect(urls.length).toBeGreaterThan(100);
    expect(bankLinks(urls)).toEqual([]);
    expect(inside).toBeGreaterThan(0);
    const text = execFileSync('pdftotext', [path.join(corpus, 'guide.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toContain('Recently added: Natural Language Processing (NLP) Interview Questions');
  });

  it('names no site mlq does not publish: never the upstream\'s own', async () => {
    for (const file of ['index.html', 'nlp.html', '404.html', 'robots.txt']) expect(await readFile(path.join(corpus, 'site', file), 'utf8')).not.toContain('andrewekhalel.github.io');
  });
});
