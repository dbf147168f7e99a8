// Progressive enhancement only: every feature here also works without JavaScript.
(function () {
  "use strict";
  function setCookie(name, value, hours) {
    document.cookie = name + "=" + encodeURIComponent(value) + "; Max-Age=" + Math.round(hours * 3600) + "; Path=/; SameSite=Lax";
  }
  function getCookie(name) {
    var m = document.cookie.match(new RegExp("(?:^|; )" + name.replace(/\./g, "\\.") + "=([^;]*)"));
    return m ? decodeURIComponent(m[1]) : null;
  }

  // The WIB clock keeps time after the (possibly cached) page was rendered.
  var clock = document.getElementById("clock-time");
  if (clock) {
    var tick = function () {
      var wib = new Date(Date.now() + 7 * 3600 * 1000);
      var hh = String(wib.getUTCHours()).padStart(2, "0"), mm = String(wib.getUTCMinutes()).padStart(2, "0");
      clock.textContent = hh + ":" + mm + " WIB";
    };
    tick();
    setInterval(tick, 15000);
  }

  // The top banner's × closes at once; the cookie makes the server leave it out from now on.
  var top = document.getElementById("promo-top");
  if (top) {
    var form = top.querySelector("form");
    if (form) form.addEventListener("submit", function (e) {
      e.preventDefault();
      setCookie("warta_promo_top", top.getAttribute("data-version"), 24 * 30);
      top.remove();
    });
  }

  // The popup appears at most once per its frequency window, after the reader has had time to start reading,
  // and never again in that window once it has been shown or closed.
  var popup = document.getElementById("promo-popup");
  if (popup) {
    var version = popup.getAttribute("data-version");
    var hours = Math.max(1, parseInt(popup.getAttribute("data-hours") || "24", 10));
    if (getCookie("warta_promo_popup") !== version) {
      setTimeout(function () {
        popup.hidden = false;
        setCookie("warta_promo_popup", version, hours);
      }, 4000);
    }
    var close = popup.querySelector("form");
    if (close) close.addEventListener("submit", function (e) {
      e.preventDefault();
      popup.hidden = true;
      setCookie("warta_promo_popup", version, hours);
    });
    document.addEventListener("keydown", function (e) { if (e.key === "Escape") popup.hidden = true; });
  }
  // INDIKATOR live: updates every element marked data-live-symbol (the header ticker, instrument pages) and the bar's
  // as-of label from the Server-Sent Events stream. A browser allows only six connections to a site, so the stream must
  // never hold one per page: the tabs that show a ticker elect one leader with the Web Locks API, the leader alone keeps
  // the EventSource and relays each state to the other tabs over a BroadcastChannel; when it leaves, the next tab takes
  // over, and when no tab shows a ticker the connection is gone. It starts after the page has loaded (a page never waits
  // on it) and stops on pagehide, so the back-forward cache keeps the page and the slot is free for the next page.
  if (window.EventSource && document.querySelector("[data-live-symbol]")) {
    var arrows = { up: "▲", down: "▼", flat: "■" };
    var classes = { up: "naik", down: "turun", flat: "datar" };
    var setText = function (root, part, text) {
      root.querySelectorAll('[data-live="' + part + '"]').forEach(function (el) {
        if (text === null || text === undefined) { el.hidden = true; return; }
        el.textContent = text;
        el.hidden = false;
        var wrap = el.closest(".tick-chg");
        if (wrap) wrap.hidden = false;
      });
    };
    var apply = function (message) {
      (message.items || []).forEach(function (item) {
        var sel = '[data-live-symbol="' + (window.CSS && CSS.escape ? CSS.escape(item.symbol) : item.symbol) + '"]';
        document.querySelectorAll(sel).forEach(function (el) {
          var dir = item.direction in classes ? item.direction : "flat";
          el.classList.remove("naik", "turun", "datar");
          el.classList.add(classes[dir]);
          el.classList.toggle("basi", !!item.stale);
          // A percent-only instrument (fund indices) shows no value, wherever it is listed.
          if (item.display !== "percent") setText(el, "value", item.value);
          if (item.change === null) { var chg = el.querySelector(".tick-chg"); if (chg) chg.hidden = true; }
          else setText(el, "change", item.change);
          setText(el, "percent", item.display === "percent" ? (item.percent || "–") : item.percent);
          setText(el, "arrow", arrows[dir]);
          if (item.asOf) setText(el, "asof", item.asOf);
          if (el.title && item.asOfTitle) el.title = item.label + " · " + item.asOfTitle;
        });
      });
      if (message.asOf) document.querySelectorAll('[data-live-bar="asof"]').forEach(function (el) { el.textContent = message.asOf; });
    };
    // The ticker shows a small live mark while the stream delivers, so a reader can tell moving values from a snapshot.
    var markLive = function (on) {
      document.querySelectorAll(".ticker").forEach(function (t) { t.classList.toggle("langsung", on); });
    };
    var name = "warta-indikator-langsung";
    var shared = !!(navigator.locks && navigator.locks.request && window.BroadcastChannel && window.AbortController);
    var latest = null;
    var receive = function (data) {
      latest = data;
      markLive(true);
      try { apply(JSON.parse(data)); } catch (err) { /* a malformed event leaves the values as they are */ }
    };
    // One live session of this page; answers the function that ends it.
    var start = function () {
      var stopped = false, source = null, timer = 0, channel = null, abort = null, release = null, leading = false;
      var post = function (message) { if (channel && !stopped) channel.postMessage(message); };
      var connect = function (retryAfterRefusal) {
        source = new EventSource("/indikator/langsung");
        source.addEventListener("ticker", function (e) {
          retryAfterRefusal = 5000;
          receive(e.data);
          post({ ticker: e.data });
        });
        source.onerror = function () {
          markLive(false);
          post({ down: true });
          // CONNECTING: the browser reconnects on its own. CLOSED: it gave up (a refusal); try again later, spread out.
          if (source.readyState === EventSource.CLOSED && !stopped) {
            timer = setTimeout(function () { connect(Math.min(retryAfterRefusal * 2, 300000)); }, retryAfterRefusal + Math.random() * retryAfterRefusal);
          }
        };
      };
      if (shared) {
        channel = new BroadcastChannel(name);
        channel.onmessage = function (e) {
          var m = e.data || {};
          if (typeof m.ticker === "string") receive(m.ticker);
          else if (m.down) markLive(false);
          else if (m.hello && leading && latest) post({ ticker: latest });
        };
        abort = new AbortController();
        navigator.locks.request(name, { signal: abort.signal }, function () {
          if (stopped) return null;
          leading = true;
          connect(5000);
          // Held until this page goes away.
          return new Promise(function (resolve) { release = resolve; });
        }).catch(function () { /* the page left before its turn came */ });
        // A new tab asks the leader for the state it holds rather than waiting for the next change.
        post({ hello: true });
      } else {
        connect(5000);
      }
      return function () {
        stopped = true;
        clearTimeout(timer);
        if (source) source.close();
        if (abort) abort.abort();
        if (release) release();
        if (channel) channel.close();
        markLive(false);
      };
    };
    var stop = null;
    var begin = function () { if (!stop) stop = start(); };
    if (document.readyState === "complete") begin(); else window.addEventListener("load", begin);
    window.addEventListener("pagehide", function () { if (stop) { stop(); stop = null; } });
    window.addEventListener("pageshow", function (e) { if (e.persisted) begin(); });
  }
})();
