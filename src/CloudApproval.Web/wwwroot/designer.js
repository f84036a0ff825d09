// The procedure designer's one piece of script: put the cursor in the property panel's field a problem is about.
window.cloudApprovalDesigner = {
    focusField: function (name) {
        const field = document.querySelector(`[data-input="${CSS.escape(name)}"]`);
        const input = field && field.querySelector("input:not([type=hidden]), textarea, [tabindex]:not([tabindex=\"-1\"])");
        if (!input) return;
        input.scrollIntoView({ block: "center" });
        input.focus();
    }
};
