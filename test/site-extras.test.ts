// The site's extras: favicon, llms.txt, .nojekyll, the theme switch, highlighted code and its copy button.
// Built by the real CLI, driven in Debian's Chromium, checked by axe-core and the Nu HTML Checker.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, watch } from './support/browser.js';
import { ROOT } from './support/book.js';
import { attr, elements, elementsOf, text, type Element } from './support/html.js';
import { mlq } from './support/cli.js';
import { serveFolder, type StaticServer } from './support/static-server.js';


const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const VNU = path.join(path.dirname(require.resolve('vnu-jar')), 'build/dist/vnu.jar');
const SCREENSHOTS = path.join(ROOT, 'screenshots');

const CONFIG = `book:
  title: Extras Book
  upstream: https://github.com/example/extras
  description: Questions with code in them.
site:
  url: https://example.github.io/extras/
sources: [a.md]
`;

const BANK = `# Extras Bank

## Code

#### 1) How do you sum a list in Python? [[src](https://example.org/sum)]

With a loop, or the built-in:

\`\`\`python
def total(values):
    # the built-in does it
    return sum(values) + 42
\`\`\`

And in a shell:

\`\`\`
echo "plain, no language"
\`\`\`

## Theory

#### 2) What is a norm? [[src](https://example.org/norm)]

A length of a vector.
`;

let work = '';
let site = '';
let browser: Browser;
let server: StaticServer;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'mlq-site-extras-'));
  await writeFile(path.join(work, 'mlq.yaml'), CONFIG);
  await writeFile(path.join(work, 'a.md'), BANK);
  const run = mlq(['build', '--config', path.join(work, 'mlq.yaml'), '--out', path.join(work, 'dist'), '--formats', 'json,site'], { cwd: work });
  expect(run.code, run.stderr).toBe(0);
  site = path.join(work, 'dist/site');
  browser = await launchChromium();
  server = await serveFolder(site);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

const parsed = async (file: string) => elementsOf(await readFile(path.join(site, file), 'utf8'));
const htmlPages = async () => (await readdir(site)).filter((name) => name.endsWith('.html')).sort();

async function open(url: string, options: { colorScheme?: 'light' | 'dark'; width?: number; clipboard?: boolean } = {}) {
  const context = await browser.newContext({ viewport: { width: options.width ?? 1280, height: 800 }, colorScheme: options.colorScheme ?? 'light' });
  if (options.clipboard) await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url).origin });
  const page = await context.newPage();
  const watched = await watch(page);
  await page.goto(url, { waitUntil: 'load' });
  return { page, watched, close: () => context.close() };
}

describe('the root files', () => {
  it('ships favicon.ico as a real 32x32 ICO (and no SVG: the site ships none), and links it from every page but the 404 page', async () => {
    const ico = await readFile(path.join(site, 'favicon.ico'));
    expect([...ico.subarray(0, 6)]).toEqual([0, 0, 1, 0, 1, 0]);
    expect([ico[6], ico[7]]).toEqual([32, 32]);
    expect(ico.readUInt32LE(18) + ico.readUInt32LE(14)).toBe(ico.length);
    for (const file of await htmlPages()) {
      const icons = (await parsed(file)).filter((e) => e.tagName === 'link' && attr(e, 'rel') === 'icon').map((e) => attr(e, 'href'));
      // The 404 page is served at any depth, where a relative link would miss: it links none.
      expect(icons, file).toEqual(file === '404.html' ? [] : ['favicon.ico']);
    }
  });

  it('has an empty .nojekyll at the root', async () => {
    expect((await stat(path.join(site, '.nojekyll'))).size).toBe(0);
  });

  it('has llms.txt naming every topic page with its counts, and downloads/questions.json', async () => {
    const llms = await readFile(path.join(site, 'llms.txt'), 'utf8');
    expect(llms.split('\n').slice(0, 3)).toEqual(['# Extras Book', '', '> Questions with code in them.']);
    const topics = (await htmlPages()).filter((file) => file !== 'index.html' && file !== '404.html');
    expect(topics).toEqual(['code.html', 'theory.html']);
    for (const file of topics) expect(llms).toContain(`](https://example.github.io/extras/${file}): 1 question, 1 answered`);
    expect(llms).toContain('## Data\n\n- [questions.json](https://example.github.io/extras/downloads/questions.json): ');
    await stat(path.join(site, 'downloads/questions.json'));
  });
});

