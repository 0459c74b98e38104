"""User and file text made inert for Streamlit's Markdown (issue 14: Markdown injection).

Streamlit renders GitHub-flavoured Markdown in ``st.markdown``, ``st.write``, ``st.caption``,
titles, alerts, and in every widget label, help text, radio option and expander or tab label.
An indicator name such as ``![x](http://attacker/p.png)`` would become an image that every
viewer's browser fetches, and ``www.example.org`` or ``a@b.nl`` a link. :func:`md` escapes every
character that starts such a construct, so the text shows exactly as written; call it on every
piece of text a user, an import or a file supplied, right where it is put into Markdown (never
on text that goes to a table, a select box's options or a figure: those show it literally).

Escaping alone does not stop GFM's *literal* autolinks: Streamlit's renderer (remark-gfm) finds
``http://…``, ``www.…`` and ``name@host.tld`` in the text after escapes are resolved. So
:func:`md` also puts an invisible WORD JOINER (U+2060) inside ``://``, after ``www`` and after
``@``: the text looks the same, but no longer matches (found in the browser test
``tests/browser/test_injection.py``).
"""

from __future__ import annotations

import re

#: Characters that open or close a Markdown, GFM, math or Streamlit construct anywhere in a
#: line: emphasis and code, links, images and colour directives ([ ]), HTML and autolinks
#: (< >), headings, tables, strikethrough, math ($), and character references (&): decoded
#: before remark-gfm looks for autolinks, ``http&#58;//`` would become ``http://``.
_INLINE = re.compile(r"([\\`*_\[\]<>#|$~&])")
#: List markers and setext underlines count only at the start of a line.
_BULLET = re.compile(r"(?m)^([ \t]*)([-+=])")
_ORDERED = re.compile(r"(?m)^([ \t]*)(\d{1,9})([.)])")
#: Where a literal autolink would start (``://``, ``www.``, ``@``), an invisible word joiner
#: breaks the match.
_JOINER = "\u2060"
_LITERAL_LINK = re.compile(r"(?i)(?<=:)(?=//)|(?<=www)(?=\.)|(?<=@)")


def md(text: object) -> str:
    r"""``text`` shown literally in Markdown: no image, link, HTML, heading, list or emphasis.

    >>> md("![x](http://a.example/p.png) 2024*").replace(_JOINER, "~")
    '!\\[x\\](http:~//a.example/p.png) 2024\\*'
    >>> md("<img src=x> www.a.example b@c.nl").replace(_JOINER, "~")
    '\\<img src=x\\> www~.a.example b@~c.nl'
    >>> md("- punt\n1. punt")
    '\\- punt\n1\\. punt'
    """
    escaped = _INLINE.sub(r"\\\1", _LITERAL_LINK.sub(_JOINER, str(text)))
    escaped = _BULLET.sub(r"\1\\\2", escaped)
    return _ORDERED.sub(r"\1\2\\\3", escaped)
