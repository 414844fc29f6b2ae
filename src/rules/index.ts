import { answerOnlyLink } from './answer-only-link.js';
import { duplicateNumber } from './duplicate-number.js';
import { duplicateQuestion } from './duplicate-question.js';
import { emptyQuestionTitle } from './empty-question-title.js';
import { generatedText } from './generated-text.js';
import { idChanged } from './id-changed.js';
import { idCollision } from './id-collision.js';
import { insecureLink } from './insecure-link.js';
import { malformedQuestionHeading } from './malformed-question-heading.js';
import { mathSyntax } from './math-syntax.js';
import { mixedHeadingDepth } from './mixed-heading-depth.js';
import { noAnswer } from './no-answer.js';
import { noSource } from './no-source.js';
import { numberingGap } from './numbering-gap.js';
import { numberingOrder } from './numbering-order.js';
import { numberingStart } from './numbering-start.js';
import { questionRemoved } from './question-removed.js';
import { titleCount } from './title-count.js';
import { unplacedContent } from './unplaced-content.js';
import { unsafeLink } from './unsafe-link.js';
import type { Rule } from './rule.js';

export type { Rule, Finding } from './rule.js';

export const RULES: readonly Rule[] = [
  duplicateNumber,
  numberingGap,
  numberingOrder,
  numberingStart,
  mixedHeadingDepth,
  titleCount,
  noAnswer,
  answerOnlyLink,
  noSource,
  duplicateQuestion,
  insecureLink,
  idCollision,
  malformedQuestionHeading,
  unplacedContent,
  emptyQuestionTitle,
  unsafeLink,
  mathSyntax,
  generatedText,
  idChanged,
  questionRemoved,
];
