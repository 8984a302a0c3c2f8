// Leaf & Cup: the product page's Description / Reviews tabs.
// Without this script the tabs are ordinary links and the server renders the chosen tab; with it they
// switch in place and record the change with history.pushState, like a single-page app.
(function () {
  'use strict';
  var tabs = Array.prototype.slice.call(document.querySelectorAll('.tabs [data-tab]'));
  if (tabs.length === 0) {
    return;
  }

  function tabFromLocation() {
    return new URLSearchParams(window.location.search).get('tab') === 'reviews' ? 'reviews' : 'description';
  }

  function show(name) {
    tabs.forEach(function (tab) {
      var active = tab.dataset.tab === name;
      tab.classList.toggle('active', active);
      tab.setAttribute('aria-selected', String(active));
      var panel = document.getElementById('panel-' + tab.dataset.tab);
      if (panel) {
        panel.hidden = !active;
      }
    });
  }

  tabs.forEach(function (tab) {
    tab.addEventListener('click', function (event) {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
        return; // let the browser open a new tab or window
      }
      event.preventDefault();
      var name = tab.dataset.tab;
      if (name !== tabFromLocation()) {
        window.history.pushState({ tab: name }, '', tab.getAttribute('href'));
      }
      show(name);
    });
  });

  window.addEventListener('popstate', function () {
    show(tabFromLocation());
  });
})();
