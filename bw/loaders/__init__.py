"""Loaders: one module per input format, all returning the same ValidationReport.

Each loader module has ``FORMAT`` (its name), ``looks_like(path, header_cells) -> bool`` (a
cheap test for ``--format auto``) and ``load(path, context) -> Staged``. Register it in
:data:`LOADERS`; the first whose ``looks_like`` answers yes is chosen by auto-detection.
"""

from bw.loaders import (
    cbs_odata,
    long_csv,
    region_reference,
    regional_monitor,
    statline_csv,
    wsjg,
)

#: Every loader, in the order auto-detection tries them.
# wsjg.table (a name column, then 'label year' columns) is the loosest test: keep it last.
LOADERS = (
    long_csv,
    region_reference,
    wsjg,
    regional_monitor,
    cbs_odata.V4,
    cbs_odata.V3,
    statline_csv.UNTYPED,
    statline_csv.CLASSIC,
    statline_csv.CURRENT,
    wsjg.table,
)

#: Format names, as ``--format`` accepts them.
FORMAT_NAMES = tuple(loader.FORMAT for loader in LOADERS)


def loader_for(name: str):
    """The loader module of a format name."""
    for loader in LOADERS:
        if name == loader.FORMAT:
            return loader
    raise KeyError(name)
