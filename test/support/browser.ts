// Debian's Chromium, driven by playwright-core: never a browser of its own download, and kept off the
// network (the background services would otherwise keep trying hosts a closed network refuses).
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export interface Watched {
  /** Console errors, uncaught exceptions, failed requests, responses >= 400 and refused remote requests. */
  problems: string[];
}

/**
 * Records everything that went wrong on a page. Every request that leaves the loopback server (or disk)
 * is refused and recorded: a page of the site must load nothing remote.
 */
export async function watch(page: Page, expectedStatus: (url: string) => number = () => 200): Promise<Watched> {
  const problems: string[] = [];
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === 'file:' || url.hostname === '127.0.0.1') return route.continue();
    problems.push(`remote request: ${url.href}`);
    return route.abort('blockedbyclient');
  });
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`failed request: ${request.url()} (${request.failure()?.errorText})`));
  page.on('response', (response) => {
    if (response.status() !== expectedStatus(response.url())) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return { problems };
}
