// Start every GOV.UK Frontend component on the page (a module, so only browsers it supports run it).
import { initAll } from './govuk/govuk-frontend.min.js';

initAll();
