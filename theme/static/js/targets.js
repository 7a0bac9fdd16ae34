// 目标与进展: sort the table by the site's ratio or by division. Without this script the
// table reads in report order and loses nothing; it only adds a button to two headings.
(function () {
  'use strict';
  var RATIO = /=\s*([0-9]+(?:\.[0-9]+)?)%/;

  function ratioOf(cell) {
    var m = RATIO.exec(cell.textContent);
    return m ? parseFloat(m[1]) : null;
  }

  function compare(kind, column, direction) {
    return function (a, b) {
      var x = a.cells[column], y = b.cells[column];
      if (kind === 'ratio') {
        var p = ratioOf(x), q = ratioOf(y);
        if (p === null || q === null) { return p === q ? 0 : p === null ? 1 : -1; } // no ratio: always last
        return direction * (p - q);
      }
      return direction * x.textContent.trim().localeCompare(y.textContent.trim(), 'zh-CN');
    };
  }

  function enhance(wrap) {
    var table = wrap.querySelector('table');
    if (!table || !table.tBodies.length) { return; }
    var body = table.tBodies[0];
    var original = Array.prototype.slice.call(body.rows);
    var heads = table.tHead.rows[0].cells;
    [['ratio', wrap.dataset.ratioColumn], ['text', wrap.dataset.divisionColumn]].forEach(function (spec) {
      var column = parseInt(spec[1], 10) - 1;
      var th = heads[column];
      if (!th) { return; }
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'sort';
      button.textContent = th.textContent;
      th.textContent = '';
      th.appendChild(button);
      button.addEventListener('click', function () {
        var next = th.getAttribute('aria-sort') === 'descending' ? 'ascending' : 'descending';
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', next);
        var rows = original.slice().sort(compare(spec[0], column, next === 'ascending' ? 1 : -1));
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
    var reset = document.createElement('button');
    reset.type = 'button';
    reset.className = 'sort-reset';
    reset.textContent = '按报告顺序';
    reset.addEventListener('click', function () {
      Array.prototype.forEach.call(heads, function (h) { h.removeAttribute('aria-sort'); });
      original.forEach(function (row) { body.appendChild(row); });
    });
    wrap.insertBefore(reset, wrap.firstChild);
  }

  document.querySelectorAll('.targets-table').forEach(enhance);
}());
