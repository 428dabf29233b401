// Optional enhancement: every feature works without this file.
// Opening one mega-menu closes the others; Escape closes the open one; "Print this page" prints.
(function () {
  var menus = Array.prototype.slice.call(document.querySelectorAll('details[data-menu]'));
  menus.forEach(function (menu) {
    menu.addEventListener('toggle', function () {
      if (!menu.open) return;
      menus.forEach(function (other) {
        if (other !== menu) other.open = false;
      });
    });
  });
  document.addEventListener('keydown', function (event) {
    if (event.key !== 'Escape') return;
    menus.forEach(function (menu) {
      if (!menu.open) return;
      menu.open = false;
      var summary = menu.querySelector('summary');
      if (summary) summary.focus();
    });
  });
  document.addEventListener('click', function (event) {
    menus.forEach(function (menu) {
      if (menu.open && !menu.contains(event.target)) menu.open = false;
    });
  });
  // Without ::details-content support, the header menu and footer columns are opened on wide screens.
  if (window.CSS && !CSS.supports('selector(::details-content)') && matchMedia('(min-width: 37.5em)').matches) {
    Array.prototype.forEach.call(document.querySelectorAll('.site-header__menu, .site-footer__column'), function (d) {
      d.open = true;
    });
  }
  var print = document.querySelector('[data-print]');
  if (print) {
    print.parentNode.hidden = false;
    print.addEventListener('click', function () {
      window.print();
    });
  }
  // The statement's contents mark the section being read (the contents themselves stay in view by CSS alone).
  var toc = document.querySelector('.statement__body > .toc');
  if (toc && 'IntersectionObserver' in window) {
    var links = {};
    Array.prototype.forEach.call(toc.querySelectorAll('a[href^="#"]'), function (a) {
      links[a.getAttribute('href').slice(1)] = a;
    });
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (!entry.isIntersecting || !links[entry.target.id]) return;
        Object.keys(links).forEach(function (id) {
          links[id].removeAttribute('aria-current');
        });
        links[entry.target.id].setAttribute('aria-current', 'location');
      });
    }, { rootMargin: '0px 0px -70% 0px' });
    Array.prototype.forEach.call(document.querySelectorAll('.statement__section[id]'), function (section) {
      observer.observe(section);
    });
  }
})();
