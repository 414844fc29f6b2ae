import { bookLinks } from '../links/collect.js';
import type { Rule } from './rule.js';

export const insecureLink: Rule = {
  id: 'insecure-link',
  severity: 'info',
  description: 'A link uses http:// where https:// would do.',
  hint: 'Use https:// if the site serves it.',
  check: (book) =>
    bookLinks(book)
      .filter((link) => /^http:\/\//i.test(link.url))
      .map((link) => ({ ...link, message: `Insecure link ${link.url}.` })),
};
