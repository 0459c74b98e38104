"""Beleidsopties: 2–4 policy options for a decision, their expected effects side by side, and the
effect report."""

from ui.options_page import render_options_page
from ui.sidebar import current_region

render_options_page(current_region())
