"""The DuckDB store: one import for the rest of bw (``from bw import store``).

The code lives in modules with one job each; this facade re-exports their public names:

- :mod:`bw.store.connection`: opening (read-only or writable), schema, migrations
- :mod:`bw.store.recovery`: repairing a store after a crash (leftovers of an unfinished commit)
- :mod:`bw.store.meta`: transactions, metadata, registered frames, the store's counts
- :mod:`bw.store.catalogue`: themes and indicators
- :mod:`bw.store.regions`: regions and region groups
- :mod:`bw.store.observations`: loads, observations with history, undo
- :mod:`bw.store.current_targets`: the streefwaarden the monitor judges against
- :mod:`bw.store.derived`: the derived tables and one reader per view of them
- :mod:`bw.store.judgements`: status, trend, progress and projection judged at write time
- :mod:`bw.store.region_page`: everything the Overzicht reads of one region, and the parts
  every region's page shares (read once per store version)

Imported directly by their one user, not re-exported: :mod:`bw.store.aggregation` (values
computed from gemeenten, :mod:`bw.cbs_store`), :mod:`bw.store.snapshot` (snapshots and
database copies, :mod:`bw.snapshot`), :mod:`bw.store.plausibility` (the plausibility checks'
queries, :mod:`bw.plausibility`), :mod:`bw.store.comparison` (a checked file's values against
the store's, :mod:`bw.intake`). Feature tables (targets history, programmes, workshops, …)
have their own modules, imported by their features directly, not from here.
"""

from __future__ import annotations

from bw.store.catalogue import (
    CatalogueIndicator,
    insert_indicators,
    insert_themes,
    read_indicator_catalogue,
    read_indicator_units,
    read_indicators,
    read_observed_indicator_ids,
    read_theme_dimensions,
    read_themes,
    replace_indicators,
)
from bw.store.connection import (
    backup_path_for,
    connect,
    connect_for_reading,
    migrate,
    repair_before_reading,
    schema_version,
)
from bw.store.current_targets import read_current_targets, write_targets
from bw.store.derived import (
    COMPARISON_PERIOD_COLUMNS,
    DERIVED_TABLES,
    AggregatedValue,
    MissingPeriod,
    Position,
    SeriesSummary,
    has_stored_comparison_rule,
    read_aggregated,
    read_comparison_period,
    read_comparison_periods,
    read_latest_by_theme,
    read_missing,
    read_ranking,
    read_ranking_years,
    read_ranks_in_year,
    read_references,
    read_series_summaries,
    refresh_derived,
)
from bw.store.errors import (
    SchemaTooNewError,
    SchemaTooOldError,
    StoreError,
    StoreFilledError,
    StoreInUseError,
)
from bw.store.judgements import read_judgements, refresh_judgements
from bw.store.lake import LakeBusyError, LakeUnreachableError, is_lake, is_write_conflict
from bw.store.lake import snapshot_id as lake_snapshot_id
from bw.store.meta import (
    STORE_SOURCES,
    checkpoint,
    cursor,
    is_demo,
    memory_limit,
    new_id,
    read_change_counts,
    read_info,
    read_meta,
    read_source,
    register_frame,
    require_unfilled,
    set_meta,
    transaction,
    unregister_frame,
)
from bw.store.observations import (
    WriteCounts,
    create_load,
    find_load_by_checksum,
    read_loads,
    read_observations_for_export,
    undo_load,
    write_observations,
)
from bw.store.recovery import Recovery, recover_after_crash, wal_path
from bw.store.region_page import (
    ReferenceSeries,
    RegionPageRow,
    SharedReads,
    read_reference_series,
    read_region_page,
    read_shared_reads,
)
from bw.store.regions import (
    RegionGroup,
    insert_group,
    insert_region_mergers,
    insert_regions,
    peer_key_of,
    read_group,
    read_group_members,
    read_region,
    read_region_and_province,
    read_regions,
    update_region_attributes,
)
from bw.store.versions import MIGRATIONS, SCHEMA_VERSION

__all__ = [
    "LakeBusyError",
    "LakeUnreachableError",
    "cursor",
    "is_lake",
    "lake_snapshot_id",
    "is_write_conflict",
    "new_id",
    "AggregatedValue",
    "CatalogueIndicator",
    "COMPARISON_PERIOD_COLUMNS",
    "DERIVED_TABLES",
    "MIGRATIONS",
    "MissingPeriod",
    "Position",
    "ReferenceSeries",
    "RegionPageRow",
    "RegionGroup",
    "SharedReads",
    "SCHEMA_VERSION",
    "STORE_SOURCES",
    "SchemaTooNewError",
    "SeriesSummary",
    "SchemaTooOldError",
    "StoreError",
    "StoreInUseError",
    "StoreFilledError",
    "require_unfilled",
    "WriteCounts",
    "backup_path_for",
    "checkpoint",
    "Recovery",
    "recover_after_crash",
    "wal_path",
    "connect",
    "connect_for_reading",
    "repair_before_reading",
    "create_load",
    "find_load_by_checksum",
    "has_stored_comparison_rule",
    "insert_group",
    "insert_indicators",
    "insert_region_mergers",
    "insert_regions",
    "insert_themes",
    "is_demo",
    "memory_limit",
    "migrate",
    "peer_key_of",
    "read_aggregated",
    "read_change_counts",
    "read_comparison_period",
    "read_comparison_periods",
    "read_current_targets",
    "read_group",
    "read_group_members",
    "read_indicator_catalogue",
    "read_indicator_units",
    "read_indicators",
    "read_info",
    "read_judgements",
    "read_latest_by_theme",
    "read_loads",
    "read_meta",
    "read_missing",
    "read_observed_indicator_ids",
    "read_observations_for_export",
    "read_ranking",
    "read_ranking_years",
    "read_ranks_in_year",
    "read_references",
    "read_reference_series",
    "read_region",
    "read_region_and_province",
    "read_region_page",
    "read_regions",
    "read_series_summaries",
    "read_shared_reads",
    "read_source",
    "read_theme_dimensions",
    "read_themes",
    "refresh_derived",
    "refresh_judgements",
    "register_frame",
    "replace_indicators",
    "schema_version",
    "set_meta",
    "transaction",
    "undo_load",
    "unregister_frame",
    "update_region_attributes",
    "write_observations",
    "write_targets",
]
