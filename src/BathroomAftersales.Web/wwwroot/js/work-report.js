// The work report shows three part rows; "Add a part" reveals the next of the rows rendered hidden (up to ten).
(function () {
    const button = document.getElementById('add-part');
    if (!button) {
        return;
    }

    const hiddenRows = () => Array.from(document.querySelectorAll('#part-lines .part-line[hidden]'));
    button.hidden = hiddenRows().length === 0;
    button.addEventListener('click', function () {
        const next = hiddenRows()[0];
        if (next) {
            next.hidden = false;
            next.querySelector('select')?.focus();
        }

        button.hidden = hiddenRows().length === 0;
    });
})();
