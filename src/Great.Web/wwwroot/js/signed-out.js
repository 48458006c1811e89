// The page after an explicit sign-out: whatever the signed-out page could not clear in time (a phone whose storage
// was slow, a service worker still running) goes now, when no page of the session holds it any more. Marked done on
// the element so a test (or a curious user in the developer tools) can see it finished.
'use strict';
(async () => {
    const marker = document.querySelector('[data-clear-phone]');
    if (!marker) return;
    await GreatPhone.clearAll().catch(() => null);
    marker.dataset.clearPhone = 'done';
})();
