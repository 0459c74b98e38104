"""Streefwaarden: the council's minimum targets and ambitions per indicator, with history."""

from ui.sidebar import current_region
from ui.targets_page import render_targets_page

render_targets_page(current_region())
