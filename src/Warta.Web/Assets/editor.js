// The newsroom editor: a small WYSIWYG over the body textarea, autosave, tag suggestions, the Baca Juga search and the
// photo picker. Without this script the form still works: the body is a plain HTML textarea and lists are text fields.
(function () {
  "use strict";
  var form = document.getElementById("editor");
  if (!form) return;
  var token = document.querySelector('meta[name="csrf-token"]').content;
  var key = form.dataset.key;
  var source = form.querySelector(".body-source");
  var rte = form.querySelector(".rte");
  var toolbar = form.querySelector(".rte-toolbar");
  var disabled = form.querySelector("fieldset").disabled;

  function api(path, options) {
    options = options || {};
    options.headers = Object.assign({ "RequestVerificationToken": token }, options.headers || {});
    options.credentials = "same-origin";
    return fetch(path, options).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (body) { return { ok: r.ok, status: r.status, body: body }; });
    });
  }

  // ---- Pasted Word / Google Docs HTML, cleaned to the few elements a story uses (the server cleans again). ----
  var keep = { P: "p", H1: "h2", H2: "h2", H3: "h3", H4: "h3", BLOCKQUOTE: "blockquote", UL: "ul", OL: "ol", LI: "li", STRONG: "strong",
    B: "strong", EM: "em", I: "em", A: "a", BR: "br", FIGURE: "figure", FIGCAPTION: "figcaption", IMG: "img", HR: "hr" };
  function cleanNode(node, out) {
    node.childNodes.forEach(function (child) {
      if (child.nodeType === 3) { out.appendChild(document.createTextNode(child.textContent)); return; }
      if (child.nodeType !== 1) return;
      var tag = child.tagName;
      if (/^(SCRIPT|STYLE|META|LINK|TITLE|XML|O:P|svg)$/i.test(tag)) return;
      var style = (child.getAttribute("style") || "").toLowerCase();
      var name = keep[tag];
      // Google Docs wraps everything in <b style="font-weight:normal">; Word marks bold and italic with styles on spans.
      if (tag === "B" && /font-weight:\s*(normal|400)/.test(style)) name = null;
      if (tag === "SPAN" && /font-weight:\s*(bold|700)/.test(style)) name = "strong";
      if (tag === "SPAN" && /font-style:\s*italic/.test(style)) name = "em";
      if (tag === "DIV") name = "p";
      if (!name) { cleanNode(child, out); return; }
      var el = document.createElement(name);
      if (name === "a") { var href = child.getAttribute("href") || ""; if (/^(https?:|mailto:|\/)/i.test(href)) el.setAttribute("href", href); }
      if (name === "img") { var src = child.getAttribute("src") || ""; if (!/^(https?:|\/)/i.test(src)) return; el.setAttribute("src", src); el.setAttribute("alt", child.getAttribute("alt") || ""); }
      if (name === "hr" && child.classList.contains("page-break")) el.className = "page-break";
      cleanNode(child, el);
      if (/^(p|h2|h3|strong|em|li|blockquote)$/.test(name) && !el.textContent.trim() && !el.querySelector("img")) return;
      out.appendChild(el);
    });
    return out;
  }
  function cleanHtml(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var box = document.createElement("div");
    cleanNode(doc.body, box);
    return box.innerHTML;
  }

  // ---- The WYSIWYG ----
  var dirty = false;
  function sync() { source.value = /^(<p>)?<br>(<\/p>)?$/.test(rte.innerHTML.trim()) ? "" : rte.innerHTML; changed(); }
  if (rte && !disabled) {
    // Typing starts inside a paragraph, so the story never begins with loose text.
    rte.innerHTML = source.value.trim() ? source.value : "<p><br></p>";
    rte.hidden = false;
    toolbar.hidden = false;
    source.hidden = true;
    form.querySelector(".hint").hidden = true;
    document.execCommand("defaultParagraphSeparator", false, "p");
    rte.addEventListener("input", sync);
    rte.addEventListener("paste", function (e) {
      var html = e.clipboardData.getData("text/html");
      var text = e.clipboardData.getData("text/plain");
      e.preventDefault();
      var clean = html ? cleanHtml(html) : text.split(/\n{2,}|\r\n\r\n/).map(function (p) {
        var el = document.createElement("p"); el.textContent = p.trim(); return el.textContent ? el.outerHTML : "";
      }).join("");
      document.execCommand("insertHTML", false, clean);
      sync();
    });
    toolbar.addEventListener("click", function (e) {
      var b = e.target.closest("button");
      if (!b) return;
      rte.focus();
      if (b.dataset.block) document.execCommand("formatBlock", false, b.dataset.block);
      else if (b.dataset.cmd === "link") {
        var url = prompt("Alamat tautan (https://…)");
        if (url && /^(https?:\/\/|\/|mailto:)/i.test(url)) document.execCommand("createLink", false, url);
      } else if (b.dataset.cmd === "pagebreak") document.execCommand("insertHTML", false, '<hr class="page-break"><p><br></p>');
      else if (b.dataset.cmd === "image") { openPicker(insertInline); return; }
      else document.execCommand(b.dataset.cmd, false, null);
      sync();
    });
  }
  function insertInline(item) {
    rte.focus();
    var fig = document.createElement("figure");
    var img = document.createElement("img");
    img.src = item.url; img.alt = item.alt || item.caption || "";
    fig.appendChild(img);
    var cap = document.createElement("figcaption");
    cap.textContent = [item.caption, item.credit].filter(Boolean).join(" ");
    fig.appendChild(cap);
    document.execCommand("insertHTML", false, fig.outerHTML + "<p><br></p>");
    sync();
  }

  // ---- Autosave: a few seconds after typing stops (at most every 5 s), and when the tab is hidden or closed. ----
  var state = form.querySelector(".autosave-state");
  var saving = false, timer = null, last = 0;
  function changed() {
    dirty = true;
    clearTimeout(timer);
    timer = setTimeout(autosave, Math.max(1500, 5000 - (Date.now() - last)));
  }
  function autosaveBody() {
    var data = new FormData(form);
    data.set("__RequestVerificationToken", token);
    return data;
  }
  function autosave(leaving) {
    if (!dirty || disabled) return;
    if (saving && !leaving) { changed(); return; }
    saving = true; dirty = false; last = Date.now();
    var url = "/redaksi/sunting/" + key + "?handler=Autosave";
    return fetch(url, { method: "POST", body: autosaveBody(), credentials: "same-origin", keepalive: !!leaving })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (b) { state.textContent = b.label; state.dataset.saved = b.savedAt; })
      .catch(function () { dirty = true; state.textContent = "Simpan otomatis gagal; akan dicoba lagi."; })
      .finally(function () { saving = false; });
  }
  if (!disabled) {
    form.addEventListener("input", function (e) { if (e.target !== rte && !rte.contains(e.target)) changed(); });
    form.addEventListener("change", changed);
    document.addEventListener("visibilitychange", function () { if (document.visibilityState === "hidden") autosave(true); });
    window.addEventListener("pagehide", function () { autosave(true); });
    form.addEventListener("submit", function () { clearTimeout(timer); dirty = false; if (rte) source.value = rte.innerHTML; });
  }

  // ---- Tag suggestions: the datalist completes the tag after the last comma. ----
  var tags = form.querySelector("[name='Form.Tags']");
  var list = document.getElementById("tag-suggestions");
  var allTags = Array.prototype.map.call(list.options, function (o) { return o.value; });
  if (tags) tags.addEventListener("input", function () {
    var parts = tags.value.split(",");
    var word = parts.pop().trim().toLowerCase();
    var head = parts.length ? parts.map(function (p) { return p.trim(); }).join(", ") + ", " : "";
    list.innerHTML = "";
    allTags.filter(function (t) { return word && t.toLowerCase().indexOf(word) === 0; }).slice(0, 12).forEach(function (t) {
      var o = document.createElement("option"); o.value = head + t; list.appendChild(o);
    });
  });

  // ---- Baca Juga: search published stories by headline, pick up to five. ----
  var related = form.querySelector("[name='Form.Related']");
  var relatedList = form.querySelector(".related-list");
  var search = form.querySelector(".related-search");
  function relatedIds() { return related.value.split(/\n/).map(function (s) { return s.trim(); }).filter(Boolean); }
  function addRemoveButton(li) {
    var b = document.createElement("button");
    b.type = "button"; b.className = "button secondary"; b.textContent = "Hapus"; b.setAttribute("aria-label", "Hapus " + li.textContent);
    b.addEventListener("click", function () {
      related.value = relatedIds().filter(function (id) { return id !== li.dataset.id; }).join("\n");
      li.remove(); changed();
    });
    li.appendChild(b);
  }
  if (search && !disabled) {
    search.hidden = false;
    form.querySelector(".related-source").hidden = true;
    relatedList.querySelectorAll("li").forEach(addRemoveButton);
    var q = search.querySelector("input"), results = search.querySelector(".related-results"), pending;
    q.addEventListener("input", function () {
      clearTimeout(pending);
      pending = setTimeout(function () {
        if (q.value.trim().length < 2) { results.innerHTML = ""; return; }
        api("/redaksi/api/berita?q=" + encodeURIComponent(q.value.trim())).then(function (r) {
          results.innerHTML = "";
          (r.body || []).forEach(function (story) {
            if (story.id === key) return;
            var li = document.createElement("li"), b = document.createElement("button");
            b.type = "button"; b.textContent = story.title + " — " + story.publishedAt;
            b.addEventListener("click", function () {
              var ids = relatedIds();
              if (ids.indexOf(story.id) < 0 && ids.length < 5) {
                ids.push(story.id); related.value = ids.join("\n");
                var item = document.createElement("li"); item.dataset.id = story.id; item.textContent = story.title;
                addRemoveButton(item); relatedList.appendChild(item); changed();
              }
              results.innerHTML = ""; q.value = "";
            });
            li.appendChild(b); results.appendChild(li);
          });
        });
      }, 250);
    });
  }

  // ---- Photo picker: search the library by caption or upload; the lead photo prefills caption, credit and alt. ----
  var dialog = document.getElementById("photo-picker");
  var onPick = null;
  function openPicker(callback) {
    onPick = callback;
    dialog.querySelector(".picker-error").hidden = true;
    dialog.showModal();
    loadPhotos("");
  }
  function loadPhotos(q) {
    api("/redaksi/api/media?q=" + encodeURIComponent(q)).then(function (r) {
      var box = dialog.querySelector(".picker-results");
      box.innerHTML = "";
      (r.body || []).forEach(function (m) {
        var b = document.createElement("button"), img = document.createElement("img"), cap = document.createElement("span");
        b.type = "button"; img.src = m.thumb; img.alt = m.alt || ""; img.width = 160; img.height = Math.round(160 * m.height / Math.max(1, m.width));
        cap.textContent = m.caption || "(tanpa keterangan)";
        b.appendChild(img); b.appendChild(cap);
        b.addEventListener("click", function () { dialog.close(); onPick(m); });
        box.appendChild(b);
      });
    });
  }
  function setLead(m) {
    form.querySelector("[name='Form.ImageId']").value = m.id;
    form.querySelector("[name='Form.ImageCaption']").value = m.caption || "";
    form.querySelector("[name='Form.ImageCredit']").value = m.credit || "";
    form.querySelector("[name='Form.ImageAlt']").value = m.alt || "";
    var preview = form.querySelector(".photo-preview");
    preview.innerHTML = "";
    var img = document.createElement("img"); img.src = m.thumb; img.alt = ""; img.width = 160;
    preview.appendChild(img);
    changed();
  }
  if (dialog && !disabled) {
    var pick = form.querySelector("[data-pick-photo]");
    pick.hidden = false;
    pick.addEventListener("click", function () { openPicker(setLead); });
    var searchTimer;
    dialog.querySelector(".picker-search").addEventListener("input", function (e) {
      clearTimeout(searchTimer);
      searchTimer = setTimeout(function () { loadPhotos(e.target.value.trim()); }, 250);
    });
    dialog.querySelector(".picker-send").addEventListener("click", function () {
      var file = dialog.querySelector(".picker-file").files[0];
      var error = dialog.querySelector(".picker-error");
      if (!file) { error.textContent = "Pilih berkas foto dulu."; error.hidden = false; return; }
      var data = new FormData();
      data.append("file", file);
      data.append("caption", dialog.querySelector(".picker-caption").value);
      data.append("credit", dialog.querySelector(".picker-credit").value);
      data.append("alt", dialog.querySelector(".picker-alt").value);
      api("/redaksi/api/media", { method: "POST", body: data }).then(function (r) {
        if (!r.ok) {
          var errors = r.body && r.body.errors ? Object.values(r.body.errors).join(" ") : "";
          error.textContent = "Foto ditolak: " + (errors || r.body.title || r.status); error.hidden = false; return;
        }
        dialog.close(); onPick(r.body);
      });
    });
  }
})();
