// Phones show each table row as a block of lines (site.css); each cell is labelled with its column header here.
(function () {
    'use strict';
    document.querySelectorAll('main table.table').forEach(function (table) {
        var headerRow = table.querySelector('thead tr:last-child');
        if (!headerRow) {
            return;
        }
        var labels = [];
        Array.prototype.forEach.call(headerRow.children, function (th) {
            var span = th.colSpan || 1;
            var text = th.textContent.replace(/\s+/g, ' ').trim();
            for (var i = 0; i < span; i++) {
                labels.push(text);
            }
        });
        table.querySelectorAll('tbody tr, tfoot tr').forEach(function (row) {
            var column = 0;
            Array.prototype.forEach.call(row.children, function (cell) {
                var label = labels[column];
                if (label && !cell.hasAttribute('data-label')) {
                    cell.setAttribute('data-label', label);
                }
                column += cell.colSpan || 1;
            });
        });
    });
})();
