"""Workshop: a facilitator runs a session for a case; participants join on their phones with a
code and add arguments per theme; the result is a printable report (see ui.workshop_page)."""

from ui.workshop_page import render_workshop_page

render_workshop_page()
