import { perBank, shorten, type Rule } from './rule.js';

export const unsafeLink: Rule = {
  id: 'unsafe-link',
  severity: 'error',
  description: 'A link uses a scheme such as javascript: or data:, which no output carries.',
  hint: 'Link to an http(s) page instead.',
  check: perBank((bank) => bank.unsafeLinks.map((link) => ({ ...link, message: `Unsafe link "${shorten(link.url)}" is left out of every output.` }))),
};
