// Where links and pages lead: links between the banks of a book (src/writers/shared/book-links.ts), edit
// links, the site's page addresses and the upstream's text anchors (src/writers/site/addresses.ts), the
// repository the banks are edited in (src/io/repository.ts, through real git), and mlq.yaml's keys for them.
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, parseConfig } from '../src/config.js';
import { repositoryOfBanks } from '../src/io/repository.js';
import type { Book } from '../src/model.js';
import { parseBook } from '../src/read/parse.js';
import { BookLinks, editAddresses } from '../src/writers/shared/book-links.js';
import { SiteAddresses, siteAddress, textAnchor } from '../src/writers/site/addresses.js';
import { planTopics } from '../src/writers/site/plan.js';
import { META } from './support/book.js';

const BANK = (title: string) => `# ${title}\n\n#### 1) What is a question? [[src](https://example.org/q)]\n\nAn answer.\n`;

function book(upstream: string, files: string[]): Book {
  return parseBook({ meta: { ...META, upstream }, sources: files.map((file) => ({ file, text: BANK(file) })) });
}

describe('BookLinks: a link to another bank of the book', () => {
  const links = new BookLinks(book('https://github.com/andrewekhalel/MLQuestions', ['README.md', 'NLP/README.md', 'extra/more.md']), '.');

  it.each([
    'https://github.com/andrewekhalel/MLQuestions/tree/master/NLP',
    'https://github.com/andrewekhalel/MLQuestions/tree/master/NLP/',
    'https://github.com/andrewekhalel/MLQuestions/blob/master/NLP/README.md',
    'https://github.com/andrewekhalel/MLQuestions/blob/main/NLP/README.md#L3',
    'https://github.com/andrewekhalel/MLQuestions/tree/HEAD/NLP/README.md',
    'http://www.github.com/AndrewEkhalel/mlquestions/tree/master/NLP',
    'https://github.com/andrewekhalel/MLQuestions/blob/master/NLP/README.md?plain=1',
  ])('names the NLP bank: %s', (url) => {
    expect(links.bankAt(url)).toBe(1);
    expect(links.target(url, 'README.md')).toEqual({ bank: 1 });
  });

  it.each([
    ['https://github.com/andrewekhalel/MLQuestions', 0],
    ['https://github.com/andrewekhalel/MLQuestions/', 0],
    ['https://github.com/andrewekhalel/MLQuestions/blob/master/README.md', 0],
    ['https://github.com/andrewekhalel/MLQuestions/blob/master/extra/more.md', 2],
  ])('names the bank of %s', (url, bank) => {
    expect(links.bankAt(url)).toBe(bank);
  });

  it.each([
    'https://github.com/andrewekhalel/MLQuestions/tree/master/extra',
    'https://github.com/andrewekhalel/MLQuestions/tree/master/CV',
    'https://github.com/andrewekhalel/MLQuestions/issues',
    'https://github.com/andrewekhalel/MLQuestions/blob',
    'https://github.com/andrewekhalel/Other/tree/master/NLP',
    'https://github.com/someone/MLQuestions/tree/master/NLP',
    'https://gitlab.com/andrewekhalel/MLQuestions/tree/master/NLP',
    'ftp://github.com/andrewekhalel/MLQuestions/tree/master/NLP',
    'https://github.com/andrewekhalel/MLQuestions/tree/master/%E0%A4%A',
  ])('leaves %s outside the book', (url) => {
    expect(links.bankAt(url)).toBeNull();
  });

  it('resolves a relative link against the bank\'s own folder upstream, and finds the bank it names', () => {
    expect(links.target('../README.md', 'NLP/README.md')).toEqual({ bank: 0 });
    expect(links.target('NLP/', 'README.md')).toEqual({ bank: 1 });
    expect(links.target('NLP/README.md', 'README.md')).toEqual({ bank: 1 });
    expect(links.target('notes.md', 'NLP/README.md')).toEqual({ href: 'https://github.com/andrewekhalel/MLQuestions/blob/HEAD/NLP/notes.md' });
    expect(links.target('https://example.org/a', 'README.md')).toEqual({ href: 'https://example.org/a' });
    expect(links.target('javascript:alert(1)', 'README.md')).toBeNull();
  });

  it.each(['readme.markdown', 'README.mdown', 'Readme.mkdn', 'README'])('takes a folder link for its %s', (name) => {
    const docs = new BookLinks(book('https://github.com/o/n', ['README.md', `docs/${name}`]), '.');
    expect(docs.bankAt('https://github.com/o/n/tree/main/docs')).toBe(1);
    expect(docs.bankAt(`https://github.com/o/n/blob/main/docs/${name}`)).toBe(1);
  });

  it('takes no folder link for a bank that is not its folder\'s README, nor for a bank outside mlq.yaml\'s folder', () => {
    const docs = new BookLinks(book('https://github.com/o/n', ['README.md', 'docs/notes.md', '../up/README.md', 'docs/README.md.txt']), '.');
    expect(docs.bankAt('https://github.com/o/n/tree/main/docs')).toBeNull();
    expect(docs.bankAt('https://github.com/o/n/blob/main/docs/notes.md')).toBe(1);
    expect(docs.bankAt('https://github.com/o/n/tree/main/up')).toBeNull();
    expect(docs.bankAt('https://github.com/o/n/blob/main/docs/README.md.txt')).toBe(3);
    // The first bank with a path claims it.
    const twice = new BookLinks(book('https://github.com/o/n', ['README.md', 'README.md']), '.');
    expect(twice.bankAt('https://github.com/o/n')).toBe(0);
    expect(twice.target('x.md', 'README.md')).toEqual({ href: 'https://github.com/o/n/blob/HEAD/x.md' });
  });

  it('knows no bank of a book whose upstream is not on GitHub, and resolves its relative links against it', () => {
    const other = new BookLinks(book('https://example.org/list', ['README.md', 'NLP/README.md']), '.');
    expect(other.bankAt('https://github.com/andrewekhalel/MLQuestions/tree/master/NLP')).toBeNull();
    expect(other.target('x.md', 'NLP/README.md')).toEqual({ href: 'https://example.org/list/NLP/x.md' });
    expect(new BookLinks(book('', ['README.md']), '.').target('x.md', 'README.md')).toBeNull();
  });
});

