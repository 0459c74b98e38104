"""Loaders: one module per input format, all returning the same ValidationReport.

Every format is a :class:`~bw.loaders.common.Loader`: ``FORMAT`` (its name), ``looks_like(path,
header_cells) -> bool`` (a cheap test for ``--format auto``) and ``load(path, context) ->
Staged``, usually a :class:`~bw.loaders.common.FormatLoader` its module exports. Register it in
:data:`LOADERS`; the first whose ``looks_like`` answers yes is chosen by auto-detection. Helpers
that several loaders share live in :mod:`~bw.loaders.common`, :mod:`~bw.loaders.tabular`,
:mod:`~bw.loaders.workbook` and (CBS tables) :mod:`~bw.loaders.topics`; loaders never import
each other's.
"""

from bw.loaders import (
    cbs_odata,
    long_csv,
    region_reference,
    regional_monitor,
    statline_csv,
    wsjg,
)
from bw.loaders.common import Loader

#: Every loader, in the order auto-detection tries them.
# wsjg.TABLE (a name column, then 'label year' columns) is the loosest test: keep it last.
LOADERS: tuple[Loader, ...] = (
    long_csv.LOADER,
    region_reference.LOADER,
    wsjg.DELIVERY,
    regional_monitor.LOADER,
    cbs_odata.V4,
    cbs_odata.V3,
    statline_csv.UNTYPED,
    statline_csv.CLASSIC,
    statline_csv.CURRENT,
    wsjg.TABLE,
)

#: Format names, as ``--format`` accepts them.
FORMAT_NAMES: tuple[str, ...] = tuple(loader.FORMAT for loader in LOADERS)


def loader_for(name: str) -> Loader:
    """The loader of a format name; KeyError for an unknown one."""
    for loader in LOADERS:
        if name == loader.FORMAT:
            return loader
    raise KeyError(name)
