"""Beleidscyclus: the six phases of the policy cycle, who is involved and what helps per phase."""

from ui.cycle_page import render_cycle_page
from ui.sidebar import current_region

render_cycle_page(current_region())
