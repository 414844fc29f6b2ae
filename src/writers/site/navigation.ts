// Finding one's way in a topic page: the list of its questions at its top, a sidebar of the topics and of the
// page's questions (sticky beside the text on a wide screen; a menu behind a button on a phone), a header that
// stays, and "back to top". The markup works without JavaScript (the sidebar then follows the text on a
// phone); NAV_SCRIPT adds the phone menu and marks, as the page scrolls, the question being read.
import type { Element } from 'hast';
import { numberLabel, type Question } from '../../model.js';
import { hastToText } from '../../read/markdown.js';
import { el, type Child } from '../shared/hast.js';
import type { TopicPage } from './plan.js';

export const SIDEBAR_ID = '_sidebar';

export const questionLabel = (q: Question): string => `${numberLabel(q)}. ${hastToText(q.titleTree).replace(/\s+/g, ' ') || `Question ${numberLabel(q)}`}`;

const questionLinks = (topic: TopicPage, page: string): Element =>
  el(
    'ul',
    { className: ['question-index'] },
    topic.questions.map((q) => el('li', {}, [el('a', { href: `${page}#${q.id}`, dataId: q.id }, [questionLabel(q)])])),
  );

/** The page's questions, as the page opens: "N questions on this page". */
export function questionList(topic: TopicPage): Element {
  const n = topic.questions.length;
  return el('nav', { className: ['on-page'], ariaLabelledby: '_on-page-title' }, [
    el('h2', { id: '_on-page-title' }, [`${n} question${n === 1 ? '' : 's'} on this page`]),
    questionLinks(topic, ''),
  ]);
}

/** A topic's link (`href`: to its page from the page it is on), with what study mode needs to show its progress (assets/page.js fills it in). */
export const topicLink = (topic: TopicPage, href: string, current: boolean): Element =>
  el('a', { href, dataTopic: topic.slug, dataTotal: topic.questions.length, ...(current ? { ariaCurrent: 'page' } : {}) }, [topic.title]);

/** The sidebar: every topic (grouped by bank where a bank has several), and under the current one its questions. */
export function sidebar(topics: readonly TopicPage[], current: TopicPage, bankTitle: (topic: TopicPage) => string, hrefOf: (topic: TopicPage) => string): Element {
  const item = (topic: TopicPage): Element =>
    el('li', {}, [topicLink(topic, hrefOf(topic), topic === current), topic === current ? questionLinks(topic, '') : null]);
  const banks = [...new Set(topics.map((topic) => topic.bankNumber))];
  const items: Child[] = banks.flatMap((bank) => {
    const own = topics.filter((topic) => topic.bankNumber === bank);
    if (own.length === 1) return [item(own[0]!)];
    return [el('li', {}, [el('span', { className: ['sidebar-bank'] }, [bankTitle(own[0]!)]), el('ul', {}, own.map(item))])];
  });
  return el('nav', { className: ['sidebar'], id: SIDEBAR_ID, ariaLabelledby: '_sidebar-title' }, [
    el('h2', { id: '_sidebar-title', className: ['sidebar-title'] }, ['Topics']),
    el('ul', { className: ['sidebar-topics'] }, items),
  ]);
}

/**
 * "Back to top": at the end of the text without JavaScript, floating at the corner once scrolled with it.
 * "#" is the top of the document (HTML's rule for an empty fragment): the header, which stays, cannot be.
 */
export const backToTop = (): Element => el('p', { className: ['to-top'] }, [el('a', { href: '#' }, ['Back to top'])]);

/** The phone's menu button: hidden until NAV_SCRIPT shows it, so a page without JavaScript has no dead control. */
export const menuButton = (): Element =>
  el('button', { type: 'button', className: ['menu-button'], id: '_menu', hidden: true, ariaControls: [SIDEBAR_ID], ariaExpanded: 'false' }, ['Menu']);

/** Part of assets/page.js. */
export const NAV_SCRIPT = `(function () {
  'use strict';
  var root = document.documentElement;
  var header = document.querySelector('.site-header');
  // The header stays at the top: jumps to an anchor land below it.
  function measure() { if (header) root.style.setProperty('--header-height', header.offsetHeight + 'px'); }
  measure();
  window.addEventListener('resize', measure);

  var toTop = document.querySelector('.to-top');
  if (toTop) {
    var floating = function () { toTop.classList.toggle('floating', window.scrollY > window.innerHeight); };
    floating();
    window.addEventListener('scroll', floating, { passive: true });
  }

  var sidebar = document.getElementById(${JSON.stringify(SIDEBAR_ID)});
  var button = document.getElementById('_menu');
  if (!sidebar) return;
  root.classList.add('has-menu');
  if (button) {
    var setOpen = function (open) {
      sidebar.classList.toggle('open', open);
      button.setAttribute('aria-expanded', String(open));
      button.textContent = open ? 'Close menu' : 'Menu';
    };
    button.hidden = false;
    button.addEventListener('click', function () {
      var open = !sidebar.classList.contains('open');
      setOpen(open);
      if (open) { var link = sidebar.querySelector('[aria-current]') || sidebar.querySelector('a'); if (link) link.focus(); }
    });
    sidebar.addEventListener('click', function (event) { if (event.target.closest('a')) setOpen(false); });
    document.addEventListener('keydown', function (event) {
      if (event.key === 'Escape' && sidebar.classList.contains('open')) { setOpen(false); button.focus(); }
    });
  }

  // The question being read: the last one whose top has passed under the header.
  var links = {};
  Array.prototype.forEach.call(sidebar.querySelectorAll('a[data-id]'), function (link) { links[link.dataset.id] = link; });
  var articles = Array.prototype.filter.call(document.querySelectorAll('article.question'), function (a) { return links[a.id]; });
  if (articles.length === 0) return;
  var current = null;
  var pending = false;
  function mark() {
    pending = false;
    var line = (header ? header.offsetHeight : 0) + 16;
    var reading = null;
    for (var i = 0; i < articles.length; i++) {
      if (articles[i].offsetParent === null) continue;
      if (articles[i].getBoundingClientRect().top <= line) reading = articles[i]; else break;
    }
    var link = reading ? links[reading.id] : null;
    if (link === current) return;
    if (current) current.removeAttribute('aria-current');
    current = link;
    if (!link) return;
    link.setAttribute('aria-current', 'location');
    // Keep it in view inside the sidebar, without scrolling the page.
    var top = link.getBoundingClientRect().top - sidebar.getBoundingClientRect().top + sidebar.scrollTop;
    if (top < sidebar.scrollTop || top + link.offsetHeight > sidebar.scrollTop + sidebar.clientHeight) sidebar.scrollTop = top - sidebar.clientHeight / 3;
  }
  window.addEventListener('scroll', function () { if (!pending) { pending = true; requestAnimationFrame(mark); } }, { passive: true });
  window.addEventListener('hashchange', mark);
  mark();
})();
`;
