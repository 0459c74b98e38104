"""Data: what the store holds, checking and loading files, the history of loads with undo,
templates for analysts and the map boundaries in use (the sections live in :mod:`ui.data_page`)."""

from ui.data_page import (
    render_boundaries,
    render_history,
    render_intro,
    render_store_counts,
    render_templates,
    render_upload,
)

render_intro()
render_store_counts()
render_upload()
render_history()
render_templates()
render_boundaries()
