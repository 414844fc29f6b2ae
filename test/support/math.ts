// A bank with math in every place it can stand, for the tests of each output.
export const MATH_BANK = [
  '# Math bank', // 1
  '',
  'The intro has $e^{i\\pi} + 1 = 0$ in it.', // 3
  '',
  '#### 1) What is $\\sqrt{x}$? [[src]](https://example.org/a)', // 5
  '',
  'Inline $a < b \\land c > d$ and a price of $5 and $10.', // 7
  '',
  '$$', // 9
  '\\sum_{i=1}^{n} i = \\frac{n(n+1)}{2}',
  '$$',
  '',
  '```math', // 13
  '\\int_0^1 x^2 \\, dx',
  '```',
  '',
  '- a list item with $\\alpha_i$', // 17
  '',
  '| x | y |',
  '|---|---|',
  '| $x^2$ | $\\href{javascript:alert(1)}{y}$ |', // 21
  '',
  'Broken $\\frac{1}{$ stays readable.', // 23
  '',
  '## Topic', // 25
  '',
  'The topic\'s intro has $\\beta^2$ and a sub-head:', // 27
  '',
  '#### Notation', // 29
  '',
  '$$\\gamma_k$$', // 31
  '',
  '#### 2) Why?', // 33
  '',
  'Because.',
  '',
].join('\n');

/** Every TeX of MATH_BANK, as written (not a rendering of any of them may reach a text layer or a card as-is with its dollars). */
export const MATH_TEX = ['e^{i\\pi} + 1 = 0', '\\sqrt{x}', 'a < b \\land c > d', '\\sum_{i=1}^{n}', '\\int_0^1', '\\alpha_i', 'x^2', '\\beta^2', '\\gamma_k'];
