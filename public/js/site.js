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
})();
