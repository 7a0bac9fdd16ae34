// Search with Pagefind's JavaScript API; results grouped by kind (报告, 任务, 处室, 文件).
// The index comes in bundles (one per year, one for divisions and documents, listed in
// pagefind/bundles.json): the first is loaded, the others merged into it.
// Pages stay readable without this script: the search page then points to the indexes.
(function () {
  "use strict";
  var KINDS = ["报告", "任务", "处室", "文件"];
  var script = document.currentScript;
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var results = document.getElementById("search-results");
  var selects = { report: document.getElementById("search-report"), division: document.getElementById("search-division") };
  var manifest = new URL(script.getAttribute("data-bundles"), document.baseURI).href;
  form.hidden = false;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) node.textContent = text;
    return node;
  }

  function load() {
    return fetch(manifest).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    }).then(function (list) {
      if (!list.bundles.length) throw new Error("no bundles");  // a site without reports
      // Paths, not full URLs, and the site's root as every bundle's base: results link within the site.
      var paths = list.bundles.map(function (b) { return new URL(b.name + "/", manifest).pathname; });
      var options = { excerptLength: 40, baseUrl: new URL("../", manifest).pathname };
      return import(paths[0] + "pagefind.js").then(function (pagefind) {
        return Promise.resolve(pagefind.options(options)).then(function () {
          return Promise.all(paths.slice(1).map(function (path) { return pagefind.mergeIndex(path, options); }));
        }).then(function () { return pagefind; });
      });
    });
  }

  load().then(function (pagefind) {
    return pagefind.filters().then(function (filters) {
      Object.keys(selects).forEach(function (name) {
        Object.keys(filters[name] || {}).sort().forEach(function (value) {
          selects[name].appendChild(el("option", { value: value }, value));
        });
      });
      var params = new URLSearchParams(location.search);
      Object.keys(selects).forEach(function (name) { if (params.get(name)) selects[name].value = params.get(name); });
      if (params.get("q")) { input.value = params.get("q"); run(pagefind); }
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var params = new URLSearchParams();
      params.set("q", input.value);
      Object.keys(selects).forEach(function (name) { if (selects[name].value) params.set(name, selects[name].value); });
      history.replaceState(null, "", "?" + params.toString());
      run(pagefind);
    });
  }).catch(function () {
    status.textContent = "搜索索引未能加载。请从信息公开目录、全部任务或处室页面查找。";
  });

  function run(pagefind) {
    var query = input.value.trim();
    results.textContent = "";
    if (!query) { status.textContent = "请输入要搜索的词。"; return; }
    var filters = {};
    Object.keys(selects).forEach(function (name) { if (selects[name].value) filters[name] = selects[name].value; });
    status.textContent = "正在搜索……";
    pagefind.search(query, { filters: filters }).then(function (search) {
      if (!search || !search.results.length) {
        status.textContent = "没有找到与“" + query + "”相关的内容。";
        return;
      }
      return Promise.all(search.results.slice(0, 60).map(function (r) { return r.data(); })).then(function (items) {
        status.textContent = "找到 " + search.results.length + " 个结果。";
        KINDS.forEach(function (kind) {
          var mine = items.filter(function (d) { return (d.filters.kind || [])[0] === kind; });
          if (!mine.length) return;
          var section = el("section", { "class": "search-group", "data-kind": kind });
          section.appendChild(el("h2", {}, kind + "（" + mine.length + "）"));
          var list = el("ol", { "class": "search-list" });
          mine.forEach(function (d) {
            var li = el("li");
            var link = el("a", { href: d.url }, d.meta.title || d.url);
            li.appendChild(link);
            var excerpt = el("p", { "class": "excerpt" });
            excerpt.innerHTML = d.excerpt; // Pagefind escapes page text; only its <mark> is markup
            li.appendChild(excerpt);
            list.appendChild(li);
          });
          section.appendChild(list);
          results.appendChild(section);
        });
      });
    });
  }
})();