describe('editAddresses', () => {
  const repository = { url: 'https://github.com/someone/copy', branch: 'main', paths: { 'source/README.md': 'source/README.md', 'b.md': 'a b/c#d?.md' } };

  it('opens the line as GitHub shows lines, and the editor, in the repository that holds the bank', () => {
    expect(editAddresses(repository, 'source/README.md', 15)).toEqual({
      line: 'https://github.com/someone/copy/blob/main/source/README.md?plain=1#L15',
      edit: 'https://github.com/someone/copy/edit/main/source/README.md',
    });
    expect(editAddresses({ ...repository, branch: 'feat/x#1' }, 'b.md', 7)).toEqual({
      line: 'https://github.com/someone/copy/blob/feat/x%231/a%20b/c%23d%3F.md?plain=1#L7',
      edit: 'https://github.com/someone/copy/edit/feat/x%231/a%20b/c%23d%3F.md',
    });
  });

  it('opens the default branch and no editor where the branch is not known, and nothing outside the repository', () => {
    expect(editAddresses({ ...repository, branch: null }, 'source/README.md', 2)).toEqual({ line: 'https://github.com/someone/copy/blob/HEAD/source/README.md?plain=1#L2', edit: null });
    expect(editAddresses(repository, 'elsewhere.md', 2)).toBeNull();
    expect(editAddresses(undefined, 'source/README.md', 2)).toBeNull();
  });
});

