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
})();
