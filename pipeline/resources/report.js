"use strict";
// Quote browser of `pipeline report`. The data is read from the JSON island #report-data and the
// page is built with createElement/textContent only: no data is ever parsed as HTML, put in an
// attribute that runs code, or used as a URL unless it is a validated http(s) link.
(function () {
  var PAGE = 200;
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var actors = data.actors, articles = data.articles, quotes = data.quotes, outlets = data.outlets;
  var state = { actor: -1, outlet: -1, q: "", shown: PAGE };

  function $(id) { return document.getElementById(id); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function fold(s) {
    return String(s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function safeUrl(u) {
    return typeof u === "string" && /^https?:\/\//i.test(u) ? u : null;
  }

  // search keys, computed once
  var actorKey = actors.map(function (a) {
    return fold([a.name].concat(a.variants || [], a.offices || []).join(" \u0001 "));
  });
  var quoteKey = quotes.map(function (q) {
    var art = articles[q.r] || {};
    var para = q.x.map(function (s) { return s[0]; }).join("");
    return fold([para, q.t, q.s, q.f || "", art.t || "", art.o || ""].join(" \u0001 "));
  });

  function matches(i) {
    var q = quotes[i];
    if (state.actor >= 0 && q.a !== state.actor) return false;
    if (state.outlet >= 0 && articles[q.r].oi !== state.outlet) return false;
    if (state.q) {
      var words = state.q.split(/\s+/);
      for (var w = 0; w < words.length; w++) {
        if (words[w] && quoteKey[i].indexOf(words[w]) < 0) return false;
      }
    }
    return true;
  }

  function renderQuote(q) {
    var art = articles[q.r] || {};
    var actor = actors[q.a] || {};
    var card = el("article", "quote");
    card.setAttribute("data-actor", String(q.a));
    var head = el("div", "qhead");
    head.appendChild(el("span", "who", q.s || actor.name || "?"));
    var office = q.f || (actor.offices && actor.offices[0]);
    if (office) head.appendChild(el("span", "office", " \u2014 " + office));
    var kind = el("span", "kind " + (q.k === "direct" ? "direct" : "indirect"), q.k === "direct" ? "langsung" : "tidak langsung");
    head.appendChild(kind);
    if (q.c) head.appendChild(el("span", "cue", q.c));
    card.appendChild(head);

    var para = el("p", "para");
    q.x.forEach(function (seg) {
      var cls = seg[1] === 1 ? "q" : seg[1] === 2 ? "spk" : null;
      if (cls) para.appendChild(el("mark", cls, seg[0]));
      else para.appendChild(document.createTextNode(seg[0]));
    });
    card.appendChild(para);

    var foot = el("div", "qfoot");
    var meta = [art.o, art.d].filter(Boolean).join(" \u00b7 ");
    if (meta) foot.appendChild(el("span", "meta", meta + " \u00b7 "));
    var url = safeUrl(art.u);
    var title = art.t || "(tanpa judul)";
    if (url) {
      var a = el("a", "title", title);
      a.href = url;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      foot.appendChild(a);
    } else {
      foot.appendChild(el("span", "title", title));
    }
    card.appendChild(foot);
    return card;
  }

  function renderQuotes() {
    var list = $("quotes");
    while (list.firstChild) list.removeChild(list.firstChild);
    var hits = [];
    for (var i = 0; i < quotes.length; i++) if (matches(i)) hits.push(i);
    var frag = document.createDocumentFragment();
    var n = Math.min(hits.length, state.shown);
    for (var j = 0; j < n; j++) frag.appendChild(renderQuote(quotes[hits[j]]));
    list.appendChild(frag);
    var note = "";
    if (hits.length > n) note = " (menampilkan " + n + ")";
    if (state.actor >= 0 && actors[state.actor].m < actors[state.actor].n)
      note += " \u00b7 " + actors[state.actor].n + " kutipan di data, sebagian tidak dimuat di halaman ini";
    $("count").textContent = hits.length + " kutipan" + note;
    $("more").hidden = hits.length <= n;
    var label = state.actor >= 0 ? actors[state.actor].name : "Semua aktor";
    $("current").textContent = label;
  }

  function renderActors() {
    var list = $("actors");
    while (list.firstChild) list.removeChild(list.firstChild);
    var filt = fold($("actor-filter").value.trim());
    var frag = document.createDocumentFragment();
    var all = el("li");
    var allBtn = el("button", "actor" + (state.actor < 0 ? " active" : ""));
    allBtn.type = "button";
    allBtn.setAttribute("data-actor", "-1");
    allBtn.appendChild(el("span", "aname", "Semua aktor"));
    allBtn.appendChild(el("span", "acount", String(quotes.length)));
    all.appendChild(allBtn);
    frag.appendChild(all);
    actors.forEach(function (a, i) {
      if (filt && actorKey[i].indexOf(filt) < 0) return;
      var li = el("li");
      var b = el("button", "actor" + (state.actor === i ? " active" : ""));
      b.type = "button";
      b.setAttribute("data-actor", String(i));
      b.appendChild(el("span", "aname", a.name));
      // n: all quotes of the actor in the output; m: those embedded in this page
      b.appendChild(el("span", "acount", a.m < a.n ? a.m + "/" + a.n : String(a.n)));
      if (a.offices && a.offices.length) b.appendChild(el("span", "aoffice", a.offices.join("; ")));
      li.appendChild(b);
      frag.appendChild(li);
    });
    list.appendChild(frag);
  }

  function markActive() {  // cheaper than rebuilding a long actor list on every click
    var buttons = $("actors").querySelectorAll("button.actor");
    for (var i = 0; i < buttons.length; i++) {
      var on = parseInt(buttons[i].getAttribute("data-actor"), 10) === state.actor;
      buttons[i].className = "actor" + (on ? " active" : "");
    }
  }

  function init() {
    var sel = $("outlet");
    outlets.forEach(function (o, i) {
      var opt = el("option", null, o);
      opt.value = String(i);
      sel.appendChild(opt);
    });
    $("summary").textContent = data.n_actors + " aktor \u00b7 " + data.n_quotes_total + " kutipan" +
      (data.n_quotes_total > quotes.length ? " (" + quotes.length + " dimuat di halaman ini)" : "") +
      (data.generated ? " \u00b7 dibuat " + data.generated : "");
    $("actors").addEventListener("click", function (ev) {
      var b = ev.target.closest ? ev.target.closest("button.actor") : null;
      if (!b) return;
      var i = parseInt(b.getAttribute("data-actor"), 10);
      state.actor = state.actor === i ? -1 : i;
      state.shown = PAGE;
      markActive();
      renderQuotes();
    });
    $("actor-filter").addEventListener("input", renderActors);
    sel.addEventListener("change", function () {
      state.outlet = parseInt(sel.value, 10);
      state.shown = PAGE;
      renderQuotes();
    });
    var timer = null;
    $("search").addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        state.q = fold($("search").value.trim());
        state.shown = PAGE;
        renderQuotes();
      }, 120);
    });
    $("more").addEventListener("click", function () {
      state.shown += PAGE;
      renderQuotes();
    });
    $("reset").addEventListener("click", function () {
      state = { actor: -1, outlet: -1, q: "", shown: PAGE };
      sel.value = "-1";
      $("search").value = "";
      $("actor-filter").value = "";
      renderActors();
      renderQuotes();
    });
    renderActors();
    renderQuotes();
    document.body.setAttribute("data-ready", "1");
  }

  init();
})();
