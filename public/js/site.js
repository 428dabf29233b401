// Optional enhancement: every feature works without this file.
// Opening one mega-menu closes the others; Escape, a click elsewhere or tabbing out closes the open one; "Print this page" prints.
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
  // Tabbing out of an open menu closes it where its panel is laid over the page and would cover what gets the
  // focus next (WCAG 2.4.11). In the phone drawer panels are in the flow: closing one there would move the page
  // under the finger that is tapping the next menu.
  menus.forEach(function (menu) {
    menu.addEventListener('focusout', function (event) {
      var next = event.relatedTarget;
      if (!menu.open || !next || menu.contains(next)) return;
      var panel = menu.querySelector('.mega__panel');
      if (panel && getComputedStyle(panel).position === 'absolute') menu.open = false;
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
  // A form sent back with errors: focus goes to the summary that lists them, so keyboard and screen-reader
  // users start there (without this file the summary is still read out: it has role="alert").
  var summary = document.querySelector('.error-summary');
  if (summary) summary.focus();
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

/* == support tools & 404 (issue 18 C) == */
// Copy buttons for line links; the contact page's customer choice without a reload; open/closed in the Support menu.
(function () {
  var all = function (s, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(s));
  };
  // Copy needs the clipboard API: the buttons stay hidden without it (the field holds the link all the same).
  var reveal = function () {
    if (navigator.clipboard)
      all('.copy').forEach(function (box) {
        box.hidden = false;
      });
  };
  reveal();
  document.addEventListener('click', function (event) {
    var button = event.target.closest && event.target.closest('[data-copy]');
    if (!button) return;
    var done = button.parentNode.querySelector('[data-copied]');
    navigator.clipboard.writeText(button.getAttribute('data-copy')).then(function () {
      done.textContent = done.getAttribute('data-copied');
      setTimeout(function () {
        done.textContent = '';
      }, 4000);
    });
  });
  // The customer's country: the page for it is fetched and its line links (and any message) taken over.
  var form = document.querySelector('[data-customer-links]');
  if (form && window.fetch && window.DOMParser) {
    form.elements['for'].addEventListener('change', function () {
      var url = form.action + '?for=' + encodeURIComponent(this.value);
      fetch(url)
        .then(function (r) {
          return r.text();
        })
        .then(function (html) {
          var page = new DOMParser().parseFromString(html, 'text/html');
          all('.deep-link[id], [data-customer-result]').forEach(function (here) {
            var there = page.querySelector(here.id ? '#' + here.id : '[data-customer-result]');
            if (there) here.innerHTML = there.innerHTML;
          });
          reveal();
          history.replaceState(null, '', url);
        });
    });
  }
  var panel = document.querySelector('[data-line-status]');
  if (!panel || !window.Intl) return;
  var lang = document.documentElement.lang;
  var text = function (name, time, day) {
    return panel.getAttribute('data-' + name).replace('{t}', time).replace('{d}', day);
  };
  var clock = function (hhmm) {
    var p = hhmm.split(':');
    return new Intl.DateTimeFormat(lang, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).format(Date.UTC(2024, 0, 1, +p[0], +p[1]));
  };
  // Worked out on load and again each time the menu opens: a page left open all day stays right.
  var update = function () {
    all('[data-schedule]', panel).forEach(show);
  };
  var show = function (status) {
    var data = JSON.parse(status.getAttribute('data-schedule'));
    var parts = {};
    new Intl.DateTimeFormat('en-US', { timeZone: data.z, weekday: 'short', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' })
      .formatToParts(new Date())
      .forEach(function (p) {
        parts[p.type] = p.value;
      });
    var today = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(parts.weekday);
    var now = ('0' + (parts.hour % 24)).slice(-2) + ':' + parts.minute;
    var result = text('closed', '', '');
    var open = false;
    for (var ahead = 7; ahead >= 0; ahead--) {
      var day = (today + ahead) % 7;
      data.h.forEach(function (h) {
        if (h[0].indexOf(day) < 0 || (ahead === 0 && h[2] <= now)) return;
        var inZone = function (hhmm) {
          return panel.getAttribute('data-time-in').replace('{t}', clock(hhmm)).replace('{z}', status.getAttribute('data-zone'));
        };
        if (ahead === 0 && h[1] <= now) {
          open = true;
          result = text('open', inZone(h[2]), '');
        } else if (!open) {
          var name = new Intl.DateTimeFormat(lang, { weekday: 'long', timeZone: 'UTC' }).format(Date.UTC(2024, 0, 7 + day));
          result = ahead === 0 ? text('today', inZone(h[1]), '') : text('on', inZone(h[1]), name);
        }
      });
    }
    status.textContent = result;
    status.className = 'status mega__status status--' + (open ? 'open' : 'closed');
    status.hidden = false;
  };
  update();
  panel.parentNode.addEventListener('toggle', update);
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
