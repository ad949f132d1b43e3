// The new-request form: show the chosen product's warranty and its address, switch the "what happens next" text for
// emergencies, and disable the submit button after the first click (the server also refuses a second request).
(function () {
    const form = document.getElementById('new-request');
    if (!form) {
        return;
    }

    const product = form.querySelector('#Input_ProductId');
    const warranty = document.getElementById('product-warranty');
    const emergency = form.querySelector('#Input_Emergency');
    const normalText = form.querySelector('[data-normal]');
    const emergencyText = form.querySelector('[data-emergency]');
    const fields = ['Province', 'City', 'District', 'Street'];

    function showWarranty(fillAddress) {
        const option = product.selectedOptions[0];
        warranty.textContent = option && option.dataset.warranty ? option.dataset.warranty : '';
        warranty.classList.toggle('text-success', option && option.dataset.inWarranty === 'true');
        if (fillAddress && option && option.dataset.street) {
            fields.forEach(function (name) {
                const input = form.querySelector('#Input_Address_' + name);
                input.value = option.dataset[name.toLowerCase()] || input.value;
            });
        }
    }

    function showNextStep() {
        normalText.classList.toggle('d-none', emergency.checked);
        emergencyText.classList.toggle('d-none', !emergency.checked);
    }

    product.addEventListener('change', function () { showWarranty(true); });
    emergency.addEventListener('change', showNextStep);
    form.addEventListener('submit', function () {
        form.querySelectorAll('[data-submit-once]').forEach(function (button) {
            button.disabled = true;
        });
    });
    showWarranty(false);
    showNextStep();
})();
