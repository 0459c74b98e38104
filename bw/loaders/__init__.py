"""Loaders: one module per input format, all returning the same ValidationReport.

Each loader module has ``FORMAT`` (its name), ``looks_like(path, header_cells) -> bool`` (a
cheap test for ``--format auto``) and ``load(path, context) -> Staged``. Register it in
:data:`LOADERS`; the first whose ``looks_like`` answers yes is chosen by auto-detection.
"""

from bw.loaders import long_csv

#: Every loader, in the order auto-detection tries them.
LOADERS = (long_csv,)

#: Format names, as ``--format`` accepts them.
FORMAT_NAMES = tuple(loader.FORMAT for loader in LOADERS)


def loader_for(name: str):
    """The loader module of a format name."""
    for loader in LOADERS:
        if name == loader.FORMAT:
            return loader
    raise KeyError(name)