describe('the site\'s addresses', () => {
  it.each([
    ['files', null, 'index.html', 'index.html'],
    ['files', 'nlp', 'nlp.html', 'nlp.html'],
    ['directory', null, 'index.html', ''],
    ['directory', 'nlp-interview-questions', 'nlp-interview-questions/index.html', 'nlp-interview-questions/'],
  ] as const)('%s: the page %s is the file %s at %j', (style, slug, file, address) => {
    const site = new SiteAddresses(style, 'https://example.github.io/list/');
    expect(site.file(slug)).toBe(file);
    expect(site.path(slug)).toBe(address);
    expect(site.absolute(address)).toBe(`https://example.github.io/list/${slug === null ? '' : address}`);
  });

  it('links pages relatively, the hub to itself as "./"', () => {
    const site = new SiteAddresses('directory', null);
    expect(site.href('a/index.html', 'b/#x')).toBe('../b/#x');
    expect(site.href('a/index.html', '')).toBe('../');
    expect(site.href('index.html', '')).toBe('./');
    expect(site.href('index.html', '#_bank-1')).toBe('./#_bank-1');
    expect(site.href('index.html', 'b/')).toBe('b/');
    expect(site.absolute('b/')).toBeNull();
    expect(new SiteAddresses('files', 'https://e.org/x/').absolute('index.html#_bank-2')).toBe('https://e.org/x/#_bank-2');
  });

  it('takes site.url, else the Pages address of the repository that holds the banks, never the upstream\'s', () => {
    expect(siteAddress({ ...DEFAULT_CONFIG, site: { ...DEFAULT_CONFIG.site, url: 'https://q.example.org/' } }, 'https://github.com/someone/copy')).toBe('https://q.example.org/');
    expect(siteAddress(DEFAULT_CONFIG, 'https://github.com/Someone/copy')).toBe('https://someone.github.io/copy/');
    expect(siteAddress(DEFAULT_CONFIG, undefined)).toBeNull();
  });

  it.each([
    ["What's the trade-off between bias and variance?", 'whats-the-trade-off-between-bias-and-variance'],
    ['How do you combat the [curse of dimensionality](https://x.org/a_b)?', 'how-do-you-combat-the-curse-of-dimensionality'],
    ['Why is `ReLU` better than *Sigmoid* in Neural_Networks?', 'why-is-relu-better-than-sigmoid-in-neuralnetworks'],
    ['Explain  over- and under-fitting', 'explain-over--and-under-fitting'],
    ['Implement SQRT(const double & x) without using any special functions, just fundamental arithmetic.', 'implement-sqrtconst-double-x-without-using-any-special-functions-just-fundamenta'],
    ['What is 80 chars ' + 'a'.repeat(62) + ' b', `what-is-80-chars-${'a'.repeat(62)}`],
    ['Что такое SVM?', 'svm'],
    ['???', ''],
  ])('gives %j the upstream\'s text anchor %j', (title, anchor) => {
    expect(textAnchor({ title })).toBe(anchor);
    expect(anchor.length).toBeLessThanOrEqual(80);
  });
});

