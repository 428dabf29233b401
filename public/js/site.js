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
/* == regions picker & suggestion (issue 18 B) == */
// The picker filters live as you type (the rule of `?q=`: folded names, any part of one); links to the picker
// carry the #section being read; a banner offers the site the visitor's choice or languages point to (/api/suggest).
(function () {
  var marks;
  try {
    marks = new RegExp('\\p{M}', 'gu');
  } catch (e) {
    return;
  }
  function fold(text) {
    return text.normalize('NFKD').replace(marks, '').toLowerCase().replace(/\|/g, ' ').replace(/\s+/g, ' ').trim();
  }
  function section() {
    return /^#[a-z0-9-]{1,64}$/.test(location.hash) ? location.hash.slice(1) : '';
  }
  var form = document.querySelector('[data-region-filter]');
  if (form) {
    var field = form.querySelector('input[name=q]');
    var none = document.querySelector('[data-none]');
    // Every site's names in every language, fetched once (until then, the names on the page).
    var names = null;
    var asked = false;
    var filter = function () {
      var q = fold(field.value.slice(0, 100));
      var shown = 0;
      Array.prototype.forEach.call(document.querySelectorAll('.selector__group'), function (group) {
        var any = false;
        Array.prototype.forEach.call(group.querySelectorAll('li[data-site]'), function (li) {
          var keys = (names && names[li.getAttribute('data-site')]) || fold(li.textContent);
          li.hidden = q !== '' && keys.indexOf(q) < 0;
          if (!li.hidden) any = true;
        });
        group.hidden = !any;
        if (any) shown++;
      });
      if (none) none.hidden = shown > 0;
    };
    var load = function () {
      if (asked || !window.fetch) return;
      asked = true;
      fetch('/api/region-names')
        .then(function (r) {
          return r.json();
        })
        .then(function (data) {
          names = data;
          filter();
        })
        .catch(function () {});
    };
    field.addEventListener('focus', load);
    field.addEventListener('input', function () {
      load();
      filter();
    });
  }
  // At click time: the section is the one being read then (the contents change the hash).
  document.addEventListener('click', function (event) {
    var a = event.target.closest && event.target.closest('a[href]');
    var id = section();
    if (!a || !id || a.origin !== location.origin) return;
    var url = new URL(a.href);
    if (/\/regions$/.test(url.pathname)) url.searchParams.set('section', id);
    else if (a.className === 'suggest__link') url.hash = id;
    else return;
    a.href = url.pathname + url.search + url.hash;
  });
  var path = location.pathname;
  var main = document.querySelector('main');
  if (!/^\/[a-z]{2}\/[a-z]{2}(\/|$)/.test(path) || !main || !window.fetch) return;
  fetch('/api/suggest?path=' + encodeURIComponent(path), { credentials: 'same-origin' })
    .then(function (r) {
      return r.ok ? r.json() : {};
    })
    .then(function (data) {
      var s = data.suggestion;
      var key = s && 'suggest-dismissed:' + s.site;
      try {
        if (!s || localStorage.getItem(key)) return;
      } catch (e) {
        if (!s) return;
      }
      function el(tag, cls, text) {
        var node = document.createElement(tag);
        node.className = cls;
        if (text) node.textContent = text;
        return node;
      }
      var box = el('div', 'suggest');
      box.setAttribute('role', 'region');
      box.setAttribute('aria-label', s.label);
      box.lang = s.lang;
      box.dir = s.dir;
      var text = el('p', 'suggest__text', s.text + (/：$/.test(s.text) ? '' : ' '));
      var link = el('a', 'suggest__link', s.name);
      link.href = s.href;
      text.appendChild(link);
      var close = el('button', 'suggest__dismiss', s.dismiss);
      close.type = 'button';
      close.addEventListener('click', function () {
        try {
          localStorage.setItem(key, '1');
        } catch (e) {
          /* not remembered: private mode */
        }
        box.remove();
      });
      box.appendChild(text);
      box.appendChild(close);
      main.parentNode.insertBefore(box, main);
    })
    .catch(function () {});
})();
