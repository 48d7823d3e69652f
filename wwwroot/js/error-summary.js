// After a failed post, move focus to the error summary so screen readers announce it; its links then take the
// keyboard to the field in error (or to the first field of that name, for radio buttons and hand-written fields).
(function () {
    'use strict';
    var summary = document.getElementById('error-summary');
    if (!summary) {
        return;
    }
    summary.focus();
    summary.addEventListener('click', function (event) {
        var link = event.target.closest('a[data-field]');
        if (!link) {
            return;
        }
        var target = document.getElementById(link.getAttribute('href').slice(1)) || document.getElementsByName(link.getAttribute('data-field'))[0];
        if (!target) {
            return;
        }
        event.preventDefault();
        var label = target.id ? document.querySelector('label[for="' + target.id + '"]') : null;
        (label || target).scrollIntoView();
        target.focus();
    });
})();
