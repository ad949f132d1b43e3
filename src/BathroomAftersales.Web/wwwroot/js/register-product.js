// Filters the model list while the customer types (the search button does the same on the server), keeping the
// model already chosen, and sends the form only once. Options are rebuilt rather than hidden: phones ignore
// display:none on <option>.
(function () {
    'use strict';
    const search = document.getElementById('model-search');
    const select = document.getElementById('Input_ModelId');
    const none = document.getElementById('model-none');
    const form = document.getElementById('register-product');
    if (!search || !select || !none || !form) {
        return;
    }

    const groups = Array.from(select.querySelectorAll('optgroup')).map(function (group) {
        return {
            label: group.label,
            options: Array.from(group.querySelectorAll('option')).map(function (option) { return option.cloneNode(true); })
        };
    });

    search.addEventListener('input', function () {
        const term = search.value.trim().toUpperCase();
        const chosen = select.value;
        let found = 0;
        select.querySelectorAll('optgroup').forEach(function (group) { group.remove(); });
        groups.forEach(function (group) {
            const matches = group.options.filter(function (option) {
                const hit = !term || option.dataset.search.indexOf(term) >= 0;
                found += hit ? 1 : 0;
                return hit || option.value === chosen;
            });
            if (matches.length > 0) {
                const element = document.createElement('optgroup');
                element.label = group.label;
                matches.forEach(function (option) { element.appendChild(option); });
                select.appendChild(element);
            }
        });
        select.value = chosen;
        none.hidden = found > 0;
    });

    form.addEventListener('submit', function () {
        form.querySelectorAll('[data-submit-once]').forEach(function (button) { button.disabled = true; });
    });
})();
