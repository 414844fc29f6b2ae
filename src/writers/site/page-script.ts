// What every page does with JavaScript besides search: the theme switch (light, dark or the system's, kept in
// localStorage) and a copy button on code blocks. THEME_BOOT runs inline in <head>, before the first paint,
// so a chosen theme never flashes the other one.

export const THEME_KEY = 'mlq-theme';

export const THEME_BOOT = `try{var t=localStorage.getItem(${JSON.stringify(THEME_KEY)});if(t==='light'||t==='dark')document.documentElement.dataset.theme=t}catch(e){}`;

/** assets/page.js */
export const PAGE_SCRIPT = `(function () {
  'use strict';
  var KEY = ${JSON.stringify(THEME_KEY)};
  var root = document.documentElement;
  var select = document.getElementById('_theme');
  var form = document.getElementById('_theme-form');
  if (select && form) {
    select.value = root.dataset.theme || 'system';
    select.addEventListener('change', function () {
      var value = select.value;
      if (value === 'light' || value === 'dark') root.dataset.theme = value;
      else delete root.dataset.theme;
      try {
        if (value === 'system') localStorage.removeItem(KEY);
        else localStorage.setItem(KEY, value);
      } catch (e) { /* storage refused: the choice lasts for this page */ }
    });
    form.hidden = false;
  }
  function selectText(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }
  Array.prototype.forEach.call(document.querySelectorAll('pre > code'), function (code) {
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'copy';
    button.textContent = 'Copy';
    button.setAttribute('aria-label', 'Copy the code');
    var status = document.createElement('span');
    status.className = 'copy-status';
    status.setAttribute('role', 'status');
    button.addEventListener('click', function () {
      var done = function (message) { status.textContent = message; setTimeout(function () { status.textContent = ''; }, 2000); };
      var fallback = function () { selectText(code); done('Selected: press Ctrl+C to copy'); };
      if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(code.textContent).then(function () { done('Copied'); }, fallback);
      else fallback();
    });
    var bar = document.createElement('div');
    bar.className = 'code-bar';
    bar.appendChild(status);
    bar.appendChild(button);
    code.parentNode.parentNode.insertBefore(bar, code.parentNode);
  });
})();
`;
