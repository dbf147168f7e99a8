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
  // INDIKATOR live: one Server-Sent Events stream per page updates every element marked data-live-symbol (the header
  // ticker, instrument pages). The server sends the whole current state on connect and after every change; the browser
  // reconnects by itself after a drop, and after a refusal (server full or restarting) this retries later.
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
          setText(el, "value", item.value);
          if (item.change === null) { var chg = el.querySelector(".tick-chg"); if (chg) chg.hidden = true; }
          else setText(el, "change", item.change);
          setText(el, "percent", item.display === "percent" ? (item.percent || "–") : item.percent);
          setText(el, "arrow", arrows[dir]);
          var asOf = message.asOf && message.asOf[item.symbol];
          if (asOf) {
            setText(el, "asof", asOf);
            if (el.title) el.title = item.label + " · " + asOf;
          }
        });
      });
    };
    // The ticker shows a small live mark while the stream delivers, so a reader can tell moving values from a snapshot.
    var markLive = function (on) {
      document.querySelectorAll(".ticker").forEach(function (t) { t.classList.toggle("langsung", on); });
    };
    var retryAfterRefusal = 5000;
    var connect = function () {
      var source = new EventSource("/indikator/langsung");
      source.addEventListener("ticker", function (e) {
        retryAfterRefusal = 5000;
        markLive(true);
        try { apply(JSON.parse(e.data)); } catch (err) { /* a malformed event leaves the values as they are */ }
      });
      source.onerror = function () {
        markLive(false);
        // CONNECTING: the browser reconnects on its own. CLOSED: it gave up (a refusal); try again later, spread out.
        if (source.readyState === EventSource.CLOSED) {
          setTimeout(connect, retryAfterRefusal + Math.random() * retryAfterRefusal);
          retryAfterRefusal = Math.min(retryAfterRefusal * 2, 300000);
        }
      };
    };
    connect();
  }
})();