describe('code', () => {
  it('is highlighted at build time: a block naming its language gets token spans, one without stays plain text', async () => {
    const blocks = (await parsed('code.html')).filter((e) => e.tagName === 'code' && 'parentNode' in e && (e.parentNode as Element).tagName === 'pre');
    expect(blocks).toHaveLength(2);
    const classes = (element: Element) => elements(element).filter((e) => e.tagName === 'span').map((e) => attr(e, 'class'));
    expect(classes(blocks[0]!)).toEqual(expect.arrayContaining(['hljs-keyword', 'hljs-comment', 'hljs-built_in', 'hljs-number']));
    expect(text(blocks[0]!)).toBe('def total(values):\n    # the built-in does it\n    return sum(values) + 42\n');
    expect(classes(blocks[1]!)).toEqual([]);
    // No script highlights anything: the page's scripts are the site's own two.
    const scripts = (await parsed('code.html')).filter((e) => e.tagName === 'script' && attr(e, 'src')).map((e) => attr(e, 'src'));
    expect(scripts).toEqual(['assets/search.js', 'assets/page.js']);
  });

  it('has a copy button, reached by the keyboard, that puts the code on the clipboard', async () => {
    const { page, watched, close } = await open(new URL('code.html', server.root).href, { clipboard: true });
    const button = page.getByRole('button', { name: 'Copy the code' }).first();
    await button.waitFor();
    expect(await page.getByRole('button', { name: 'Copy the code' }).count()).toBe(2);
    // Tab from the page's top until the button has the focus.
    let tabs = 0;
    while (!(await button.evaluate((b) => b === document.activeElement)) && tabs++ < 30) await page.keyboard.press('Tab');
    expect(tabs).toBeLessThan(30);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.copy-status').first().textContent()).toBe('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('def total(values):\n    # the built-in does it\n    return sum(values) + 42\n');
    expect(watched.problems).toEqual([]);
    await close();
  });

  it('selects the code where the clipboard is refused', async () => {
    const { page, close } = await open(new URL('code.html', server.root).href);
    await page.evaluate(() => Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new Error('denied')) } }));
    await page.getByRole('button', { name: 'Copy the code' }).nth(1).click();
    await expect.poll(() => page.evaluate(() => String(window.getSelection()))).toBe('echo "plain, no language"');
    await close();
  });
});

describe('the theme switch', () => {
  it('keeps the chosen theme across a reload, set before the first paint, and goes back to the system\'s', async () => {
    const { page, watched, close } = await open(new URL('index.html', server.root).href, { colorScheme: 'light' });
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(await background()).toBe('rgb(255, 255, 255)');
    const select = page.getByLabel('Theme');
    await select.focus();
    await select.selectOption('dark');
    expect(await background()).toBe('rgb(20, 23, 27)');
    await page.reload({ waitUntil: 'domcontentloaded' });
    // Set in <head>, before the stylesheet and the body exist.
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await background()).toBe('rgb(20, 23, 27)');
    await expect.poll(() => page.getByLabel('Theme').inputValue()).toBe('dark');
    await page.getByLabel('Theme').selectOption('system');
    await page.reload();
    expect(await background()).toBe('rgb(255, 255, 255)');
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
    expect(watched.problems).toEqual([]);
    await close();
  });

  it('serves the icons the pages link, and loads every page with no failed request', async () => {
    for (const file of await htmlPages()) {
      if (file === '404.html') continue;
      const { page, watched, close } = await open(new URL(file, server.root).href);
      const icons = await page.locator('link[rel=icon]').evaluateAll((links) => links.map((link) => (link as HTMLLinkElement).href));
      const answers = await Promise.all(icons.map(async (href) => (await page.request.get(href)).headers()['content-type']));
      expect(answers).toEqual(['image/x-icon']);
      expect(watched.problems, file).toEqual([]);
      await close();
    }
  });
});

describe('checked', () => {
  it.each([
    ['light', 'light', undefined],
    ['dark', 'dark', undefined],
    ['light chosen on a dark system', 'dark', 'light'],
    ['dark chosen on a light system', 'light', 'dark'],
  ] as const)('has no axe-core violation on a page with code, %s', async (_name, colorScheme, chosen) => {
    const { page, close } = await open(new URL('code.html', server.root).href, { colorScheme });
    if (chosen) await page.getByLabel('Theme').selectOption(chosen);
    await page.getByRole('button', { name: 'Copy the code' }).first().waitFor();
    await page.addScriptTag({ path: AXE });
    const violations = await page.evaluate(async () => {
      const result = await (window as unknown as { axe: { run(): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe.run();
      return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    });
    expect(violations).toEqual([]);
    await close();
  });

  it('has no Nu HTML Checker error on any page or the stylesheet', async () => {
    const pages = (await htmlPages()).map((file) => path.join(site, file));
    const run = await promisify(execFile)('java', ['-jar', VNU, '--errors-only', '--format', 'json', '--also-check-css', ...pages, path.join(site, 'assets/site.css')], { maxBuffer: 64 * 1024 * 1024 }).then(
      ({ stderr }) => stderr,
      (error: { stderr: string }) => error.stderr,
    );
    const messages = (JSON.parse(run) as { messages: { type: string; url: string; lastLine?: number; message: string }[] }).messages;
    expect(messages.map((m) => `${path.basename(m.url)}:${m.lastLine}: ${m.type}: ${m.message}`)).toEqual([]);
  });

  it('writes screenshots of a page with code at phone and desktop widths, light and dark', async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    for (const [name, width] of [['phone', 390], ['desktop', 1280]] as const) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const { page, close } = await open(new URL('code.html', server.root).href, { width, colorScheme });
        await page.getByRole('button', { name: 'Copy the code' }).first().waitFor();
        const png = await page.screenshot({ path: path.join(SCREENSHOTS, `code-${name}-${colorScheme}.png`) });
        expect(png.subarray(1, 4).toString()).toBe('PNG');
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
        await close();
      }
    }
  });
});
