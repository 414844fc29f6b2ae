// Study mode, all in the reader's browser: a switch that hides the answers until revealed, a mark per
// question ("Known" or "Again") kept in localStorage (never sent anywhere: the site has no server), the
// progress of each topic on the hub and in the sidebar, and a shuffled run through a topic, one question at a
// time. It is built by the script, so a page without JavaScript shows no control that does nothing; it needs
// no network and works from file:// (where every page shares one origin, hence a key per site).

export const STUDY_KEY = 'mlq-study';

/** Part of assets/page.js. */
export const STUDY_SCRIPT = `(function () {
  'use strict';
  var root = document.documentElement;
  var KEY = ${JSON.stringify(STUDY_KEY)} + ':' + (document.body.dataset.site || '');
  var memory = null;
  function load() {
    if (memory) return memory;
    var data = null;
    try { data = JSON.parse(localStorage.getItem(KEY) || 'null'); } catch (e) { /* refused or not ours: start anew */ }
    memory = data && typeof data === 'object' && data.marks && typeof data.marks === 'object' ? data : { on: false, marks: {} };
    return memory;
  }
  function save() {
    try { localStorage.setItem(KEY, JSON.stringify(memory)); } catch (e) { /* refused: progress lasts for this page */ }
  }
  function marksOf(topic) {
    var marks = load().marks[topic];
    return marks && typeof marks === 'object' ? marks : {};
  }
  function summary(topic, total) {
    var marks = marksOf(topic);
    var known = 0, again = 0;
    Object.keys(marks).forEach(function (id) { if (marks[id] === 'known') known++; else if (marks[id] === 'again') again++; });
    return { known: known, again: again, total: total };
  }
  function describe(s) {
    return s.known + ' of ' + s.total + ' known' + (s.again ? ', ' + s.again + ' to see again' : '');
  }
  // Progress beside every topic link that says how many questions it has (hub and sidebar).
  function showProgress() {
    Array.prototype.forEach.call(document.querySelectorAll('a[data-topic][data-total]'), function (link) {
      var s = summary(link.dataset.topic, Number(link.dataset.total));
      var badge = link.nextElementSibling && link.nextElementSibling.classList.contains('study-progress') ? link.nextElementSibling : null;
      if (s.known + s.again === 0) { if (badge) badge.remove(); return; }
      if (!badge) {
        badge = document.createElement('span');
        badge.className = 'study-progress';
        link.after(badge);
      }
      badge.textContent = ' ' + describe(s);
    });
  }
  showProgress();
  window.addEventListener('storage', function (event) { if (event.key === KEY) { memory = null; showProgress(); } });

  var main = document.querySelector('main[data-topic]');
  if (!main) return;
  var topic = main.dataset.topic;
  var articles = Array.prototype.slice.call(main.querySelectorAll('article.question'));
  if (articles.length === 0) return;
  var ids = articles.map(function (a) { return a.id; });
  // Marks of questions no longer on the page are dropped: the counts are of this page's questions.
  var kept = {};
  var stored = marksOf(topic);
  ids.forEach(function (id) { if (stored[id] === 'known' || stored[id] === 'again') kept[id] = stored[id]; });
  load().marks[topic] = kept;

  function button(label, className) {
    var b = document.createElement('button');
    b.type = 'button';
    b.className = className;
    b.textContent = label;
    return b;
  }

  var bar = document.createElement('section');
  bar.className = 'study-bar';
  bar.setAttribute('aria-label', 'Study');
  var switchLabel = document.createElement('label');
  switchLabel.className = 'study-switch';
  var toggle = document.createElement('input');
  toggle.type = 'checkbox';
  toggle.id = '_study';
  toggle.setAttribute('role', 'switch');
  switchLabel.append(toggle, ' Study mode (hide the answers)');
  var status = document.createElement('p');
  status.className = 'study-status';
  status.setAttribute('role', 'status');
  var runButton = button('Shuffled run', 'study-run');
  var runStatus = document.createElement('p');
  runStatus.className = 'run-status';
  runStatus.hidden = true;
  var nextButton = button('Next question', 'run-next');
  var endButton = button('End the run', 'run-end');
  nextButton.hidden = endButton.hidden = true;
  bar.append(switchLabel, status, runButton, runStatus, nextButton, endButton);
  var lede = main.querySelector('.lede');
  (lede || main.querySelector('h1')).after(bar);

  function update() {
    var marks = load().marks[topic];
    articles.forEach(function (article) {
      var mark = marks[article.id] || '';
      article.dataset.mark = mark;
      article.querySelector('.mark-known').setAttribute('aria-pressed', String(mark === 'known'));
      article.querySelector('.mark-again').setAttribute('aria-pressed', String(mark === 'again'));
    });
    Array.prototype.forEach.call(document.querySelectorAll('a[data-id]'), function (link) { link.dataset.mark = marks[link.dataset.id] || ''; });
    status.textContent = describe(summary(topic, ids.length)) + '.';
    showProgress();
  }

  function reveal(article, shown) {
    article.classList.toggle('concealed', !shown);
    var b = article.querySelector('.reveal');
    b.setAttribute('aria-expanded', String(shown));
    b.textContent = shown ? 'Hide the answer' : 'Show the answer';
  }

  articles.forEach(function (article) {
    var controls = document.createElement('div');
    controls.className = 'study-controls';
    var show = button('Show the answer', 'reveal');
    show.setAttribute('aria-expanded', 'true');
    var known = button('Known', 'mark-known');
    var again = button('Again', 'mark-again');
    controls.append(show, known, again);
    article.querySelector('h2').after(controls);
    show.addEventListener('click', function () { reveal(article, article.classList.contains('concealed')); });
    function setMark(mark) {
      var marks = load().marks[topic];
      if (marks[article.id] === mark) delete marks[article.id]; else marks[article.id] = mark;
      save();
      update();
      if (run && marks[article.id]) step(1);
    }
    known.addEventListener('click', function () { setMark('known'); });
    again.addEventListener('click', function () { setMark('again'); });
  });

  function setStudying(on) {
    root.classList.toggle('studying', on);
    toggle.checked = on;
    articles.forEach(function (article) { reveal(article, !on); });
  }
  toggle.addEventListener('change', function () {
    load().on = toggle.checked;
    save();
    setStudying(toggle.checked);
    if (!toggle.checked && run) endRun();
  });

  // A shuffled run: the questions not yet known (all, once every one is), one at a time.
  var run = null;
  function shuffled(list) {
    var out = list.slice();
    for (var i = out.length - 1; i > 0; i--) { var j = Math.floor(Math.random() * (i + 1)); var t = out[i]; out[i] = out[j]; out[j] = t; }
    return out;
  }
  function showRun() {
    var done = run.at >= run.order.length;
    articles.forEach(function (article) { article.classList.toggle('run-off', done || article.id !== run.order[run.at]); });
    runStatus.hidden = false;
    nextButton.hidden = done;
    runStatus.textContent = done ? 'Run done: ' + describe(summary(topic, ids.length)) + '.' : 'Question ' + (run.at + 1) + ' of ' + run.order.length;
    if (!done) {
      var article = document.getElementById(run.order[run.at]);
      reveal(article, false);
      bar.scrollIntoView({ block: 'start' });
      article.querySelector('.reveal').focus({ preventScroll: true });
    } else {
      endButton.focus();
    }
  }
  function step(by) { run.at += by; showRun(); }
  function endRun() {
    run = null;
    root.classList.remove('running');
    articles.forEach(function (article) { article.classList.remove('run-off'); });
    runStatus.hidden = nextButton.hidden = endButton.hidden = true;
    runButton.hidden = false;
    runButton.focus();
  }
  runButton.addEventListener('click', function () {
    var marks = load().marks[topic];
    var open = ids.filter(function (id) { return marks[id] !== 'known'; });
    run = { order: shuffled(open.length ? open : ids), at: 0 };
    if (!toggle.checked) { load().on = true; save(); setStudying(true); }
    root.classList.add('running');
    runButton.hidden = true;
    endButton.hidden = false;
    showRun();
  });
  nextButton.addEventListener('click', function () { step(1); });
  endButton.addEventListener('click', endRun);
  // Space reveals the question of a run when no control has the focus.
  document.addEventListener('keydown', function (event) {
    if (!run || event.key !== ' ' || run.at >= run.order.length) return;
    if (event.target.closest && event.target.closest('button, a, input, select, textarea, [contenteditable]')) return;
    event.preventDefault();
    reveal(document.getElementById(run.order[run.at]), true);
  });

  setStudying(load().on === true);
  update();
})();
`;
