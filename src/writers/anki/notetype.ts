// The deck's own note type: its fields, card template and styling. deck.apkg brings it into a collection, and
// deck.csv names it (`#notetype:`), so both fill the same note type in an Anki of any language.

/** The note type's fields, in order: the CSV's field columns follow it. */
export const NOTE_FIELDS = ['Front', 'Back', 'Number'] as const;

export const CARD_TEMPLATE = { name: 'Card 1', front: '{{Front}}', back: '{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}' };

/** The class of the paragraph that lists a card's sources, which the styling sets smaller. */
export const SOURCES_CLASS = 'sources';

/**
 * Named after the top deck: a name no Anki translates, unlike its own "Basic" ("Einfach" in a German Anki).
 * deck.csv writes it on a header line, which a spreadsheet splits into cells like any other: without the
 * separators a spreadsheet may use, the line stays one cell, which starts with "#" and so never runs as a
 * formula. The top deck has no control characters (notes.ts), so no line break either.
 */
export const noteTypeName = (topDeck: string): string => `Basic (${topDeck.replace(/[,;"]+/g, ' ').replace(/\s+/g, ' ').trim()})`;

/*
 * Styling for a phone first. Code keeps its lines as written (`white-space: pre`) and scrolls sideways
 * inside its box: wrapped, a long line would continue at column 0 and read as wrong indentation. Sizes are
 * relative to the card's, so AnkiDroid's and AnkiMobile's text zoom scales code and sources too. Anki marks
 * night mode with the classes `nightMode` and `night_mode` on the card's body (aqt/theme.py, body_class),
 * AnkiDroid with `night_mode`; both are matched on the card itself and on an ancestor. Anki's own
 * `body.nightMode` colours are overridden (`.card.nightMode` is more specific), so that every background
 * here comes with its foreground.
 */
export const CARD_CSS = `.card {
  --mlq-text: #1c1c1e;
  --mlq-page: #ffffff;
  --mlq-muted: #5b5b60;
  --mlq-link: #0b57d0;
  --mlq-code-text: #1c1c1e;
  --mlq-code-page: #f2f2f4;
  --mlq-rule: #d0d0d6;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif;
  font-size: 20px;
  line-height: 1.5;
  text-align: left;
  color: var(--mlq-text);
  background-color: var(--mlq-page);
  overflow-wrap: break-word;
}
.card.nightMode, .card.night_mode, .nightMode .card, .night_mode .card {
  --mlq-text: #e8e8ea;
  --mlq-page: #2c2c2c;
  --mlq-muted: #a8a8b0;
  --mlq-link: #8ab4f8;
  --mlq-code-text: #e8e8ea;
  --mlq-code-page: #1e1e21;
  --mlq-rule: #48484e;
}
p, ul, ol, pre, table { margin: 0 0 0.75em; }
ul, ol { padding-left: 1.4em; }
li { margin-bottom: 0.25em; }
a { color: var(--mlq-link); }
hr#answer { border: none; border-top: 1px solid var(--mlq-rule); margin: 1em 0; }
code, pre {
  font-family: ui-monospace, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace;
  color: var(--mlq-code-text);
  background-color: var(--mlq-code-page);
  border-radius: 4px;
}
code { font-size: 0.85em; padding: 0.1em 0.3em; }
pre {
  font-size: 0.8em;
  line-height: 1.45;
  white-space: pre;
  overflow-x: auto;
  -webkit-overflow-scrolling: touch;
  tab-size: 4;
  padding: 0.6em 0.75em;
}
pre code { font-size: 1em; padding: 0; background: none; }
table { border-collapse: collapse; display: block; max-width: 100%; overflow-x: auto; }
th, td { border: 1px solid var(--mlq-rule); padding: 0.25em 0.5em; vertical-align: top; }
blockquote { margin: 0 0 0.75em; padding-left: 0.8em; border-left: 3px solid var(--mlq-rule); color: var(--mlq-muted); }
mjx-container[display="true"] { overflow-x: auto; overflow-y: hidden; }
/* A formula wider than a phone scrolls in its own box; an inline flex box keeps the formula's baseline. */
mjx-container:not([display="true"]) { display: inline-flex; max-width: 100%; overflow-x: auto; overflow-y: hidden; }
.${SOURCES_CLASS} { font-size: 0.75em; line-height: 1.4; color: var(--mlq-muted); margin-top: 1.2em; }
`;