describe('site.topics', () => {
  const text = `# Book\n\n## Basics\n\n#### 1) What is a?\n\nA.\n\n## Vision\n\n#### 2) What is b?\n\nB.\n`;
  const twoBanks = parseBook({ meta: META, sources: [{ file: 'a.md', text }, { file: 'nlp/README.md', text: BANK('NLP') }] });

  it('names pages by section or bank, keeps the slugs given and makes the others around them', () => {
    const config = parseConfig(
      `site:\n  urls: directory\n  topics:\n    - section: Vision\n      slug: basics\n      name: Seeing\n      description: Questions on seeing.\n    - bank: nlp/README.md\n      slug: nlp-interview-questions\n    - section: Nowhere\n`,
      'mlq.yaml',
    );
    expect(config.site.urls).toBe('directory');
    const topics = planTopics(twoBanks, '.', config.site.topics);
    expect(topics.map((t) => [t.slug, t.title, t.description])).toEqual([
      ['basics-2', 'Basics', ''],
      ['basics', 'Seeing', 'Questions on seeing.'],
      ['nlp-interview-questions', 'NLP', ''],
    ]);
    expect(config.site.topics[2]!.place).toBe('mlq.yaml:10');
  });

  it.each([
    ['site:\n  urls: folders\n', 'mlq.yaml:2: site.urls: expected one of files, directory'],
    ['site:\n  repository: https://gitlab.com/a/b\n', "mlq.yaml:2: site.repository: expected a GitHub repository's address, https://github.com/OWNER/NAME"],
    ['site:\n  topics: {slug: x}\n', 'mlq.yaml:2: site.topics: expected a list of topics ({section, bank, slug, name, description})'],
    ['site:\n  topics:\n    - slug: x\n', 'mlq.yaml:3: site.topics[0]: expected "section" (a topic\'s title), "bank" (a file of sources), or both'],
    ['site:\n  topics:\n    - section: A\n      slug: ../up\n', 'mlq.yaml:4: site.topics[0].slug: expected one path segment of letters, digits, - and _ (up to 100), not "../up"'],
    ['site:\n  topics:\n    - section: A\n      slug: a/b\n', 'mlq.yaml:4: site.topics[0].slug: expected one path segment of letters, digits, - and _ (up to 100), not "a/b"'],
    ['site:\n  topics:\n    - section: A\n      slug: ..\n', 'mlq.yaml:4: site.topics[0].slug: expected one path segment of letters, digits, - and _ (up to 100), not ".."'],
    ['site:\n  topics:\n    - section: A\n      slug: Assets\n', 'mlq.yaml:4: site.topics[0].slug: "Assets" is the name of the site\'s own folder'],
    ['site:\n  topics:\n    - section: A\n      slug: index\n', 'mlq.yaml:4: site.topics[0].slug: "index" is the name of the site\'s own page'],
    ['site:\n  topics:\n    - section: A\n      slug: x\n    - section: B\n      slug: X\n', 'mlq.yaml:6: site.topics[1].slug: "X" is already the slug of site.topics[0]'],
    ['site:\n  topics:\n    - section: A\n      colour: red\n', 'mlq.yaml:4: site.topics[0].colour: unknown key (expected one of: bank, section, slug, name, description)'],
    ['site:\n  topics:\n    - section: A\n      name:\n', 'mlq.yaml:4: site.topics[0].name: expected a string that is not empty'],
    ['site:\n  topics:\n    - section: [A]\n', 'mlq.yaml:3: site.topics[0].section: expected a string that is not empty'],
    ['site:\n  topics:\n    - A\n', 'mlq.yaml:3: site.topics[0]: expected a mapping with "section" or "bank"'],
  ])('refuses %j at its line', (yaml, message) => {
    expect(() => parseConfig(yaml, 'mlq.yaml')).toThrow(message);
  });

  it('reads a repository address with or without .git, and defaults to files, the git remote and its branch', () => {
    expect(parseConfig('site:\n  repository: https://github.com/a/b.git\n', 'mlq.yaml').site.repository).toBe('https://github.com/a/b');
    expect(DEFAULT_CONFIG.site).toMatchObject({ url: '', urls: 'files', repository: '', branch: '', topics: [] });
  });
});

