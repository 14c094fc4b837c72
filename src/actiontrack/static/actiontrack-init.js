// Start every GOV.UK Frontend component on the page (a module, so only browsers it supports run it).
import { initAll } from './govuk/govuk-frontend.min.js';

initAll();

// A page that waits on the server (an upload being read) marks the part that changes with
// data-at-poll="seconds". Rather than a <meta> refresh, which reloads the whole page and moves a
// screen reader's place (WCAG 2.2.1), fetch the page again and replace only that part, which sits
// in a live region; go on as soon as the server sends the reader elsewhere, or the wait is over.
for (const region of document.querySelectorAll('[data-at-poll]')) {
  const seconds = Math.max(1, Number(region.dataset.atPoll) || 2);
  const poll = async () => {
    let response;
    try {
      response = await fetch(window.location.href, { credentials: 'same-origin', headers: { Accept: 'text/html' } });
    } catch {
      window.setTimeout(poll, seconds * 1000); // offline for a moment: try again
      return;
    }
    if (response.redirected) {
      window.location.assign(response.url);
      return;
    }
    const page = new DOMParser().parseFromString(await response.text(), 'text/html');
    const fresh = region.id && page.getElementById(region.id);
    if (!fresh || !fresh.hasAttribute('data-at-poll')) {
      window.location.reload(); // the wait is over (failed, or stalled): show the page as it now is
      return;
    }
    region.innerHTML = fresh.innerHTML;
    window.setTimeout(poll, seconds * 1000);
  };
  window.setTimeout(poll, seconds * 1000);
}
