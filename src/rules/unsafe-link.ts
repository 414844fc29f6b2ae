import type { Rule } from './rule.js';

export const unsafeLink: Rule = {
  id: 'unsafe-link',
  severity: 'error',
  description: 'A link uses a scheme such as javascript: or data:, which no output carries.',
  hint: 'Link to an http(s) page instead.',
  check: (book) =>
    book.banks.flatMap((bank) =>
      bank.unsafeLinks.map((link) => ({ ...link, message: `Unsafe link "${link.url.length > 60 ? `${link.url.slice(0, 57)}...` : link.url}" is left out of every output.` })),
    ),
};
