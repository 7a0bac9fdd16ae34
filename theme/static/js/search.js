// Search with Pagefind's JavaScript API; results grouped by kind (报告, 任务, 处室, 文件).
// The index comes in bundles (one per three years, one for divisions and documents, listed
// in pagefind/bundles.json): the first is loaded, the others merged into it.
// Pages stay readable without this script: the search page then points to the indexes.
//
// The index holds bigram words (generator/index/text.py): a query is split the same way.
// Each run of letters and digits in it must occur in a page as written (a phrase of its
// bigrams; a single character as the start of a word); Pagefind's ranked search over all
// the words orders those pages, then a phrase in the title comes first, and within that, task
// and division pages, then documents, then reports (SPECIFIC): Pagefind scores each bundle by
// its own word counts, so its order across bundles (a task against a document's record) is
// no reading of which page is more specific and changes with how the bundles are cut.
(function () {
  "use strict";
  var KINDS = ["报告", "任务", "处室", "文件"];
  var SPECIFIC = { "任务": 0, "处室": 0, "文件": 1, "报告": 2 };  // see the top of this file
  var LANGUAGE = "und";  // generator/index/search.py LANGUAGE
  var SPACE = "\u2063", ORIGINAL = "~";  // generator/index/text.py
  var SHOWN = 60;  // results whose text is loaded and shown
  var script = document.currentScript;
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var results = document.getElementById("search-results");
  var selects = { report: document.getElementById("search-report"), division: document.getElementById("search-division"),
                  year: document.getElementById("search-year") };
  var manifest = new URL(script.getAttribute("data-bundles"), document.baseURI).href;
  form.hidden = false;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) node.textContent = text;
    return node;
  }

  function normal(text) { return text.normalize("NFKC").toLowerCase(); }

  // The query's runs of letters and digits, each an array of characters, in NFKC form.
  function runs(query) {
    return normal(query).split(/[^\p{L}\p{N}]+/u).filter(Boolean).map(function (run) { return Array.from(run); });
  }

  function pairs(run) {
    if (run.length === 1) return run;
    return run.slice(1).map(function (c, i) { return run[i] + c; });
  }

  // The text the index words were made from (generator/index/text.py, shown): the first
  // character of each word (of its original half), both of a pair that ends its run without
  // its last character alone after it (the next word starts with no letter or digit).
  function shown(indexed) {
    var list = (indexed || "").split(" ");
    return list.map(function (word, k) {
      if (word === SPACE) return " ";
      var chars = Array.from(word), at = chars.indexOf(ORIGINAL, 1);
      var half = at > 0 ? chars.slice(at + 1) : chars;
      var ends = half.length === 2 && !(k + 1 < list.length && /^[\p{L}\p{N}]/u.test(list[k + 1]));
      return ends ? half.join("") : half[0] || "";
    }).join("");
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
          // Pagefind takes the query's language from <html lang> when it starts, and would cut
          // a Chinese query into its own words; the index is LANGUAGE, so it starts under that.
          var html = document.documentElement, lang = html.getAttribute("lang");
          html.setAttribute("lang", LANGUAGE);
          try { pagefind.init(); } finally { html.setAttribute("lang", lang); }
          var merge = Object.assign({ language: LANGUAGE }, options);
          return Promise.all(paths.slice(1).map(function (path) { return pagefind.mergeIndex(path, merge); }));
        }).then(function () { return pagefind; });
      });
    });
  }

  load().then(function (pagefind) {
    return pagefind.filters().then(function (filters) {
      Object.keys(selects).forEach(function (name) {
        var values = Object.keys(filters[name] || {}).sort();
        // Years newest first, 日期未注明 (no digits) last: generator/write/common.py year_label.
        if (name === "year") values.sort(function (a, b) { return (/^\d/.test(b) - /^\d/.test(a)) || (a < b) - (a > b); });
        values.forEach(function (value) {
          selects[name].appendChild(el("option", { value: value }, value));
        });
      });
      var params = new URLSearchParams(location.search);
      Object.keys(selects).forEach(function (name) { if (params.get(name)) selects[name].value = params.get(name); });
      if (params.get("q")) { input.value = params.get("q"); run(pagefind); }
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var params = new URLSearchParams();
        params.set("q", input.value);
        Object.keys(selects).forEach(function (name) { if (selects[name].value) params.set(name, selects[name].value); });
        history.replaceState(null, "", "?" + params.toString());
        run(pagefind);
      });
    });
  }).catch(function () {
    status.textContent = "搜索索引未能加载。请从信息公开目录、全部任务或处室页面查找。";
  });

  // The pages holding every run of the query, best first (see the top of this file).
  function find(pagefind, query, filters) {
    var parts = runs(query);
    var ranked = pagefind.search([].concat.apply([], parts.map(pairs)).join(" "), { filters: filters });
    var exact = parts.map(function (run) {
      return run.length === 1 ? ranked : pagefind.search('"' + pairs(run).join(" ") + '"', { filters: filters });
    });
    return Promise.all([ranked].concat(exact)).then(function (found) {
      var keep = found.slice(1).map(function (s) { return new Set(((s && s.results) || []).map(function (r) { return r.id; })); });
      return ((found[0] && found[0].results) || []).filter(function (r) {
        return keep.every(function (ids) { return ids.has(r.id); });
      });
    }).then(function (hits) {
      return Promise.all(hits.slice(0, SHOWN).map(function (r) { return r.data(); })).then(function (items) {
        var wanted = parts.map(function (run) { return run.join(""); });
        items.forEach(function (d, i) {
          var title = normal(shown(d.meta.title));
          d.shownTitle = shown(d.meta.title);
          d.order = [title === wanted.join(" ") || title === wanted.join("") ? 0 : wanted.every(function (w) { return title.indexOf(w) >= 0; }) ? 1 : 2,
                     SPECIFIC[(d.filters.kind || [])[0]] || 0, i];
        });
        items.sort(function (a, b) {
          for (var k = 0; k < 3; k++) if (a.order[k] !== b.order[k]) return a.order[k] - b.order[k];
          return 0;
        });
        // A task the site follows across reports (the same words in each) is one result, its
        // best-ranked page, saying in how many more reports it stands.
        var first = {};
        items = items.filter(function (d) {
          var thread = (d.filters.thread || [])[0];
          if (!thread) return true;
          if (first[thread]) { first[thread].others += 1; return false; }
          first[thread] = d;
          d.others = 0;
          return true;
        });
        return { count: hits.length - (Math.min(hits.length, SHOWN) - items.length), items: items, wanted: wanted };
      });
    });
  }

  // An excerpt of the page's text around the first hit, each hit in <mark>: text nodes only.
  function excerpt(text, wanted) {
    var chars = Array.from(text), norm = "", at = [];
    chars.forEach(function (c, i) { var n = normal(c); norm += n; for (var k = 0; k < n.length; k++) at.push(i); });
    var marks = new Array(chars.length).fill(false), first = -1;
    wanted.forEach(function (w) {
      for (var from = norm.indexOf(w); from >= 0; from = norm.indexOf(w, from + 1)) {
        for (var k = from; k < from + w.length; k++) marks[at[k]] = true;
        if (first < 0 || at[from] < first) first = at[from];
      }
    });
    var start = Math.max(0, (first < 0 ? 0 : first) - 12), end = Math.min(chars.length, start + 60);
    var node = el("p", { "class": "excerpt" });
    if (start > 0) node.appendChild(document.createTextNode("…"));
    for (var i = start; i < end;) {
      var j = i;
      while (j < end && marks[j] === marks[i]) j++;
      var piece = chars.slice(i, j).join("");
      node.appendChild(marks[i] ? el("mark", {}, piece) : document.createTextNode(piece));
      i = j;
    }
    if (end < chars.length) node.appendChild(document.createTextNode("…"));
    return node;
  }

  function run(pagefind) {
    var query = input.value.trim();
    results.textContent = "";
    if (!runs(query).length) { status.textContent = "请输入要搜索的词。"; return; }
    var filters = {};
    Object.keys(selects).forEach(function (name) { if (selects[name].value) filters[name] = selects[name].value; });
    status.textContent = "正在搜索……";
    find(pagefind, query, filters).then(function (found) {
      if (!found.count) {
        status.textContent = "没有找到与“" + query + "”相关的内容。";
        return;
      }
      status.textContent = "找到 " + found.count + " 个结果。";
      var kinds = [];  // in the order of each kind's best result
      found.items.forEach(function (d) { var k = (d.filters.kind || [])[0]; if (KINDS.indexOf(k) >= 0 && kinds.indexOf(k) < 0) kinds.push(k); });
      kinds.forEach(function (kind) {
        var mine = found.items.filter(function (d) { return (d.filters.kind || [])[0] === kind; });
        var section = el("section", { "class": "search-group", "data-kind": kind });
        section.appendChild(el("h2", {}, kind + "（" + mine.length + "）"));
        var list = el("ol", { "class": "search-list" });
        mine.forEach(function (d) {
          var li = el("li");
          li.appendChild(el("a", { href: d.url }, d.shownTitle || d.url));
          li.appendChild(excerpt(shown(d.content), found.wanted));
          if (d.others) li.appendChild(el("p", { "class": "also" }, "这项任务还见于另外 " + d.others + " 份报告（本站按表述相同连成线索），见任务页的“历次报告中的进展”。"));
          list.appendChild(li);
        });
        section.appendChild(list);
        results.appendChild(section);
      });
    });
  }
})();