describe('repositoryOfBanks, through git', () => {
  let work = '';
  const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' }, stdio: 'pipe' });

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'mlq-repository-'));
  });
  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  async function repo(name: string, remote: string | null, branch: string | null): Promise<string> {
    const top = path.join(work, name);
    await mkdir(path.join(top, 'source/NLP'), { recursive: true });
    await writeFile(path.join(top, 'source/README.md'), BANK('A'));
    await writeFile(path.join(top, 'source/NLP/README.md'), BANK('B'));
    git(top, 'init', '-q', '-b', branch ?? 'main');
    if (remote) git(top, 'remote', 'add', 'origin', remote);
    if (!branch) {
      git(top, '-c', 'user.name=t', '-c', 'user.email=t@example.org', 'commit', '-q', '--allow-empty', '-m', 'x');
      git(top, 'checkout', '-q', '--detach');
    }
    return top;
  }

  const configIn = (top: string, yaml = '') => parseConfig(yaml, path.join(top, 'source/mlq.yaml'));
  const banksIn = (top: string) => [path.join(top, 'source/README.md'), path.join(top, 'source/NLP/README.md')];

  it.each([
    ['git@github.com:someone/copy.git'],
    ['https://x-access-token:secret@github.com/someone/copy.git'],
    ['ssh://git@github.com/someone/copy'],
  ])('takes the remote %s (credentials dropped), the branch checked out, and paths from the top of the work tree', async (remote) => {
    const top = await repo(`r${remote.length}`, remote, 'main');
    const files = banksIn(top);
    expect(await repositoryOfBanks(configIn(top), files)).toEqual({
      url: 'https://github.com/someone/copy',
      branch: 'main',
      paths: { [files[0]!]: 'source/README.md', [files[1]!]: 'source/NLP/README.md' },
    });
  });

  it.each([
    ['feature/x.y', 'feature/x.y'],
    ['fix#1', null],
    ['a%2e', null],
    ['v1@x', null],
  ])('keeps the branch %j as %j (a name an edit link can carry, or none)', async (branch, kept) => {
    const top = await repo(`b${Buffer.from(branch).toString('hex')}`, 'https://github.com/someone/copy/', branch);
    expect(await repositoryOfBanks(configIn(top), banksIn(top))).toMatchObject({ url: 'https://github.com/someone/copy', branch: kept });
  });

  it.each([
    ['git://github.com/someone/copy.git/', 'https://github.com/someone/copy'],
    ['file:///srv/copy.git', undefined],
    ['/srv/copy.git', undefined],
    ['https://gitlab.com/someone/copy', undefined],
  ])('reads the remote %s as %s', async (remote, url) => {
    const top = await repo(`u${Buffer.from(remote).toString('hex')}`, remote, 'main');
    expect((await repositoryOfBanks(configIn(top), banksIn(top)))?.url).toBe(url);
  });

  it('takes site.repository and site.branch over git, knows no branch on a detached checkout, and nothing without GitHub', async () => {
    const top = await repo('detached', 'https://gitlab.com/someone/copy.git', null);
    const files = banksIn(top);
    expect(await repositoryOfBanks(configIn(top), files)).toBeUndefined();
    const given = await repositoryOfBanks(configIn(top, 'site:\n  repository: https://github.com/me/mine\n'), files);
    expect(given).toMatchObject({ url: 'https://github.com/me/mine', branch: null });
    expect((await repositoryOfBanks(configIn(top, 'site:\n  repository: https://github.com/me/mine\n  branch: trunk\n'), files))?.branch).toBe('trunk');
  });

  it('runs no git in a reproducible build (SOURCE_DATE_EPOCH): mlq.yaml alone says where, paths from the folder with .git', async () => {
    const top = await repo('reproducible', 'git@github.com:someone/copy.git', 'main');
    const files = banksIn(top);
    expect(await repositoryOfBanks(configIn(top), files, { SOURCE_DATE_EPOCH: '1' })).toBeUndefined();
    expect(await repositoryOfBanks(configIn(top, 'site:\n  repository: https://github.com/me/mine\n'), files, { SOURCE_DATE_EPOCH: '1' })).toEqual({
      url: 'https://github.com/me/mine',
      branch: null,
      paths: { [files[0]!]: 'source/README.md', [files[1]!]: 'source/NLP/README.md' },
    });
  });

  it('outside a work tree, names the banks from mlq.yaml\'s folder', async () => {
    const top = path.join(work, 'plain');
    await mkdir(path.join(top, 'NLP'), { recursive: true });
    await writeFile(path.join(top, 'NLP/README.md'), BANK('B'));
    const config = parseConfig('site:\n  repository: https://github.com/me/mine\n', path.join(top, 'mlq.yaml'));
    const file = path.join(top, 'NLP/README.md');
    expect(await repositoryOfBanks(config, [file, path.join(work, 'elsewhere.md')])).toEqual({ url: 'https://github.com/me/mine', branch: null, paths: { [file]: 'NLP/README.md' } });
  });
});
