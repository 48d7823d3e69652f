// Keeps a work progress section up to date while the page is open: polls the counts and reloads the page
// (server-rendered, the same as a plain reload) when they change. Without JavaScript, a reload shows the same.
(function () {
    "use strict";
    var section = document.querySelector("[data-progress-url]");
    if (!section || section.getAttribute("data-progress-finished") === "true") {
        return;
    }
    var url = section.getAttribute("data-progress-url");
    var signature = section.getAttribute("data-progress-signature");
    function poll() {
        fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
            .then(function (response) { return response.ok ? response.json() : null; })
            .then(function (p) {
                if (!p) {
                    return;
                }
                if ((p.done + "/" + p.failed + "/" + p.total) !== signature) {
                    window.location.reload();
                    return;
                }
                window.setTimeout(poll, 2000);
            })
            .catch(function () { window.setTimeout(poll, 5000); });
    }
    window.setTimeout(poll, 2000);
})();
