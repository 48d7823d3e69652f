// Charts of the figures pages (ADR 0820). The table is the source: each canvas names its table (data-chart-table) and
// the columns it draws (data-chart-figures, the cells' data-figure names); the numbers are read from the cells'
// data-value. Without script, or for a screen reader or on paper, the table says everything.
(function () {
    'use strict';
    if (typeof Chart === 'undefined') {
        return;
    }
    var colours = ['#12355b', '#2f6fab', '#6ea8de', '#b8860b', '#a4161a'];
    var format = new Intl.NumberFormat('fr-FR');
    document.querySelectorAll('canvas[data-chart-table]').forEach(function (canvas) {
        var table = document.getElementById(canvas.getAttribute('data-chart-table'));
        if (!table) {
            return;
        }
        var figures = (canvas.getAttribute('data-chart-figures') || '').split(',').filter(Boolean);
        var rows = Array.prototype.slice.call(table.querySelectorAll('tbody tr'));
        var headers = table.querySelectorAll('thead tr:last-child th');
        var labels = rows.map(function (row) {
            var head = row.querySelector('th');
            return head ? head.textContent.replace(/\s+/g, ' ').trim() : '';
        });
        var datasets = figures.map(function (figure, i) {
            var label = figure;
            var first = rows.length > 0 ? rows[0].querySelector('[data-figure="' + figure + '"]') : null;
            if (first) {
                var index = Array.prototype.indexOf.call(first.parentElement.children, first);
                if (headers[index]) {
                    label = headers[index].textContent.replace(/\s+/g, ' ').trim();
                }
            }
            return {
                label: label,
                backgroundColor: colours[i % colours.length],
                data: rows.map(function (row) {
                    var cell = row.querySelector('[data-figure="' + figure + '"]');
                    return cell ? Number(cell.getAttribute('data-value')) : 0;
                })
            };
        });
        new Chart(canvas, {
            type: 'bar',
            data: { labels: labels, datasets: datasets },
            options: {
                responsive: true,
                maintainAspectRatio: false,
                animation: false,
                locale: 'fr-FR',
                scales: { y: { beginAtZero: true, ticks: { callback: function (v) { return format.format(v); } } } },
                plugins: { legend: { position: 'bottom' } }
            }
        });
        canvas.setAttribute('data-chart-ready', 'true');
    });
})();
