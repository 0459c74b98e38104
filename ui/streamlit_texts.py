"""Dutch words where Streamlit 1.67 draws its own English texts and offers no setting.

``st.file_uploader`` draws "Upload", "Drag and drop files here" (while a file is dragged
over it), "200MB per file • CSV, …" and each chosen file's size as "134.0B"; none of them can
be set from Python. A constant set of style rules per language hides the instructions and the
sizes (the Data page says the limit in its own caption) and puts our words in place of the
other two with CSS generated content, which browsers also give to screen readers (the button
is named "Bestanden kiezen"). The English texts are hidden with ``display: none``, so they are
not read either. Text fields show "Press Enter to apply" (or "… to submit form") while one is
typed in; the same rules hide it, as every form has its own labelled button. A picker whose
search finds nothing says "Geen resultaten" instead of "No results". What CSS cannot
reach (the aria-labels "Remove …", "Add files", "file upload" and a chosen file's "…, 134.0B")
is listed in docs/accessibility.md; tests/browser/test_dutch_texts.py checks in Chromium that
the rules apply.
"""

from __future__ import annotations

import streamlit as st

from ui.i18n import current_language

#: Hide the instructions, file sizes and Enter hints; our uploader words in Dutch.
TEXT_STYLE_NL = """<style>
[data-testid="stFileUploaderDropzoneInstructions"],
[data-testid="stFileChipName"] + div,
[data-testid="InputInstructions"],
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p,
[data-testid="stFileUploaderDropzone"] > div:not([data-testid]) > span,
[role="listbox"][data-empty="true"] > [role="option"] > span {
    display: none;
}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"]::after {
    font-size: 14px;
    content: "Bestanden kiezen";
}
[data-testid="stFileUploaderDropzone"] > div:not([data-testid])::after {
    font-size: 14px;
    content: "Laat de bestanden hier los";
}
[role="listbox"][data-empty="true"] > [role="option"]::after {
    display: block;
    padding: 0.5rem 1rem;
    font-size: 14px;
    content: "Geen resultaten";
}
</style>"""

#: The same in English: Streamlit's own words, minus the instructions and sizes.
TEXT_STYLE_EN = """<style>
[data-testid="stFileUploaderDropzoneInstructions"],
[data-testid="stFileChipName"] + div,
[data-testid="InputInstructions"],
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p,
[data-testid="stFileUploaderDropzone"] > div:not([data-testid]) > span,
[role="listbox"][data-empty="true"] > [role="option"] > span {
    display: none;
}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"]::after {
    font-size: 14px;
    content: "Choose files";
}
[data-testid="stFileUploaderDropzone"] > div:not([data-testid])::after {
    font-size: 14px;
    content: "Drop the files here";
}
[role="listbox"][data-empty="true"] > [role="option"]::after {
    display: block;
    padding: 0.5rem 1rem;
    font-size: 14px;
    content: "No results";
}
</style>"""


def render_streamlit_texts() -> None:
    """Add the rules in the session's language (an invisible element; call once per run)."""
    if current_language() == "nl":
        st.html(TEXT_STYLE_NL)
    else:
        st.html(TEXT_STYLE_EN)
