// Keeps each responsibility's "Responsible party" list in step with the parties entered on the
// same agreement form, so a new agreement can be saved with its parties and their
// responsibilities at once. The server accepts any party of the submission (see
// agreements/views/forms.py); without this script the list shows the saved parties only.
(() => {
  const PARTY_ORGANISATION = /^parties-(\d+)-organization$/;
  const PARTY_DELETED = /^parties-(\d+)-DELETE$/;
  const RESPONSIBLE_PARTY = 'select[name$="-responsible_organization"]';

  function partyOptions(form) {
    const options = new Map();
    form.querySelectorAll('input[name^="parties-"]').forEach((input) => {
      const match = PARTY_ORGANISATION.exec(input.name);
      if (!match || !input.value) return;
      const deleted = form.querySelector(`input[name="parties-${match[1]}-DELETE"]`);
      if (deleted && deleted.value) return;
      const title = document.getElementById(`${input.id}-title`);
      options.set(input.value, (title && title.textContent.trim()) || input.value);
    });
    return options;
  }

  function fill(select, options) {
    const current = select.value;
    const blank = select.querySelector('option[value=""]');
    select.replaceChildren(...(blank ? [blank] : []));
    options.forEach((label, value) => select.add(new Option(label, value)));
    if (current && !options.has(current)) {
      // Keep a choice that no longer matches a party, so the server can say what is wrong.
      select.add(new Option(current, current));
    }
    select.value = current;
  }

  function refresh(form) {
    if (!form) return;
    const options = partyOptions(form);
    form.querySelectorAll(RESPONSIBLE_PARTY).forEach((select) => fill(select, options));
    form.querySelectorAll('template').forEach((template) => {
      template.content.querySelectorAll(RESPONSIBLE_PARTY).forEach((select) => fill(select, options));
    });
  }

  const isPartyField = (element) =>
    PARTY_ORGANISATION.test(element.name || '') || PARTY_DELETED.test(element.name || '');

  document.addEventListener('change', (event) => {
    if (isPartyField(event.target)) refresh(event.target.form);
  });
  // Just before someone opens a list (mouse or keyboard), in case a party changed unseen.
  document.addEventListener('focusin', (event) => {
    if (event.target.matches && event.target.matches(RESPONSIBLE_PARTY)) refresh(event.target.form);
  });
  function start() {
    const form = document.getElementById('w-editor-form');
    if (!form) return;
    refresh(form);
    // Wagtail's chooser sets the organisation's hidden input through its value attribute.
    new MutationObserver((mutations) => {
      if (mutations.some((mutation) => isPartyField(mutation.target))) refresh(form);
    }).observe(form, { subtree: true, attributes: true, attributeFilter: ['value'] });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
