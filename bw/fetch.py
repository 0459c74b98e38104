"""Download CBS tables (OData v4 and v3) and boundary GeoJSON, saved the way the loaders read them.

Nothing here writes to the store: a fetch saves files, and ``python -m bw load`` (or
``fetch … --load``) validates and loads them like any other file. Every download is atomic:
files are written into a hidden temporary folder (or file) next to the destination and only
renamed into place when everything arrived and parsed, so a failed fetch leaves nothing
half-written.

- :func:`fetch_cbs_v4`: ``datasets.cbs.nl`` → ``observations-page-N.json``,
  ``measure-codes.json``, ``codes-<Dimension>.json``, ``dimensions.json``, ``properties.json``
  and ``index.json`` (the layout of :data:`bw.loaders.cbs_odata.V4`).
- :func:`fetch_cbs_v3`: ``opendata.cbs.nl/ODataFeed`` → ``TypedDataSet-N.json``,
  ``DataProperties.json``, ``<Dimension>.json``, ``TableInfos.json`` (the JSON layout of
  :data:`bw.loaders.cbs_odata.V3`).
- :func:`fetch_boundaries` / :func:`install_boundaries`: a boundary GeoJSON, checked with
  :func:`bw.geo.read_boundaries` (WGS84, ``statcode``; RD New refused) before it is moved to
  ``<data_dir>/boundaries/<level>_<year>.geojson``.

The HTTP session retries 429/500/502/503/504 and connection errors with exponential backoff
(honouring ``Retry-After``); every failure becomes a :class:`FetchError` with a message a user
can act on.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeAlias
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

import requests
import urllib3
from requests.adapters import HTTPAdapter
from urllib3.util import Retry

from bw.errors import BwError
from bw.geo import BoundaryError, level_word, read_boundaries
from bw.model import Level

#: OData v4 base of a table (``datasets.cbs.nl``).
CBS_V4_BASE = "https://datasets.cbs.nl/odata/v1/CBS/{table}"
#: OData v3 bulk feed of a table (pages with ``odata.nextLink``; ``ODataApi`` stops at 10,000 rows).
CBS_V3_BASE = "https://opendata.cbs.nl/ODataFeed/odata/{table}"

#: Default boundary source: the simplified CBS/PDOK gebiedsindelingen as WGS84 GeoJSON with a
#: ``statcode`` property, as republished by cartomap (github.com/cartomap/nl). NOT verified from
#: here (this project is built offline): check that the URL answers before relying on it, or
#: pass another template (``--url``) or a local file (``--file``). Fields: {level}, {year}.
BOUNDARY_URL_TEMPLATE = "https://cartomap.github.io/nl/wgs84/{level}_{year}.geojson"
#: The PDOK WFS of the CBS gebiedsindelingen (generalised areas, asked for in WGS84). Also not
#: verified offline; axis order of EPSG:4326 differs between WFS versions, which
#: read_boundaries detects (swapped coordinates) rather than drawing nonsense.
PDOK_BOUNDARY_URL_TEMPLATE = (
    "https://service.pdok.nl/cbs/gebiedsindelingen/{year}/wfs/v1_0?request=GetFeature"
    "&service=WFS&version=1.1.0&typeName={level}_gegeneraliseerd&outputFormat=json"
    "&srsName=EPSG:4326"
)

RETRY_STATUSES = (429, 500, 502, 503, 504)
DEFAULT_TIMEOUT = (10.0, 60.0)  # (connect, read) seconds
#: A single response larger than this is refused (a table page is a few MB).
MAX_RESPONSE_BYTES = 512 * 1024 * 1024
#: Pages followed at most (a loop of nextLinks must end).
MAX_PAGES = 100_000

#: Told of each page: a Dutch line and its counts ({'page': 3, 'rows': 10000, 'total_rows': …}).
Progress = Callable[[str, dict[str, object]], None]
#: requests' timeout: seconds, or (connect, read) seconds.
Timeout: TypeAlias = float | tuple[float, float]
#: A JSON object as json.loads gives it (an OData page, a code list).
JSONObject: TypeAlias = dict[str, Any]


class FetchError(BwError):
    """A download that failed; ``code`` is a stable machine word for tests."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code  # 'offline', 'not_found', 'http_error', 'retries_exhausted', …
        self.message = message


# --------------------------------------------------------------------------------------------
# HTTP
# --------------------------------------------------------------------------------------------


def make_session(
    *,
    retries: int = 5,
    backoff: float = 0.5,
    backoff_max: float = 60.0,
    user_agent: str = "bw (brede welvaart monitor)",
) -> requests.Session:
    """A session retrying 429/5xx and connection errors with exponential backoff.

    ``backoff`` is urllib3's backoff factor (waits ``backoff * 2**n`` seconds, at most
    ``backoff_max``); a ``Retry-After`` header on 429/503 is honoured. Tests pass ``backoff=0``.
    """
    retry = Retry(
        total=retries,
        connect=retries,
        read=retries,
        status=retries,
        other=0,
        backoff_factor=backoff,
        backoff_max=backoff_max,
        status_forcelist=RETRY_STATUSES,
        allowed_methods=frozenset({"GET", "HEAD"}),
        respect_retry_after_header=True,
        raise_on_status=True,
    )
    session = requests.Session()
    adapter = HTTPAdapter(max_retries=retry)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    session.headers.update({"User-Agent": user_agent, "Accept": "application/json"})
    return session


def _host(url: str) -> str:
    return urlsplit(url).netloc or url


def get_bytes(
    session: requests.Session,
    url: str,
    *,
    timeout: Timeout = DEFAULT_TIMEOUT,
    what: str | None = None,
) -> bytes:
    """The body of a GET, or a :class:`FetchError` that says what went wrong."""
    host = _host(url)
    try:
        response = session.get(url, timeout=timeout, stream=True)
    except requests.exceptions.RetryError as error:
        raise FetchError(
            "retries_exhausted",
            f"{host} bleef een fout geven na herhaalde pogingen ({url}): "
            f"{_reason(error)}; probeer het later opnieuw",
        ) from None
    except (requests.exceptions.ConnectTimeout, requests.exceptions.ConnectionError) as error:
        if _is_read_error(error):
            raise FetchError(
                "timeout", f"{host} antwoordde niet op tijd ({url}): {_reason(error)}"
            ) from None
        if not _is_connect_error(error):
            raise FetchError(
                "connection_lost",
                f"de verbinding met {host} werd verbroken "
                f"({url}): {_reason(error)}; probeer het later opnieuw",
            ) from None
        raise FetchError(
            "offline",
            f"geen verbinding met {host}: werkt u offline? Laad dan een "
            "opgeslagen bestand met python -m bw load",
        ) from None
    except requests.exceptions.Timeout:
        raise FetchError(
            "timeout",
            f"{host} antwoordde niet binnen {_read_timeout(timeout)} s "
            f"({url}); probeer het later opnieuw",
        ) from None
    except requests.exceptions.RequestException as error:
        raise FetchError("http_error", f"downloaden van {url} mislukte: {error}") from None
    with response:
        if response.status_code == 404:
            raise FetchError(
                "not_found",
                f"{what or url} bestaat niet op {host} (HTTP 404): "
                "controleer de naam of het tabelnummer",
            )
        if response.status_code >= 400:
            raise FetchError(
                "http_error",
                f"{host} weigerde {what or url} (HTTP "
                f"{response.status_code}): {_snippet(response)}",
            )
        try:
            chunks, size = [], 0
            for chunk in response.iter_content(chunk_size=1 << 16):
                size += len(chunk)
                if size > MAX_RESPONSE_BYTES:
                    raise FetchError(
                        "too_large",
                        f"{url}: the answer is larger than "
                        f"{MAX_RESPONSE_BYTES // (1 << 20)} MB; refused",
                    )
                chunks.append(chunk)
        except requests.exceptions.RequestException as error:
            raise FetchError(
                "timeout", f"{host} brak het antwoord af ({url}): {_reason(error)}"
            ) from None
    return b"".join(chunks)


def get_json(
    session: requests.Session,
    url: str,
    *,
    timeout: Timeout = DEFAULT_TIMEOUT,
    what: str | None = None,
) -> Any:
    """A GET parsed as JSON, or a :class:`FetchError` (invalid JSON included)."""
    body = get_bytes(session, url, timeout=timeout, what=what)
    try:
        return json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        start = body[:80].decode("utf-8", errors="replace").strip()
        raise FetchError(
            "invalid_json",
            f"{_host(url)} gaf geen geldige JSON voor "
            f"{what or url} ({error}); begin van het antwoord: {start!r}",
        ) from None


def _reason(error: Exception) -> str:
    inner = error.args[0] if error.args else error
    reason = getattr(inner, "reason", None)
    return str(reason or inner)


def _is_read_error(error: Exception) -> bool:
    text = _reason(error).lower()
    return "read timed out" in text or "readtimeout" in text


def _is_connect_error(error: Exception) -> bool:
    """Whether the host could not be reached at all (DNS, refused, connect timeout)."""
    if isinstance(error, requests.exceptions.ConnectTimeout):
        return True
    inner = error.args[0] if error.args else None
    reason = getattr(inner, "reason", inner)
    return isinstance(
        reason, (urllib3.exceptions.NewConnectionError, urllib3.exceptions.ConnectTimeoutError)
    )


def _read_timeout(timeout: Timeout) -> float:
    return timeout[1] if isinstance(timeout, tuple) else timeout


def _snippet(response: requests.Response) -> str:
    try:
        text = response.text[:300]
    except Exception:  # noqa: BLE001 - only for the message
        text = ""
    return " ".join(text.split()) or response.reason or ""


def with_query(url: str, params: dict[str, str]) -> str:
    """``url`` with OData query options added (``$`` and quotes kept readable)."""
    if not params:
        return url
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    present = {key for key, _ in query}
    query += [(k, v) for k, v in params.items() if k not in present]
    encoded = urlencode(query, quote_via=quote, safe="$,()'*")
    return urlunsplit((parts.scheme, parts.netloc, parts.path, encoded, parts.fragment))


def _same_origin(url: str, base: str) -> bool:
    a, b = urlsplit(url), urlsplit(base)
    return (a.scheme, a.netloc) == (b.scheme, b.netloc)


def _pages(
    session: requests.Session,
    url: str,
    *,
    next_key: str,
    base: str,
    what: str,
    timeout: Timeout,
    progress: Progress | None,
    extra: dict[str, str] | None = None,
) -> Iterator[JSONObject]:
    """Every page of a paged OData answer, following ``next_key`` until absent."""
    seen: set[str] = set()
    number = 0
    rows = 0
    while url:
        if url in seen or number >= MAX_PAGES:
            raise FetchError(
                "paging_loop",
                f"{what}: the next-page link repeats ({url}); the download stops rather than loop",
            )
        seen.add(url)
        number += 1
        page = get_json(session, url, timeout=timeout, what=what)
        if not isinstance(page, dict) or not isinstance(page.get("value"), list):
            raise FetchError(
                "unexpected_answer",
                f"{what}: page {number} has no 'value' list "
                f"({_host(url)} answered something else than an OData collection)",
            )
        rows += len(page["value"])
        if progress is not None:
            progress(
                f"pagina {number}",
                {"page": number, "rows": len(page["value"]), "total_rows": rows, "what": what},
            )
        yield page
        link = page.get(next_key)
        if link is not None and not isinstance(link, str):
            raise FetchError("unexpected_answer", f"{what}: {next_key} is not a link")
        if link and not _same_origin(link, base):
            raise FetchError(
                "unexpected_answer",
                f"{what}: the next-page link points to another "
                f"host ({_host(link)}, expected {_host(base)}); refused",
            )
        url = with_query(link, extra or {}) if link else ""


def _collection(
    session: requests.Session, url: str, *, next_key: str, base: str, what: str, timeout: Timeout
) -> JSONObject:
    """A (possibly paged) code list merged into one OData document."""
    merged: JSONObject | None = None
    for page in _pages(
        session, url, next_key=next_key, base=base, what=what, timeout=timeout, progress=None
    ):
        if merged is None:
            merged = {k: v for k, v in page.items() if k != next_key}
        else:
            merged["value"].extend(page["value"])
    return merged or {"value": []}


# --------------------------------------------------------------------------------------------
# Atomic destination folders
# --------------------------------------------------------------------------------------------


class _Staging:
    """A hidden temporary folder beside ``dest``, renamed into place by :meth:`commit`."""

    def __init__(self, dest: Path) -> None:
        self.dest = Path(dest)
        self.dest.parent.mkdir(parents=True, exist_ok=True)
        self.folder = Path(
            tempfile.mkdtemp(prefix=f".{self.dest.name}.part-", dir=self.dest.parent)
        )

    def write_json(self, name: str, document: object) -> Path:
        path = self.folder / name
        path.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
        return path

    def commit(self) -> Path:
        old = None
        if self.dest.exists():
            old = self.dest.parent / f".{self.dest.name}.old-{os.getpid()}-{time.time_ns()}"
            os.replace(self.dest, old)
        os.replace(self.folder, self.dest)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        return self.dest

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def _check_table(table: str) -> str:
    text = str(table).strip()
    if not text or not text.isalnum() or len(text) > 20:
        raise FetchError("bad_table", f"{table!r} is not a CBS table number (such as 83625NED)")
    return text


def _codes(values: Sequence[str] | None) -> list[str]:
    return [str(v).strip() for v in values or [] if str(v).strip()]


def _match_codes(requested: list[str], keys: Iterable[str], *, what: str, table: str) -> list[str]:
    """The table's own (possibly padded) keys of ``requested`` codes; unknown codes are errors."""
    by_code = {str(k).strip().upper(): str(k) for k in keys}
    unknown = [code for code in requested if code.upper() not in by_code]
    if unknown:
        shown = ", ".join(unknown[:10])
        raise FetchError("unknown_code", f"tabel {table} kent {what} {shown} niet")
    return [by_code[code.upper()] for code in requested]


def _or_filter(field: str, keys: list[str]) -> str:
    terms = " or ".join(f"{field} eq '{key.replace(chr(39), chr(39) * 2)}'" for key in keys)
    return f"({terms})" if len(keys) > 1 else terms


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


# --------------------------------------------------------------------------------------------
# CBS OData v4
# --------------------------------------------------------------------------------------------


def fetch_cbs_v4(
    table: str,
    *,
    dest: Path,
    regions: Sequence[str] | None = None,
    periods: Sequence[str] | None = None,
    measures: Sequence[str] | None = None,
    base_url: str = CBS_V4_BASE,
    session: requests.Session | None = None,
    progress: Progress | None = None,
    timeout: Timeout = DEFAULT_TIMEOUT,
) -> Path:
    """Download a v4 table into ``dest`` (the folder the cbs_odata_v4 loader reads); return it.

    Observations are filtered on ``RegioS``/``Perioden``/``Measure`` when codes are given
    (unknown codes are an error before the observations are asked for). Raises
    :class:`FetchError`; on any error nothing is left at ``dest`` (an existing folder stays).
    """
    table = _check_table(table)
    base = base_url.format(table=table).rstrip("/")
    session = session or make_session()
    staging = _Staging(Path(dest))
    try:
        what = f"tabel {table}"
        properties = get_json(session, f"{base}/Properties", timeout=timeout, what=what)
        if not isinstance(properties, dict):
            raise FetchError("unexpected_answer", f"{what}: Properties is not a JSON object")
        staging.write_json("properties.json", properties)
        files = {"properties": "properties.json"}
        dimensions = _collection(
            session,
            f"{base}/Dimensions",
            next_key="@odata.nextLink",
            base=base,
            what=f"{what} Dimensions",
            timeout=timeout,
        )
        staging.write_json("dimensions.json", dimensions)
        files["dimensions"] = "dimensions.json"
        measure_codes = _collection(
            session,
            f"{base}/MeasureCodes",
            next_key="@odata.nextLink",
            base=base,
            what=f"{what} MeasureCodes",
            timeout=timeout,
        )
        staging.write_json("measure-codes.json", measure_codes)
        files["measure-codes"] = "measure-codes.json"
        code_lists: dict[str, list[str]] = {}
        geo = time_dim = None
        for dim in dimensions["value"]:
            name = str(dim.get("Identifier") or "").strip() if isinstance(dim, dict) else ""
            if not name.isidentifier():
                continue
            kind = str(dim.get("Kind") or dim.get("@odata.type") or "")
            geo = geo or (name if "GeoDimension" in kind else None)
            time_dim = time_dim or (name if "TimeDimension" in kind else None)
            codes = _collection(
                session,
                f"{base}/{name}Codes",
                next_key="@odata.nextLink",
                base=base,
                what=f"{what} {name}Codes",
                timeout=timeout,
            )
            staging.write_json(f"codes-{name}.json", codes)
            files[f"codes-{name}"] = f"codes-{name}.json"
            code_lists[name] = [
                str(row.get("Identifier")) for row in codes["value"] if isinstance(row, dict)
            ]
        terms = []
        for field, requested, label in (
            (geo or "RegioS", regions, "regio"),
            (time_dim or "Perioden", periods, "periode"),
            ("Measure", measures, "onderwerp"),
        ):
            wanted = _codes(requested)
            if not wanted:
                continue
            keys = (
                code_lists.get(field)
                if field != "Measure"
                else [
                    str(r.get("Identifier")) for r in measure_codes["value"] if isinstance(r, dict)
                ]
            )
            if keys:
                wanted = _match_codes(wanted, keys, what=label, table=table)
            terms.append(_or_filter(field, wanted))
        slice_filter = " and ".join(terms)
        first = with_query(f"{base}/Observations", {"$filter": slice_filter} if terms else {})
        pages, rows = [], 0
        for number, page in enumerate(
            _pages(
                session,
                first,
                next_key="@odata.nextLink",
                base=base,
                what=f"{what} Observations",
                timeout=timeout,
                progress=progress,
            ),
            start=1,
        ):
            name = f"observations-page-{number}.json"
            staging.write_json(name, page)
            pages.append(name)
            rows += len(page["value"])
        staging.write_json(
            "index.json",
            {
                "tableId": table,
                "table": table,
                "capturedAt": _now(),
                "time": _now(),
                "source": base,
                "url": first,
                "sliceFilter": slice_filter or None,
                "observationRows": rows,
                "observationPages": pages,
                "files": files,
            },
        )
        if progress is not None:
            progress("klaar", {"pages": len(pages), "total_rows": rows})
        return staging.commit()
    except BaseException:
        staging.discard()
        raise


# --------------------------------------------------------------------------------------------
# CBS OData v3 (ODataFeed)
# --------------------------------------------------------------------------------------------


def fetch_cbs_v3(
    table: str,
    *,
    dest: Path,
    regions: Sequence[str] | None = None,
    periods: Sequence[str] | None = None,
    measures: Sequence[str] | None = None,
    base_url: str = CBS_V3_BASE,
    session: requests.Session | None = None,
    progress: Progress | None = None,
    timeout: Timeout = DEFAULT_TIMEOUT,
) -> Path:
    """Download a v3 table into ``dest`` (the JSON layout the cbs_odata_v3 loader reads).

    ``TypedDataSet-N.json`` pages (``odata.nextLink`` followed), ``DataProperties.json``,
    one ``<Dimension>.json`` per dimension and ``TableInfos.json``. Region and period codes are
    matched to the table's padded keys before filtering; ``measures`` are topic keys, selected
    with ``$select``. Atomic like :func:`fetch_cbs_v4`.
    """
    table = _check_table(table)
    base = base_url.format(table=table).rstrip("/")
    session = session or make_session()
    fmt = {"$format": "json"}
    staging = _Staging(Path(dest))
    try:
        what = f"tabel {table}"

        def collection(endpoint: str) -> JSONObject:
            return _collection(
                session,
                with_query(f"{base}/{endpoint}", fmt),
                next_key="odata.nextLink",
                base=base,
                what=f"{what} {endpoint}",
                timeout=timeout,
            )

        infos = collection("TableInfos")
        staging.write_json("TableInfos.json", infos)
        properties = collection("DataProperties")
        staging.write_json("DataProperties.json", properties)
        dims: list[tuple[str, str]] = []
        topics: list[str] = []
        for row in properties["value"]:
            if not isinstance(row, dict):
                continue
            kind = str(row.get("Type") or row.get("odata.type") or "")
            key = str(row.get("Key") or "").strip()
            if kind.endswith("Dimension") and key.isidentifier():
                dims.append((key, kind))
            elif kind.endswith("Topic") and key:
                topics.append(key)
        keys_of: dict[str, list[str]] = {}
        for key, _ in dims:
            codes = collection(key)
            staging.write_json(f"{key}.json", codes)
            keys_of[key] = [str(r.get("Key")) for r in codes["value"] if isinstance(r, dict)]
        geo = next((k for k, kind in dims if "GeoDimension" in kind), "RegioS")
        time_dim = next((k for k, kind in dims if "TimeDimension" in kind), "Perioden")
        terms = []
        for field, requested, label in ((geo, regions, "regio"), (time_dim, periods, "periode")):
            wanted = _codes(requested)
            if wanted:
                padded = _match_codes(wanted, keys_of.get(field, []), what=label, table=table)
                terms.append(_or_filter(field, padded))
        params = dict(fmt)
        if terms:
            params["$filter"] = " and ".join(terms)
        chosen = _codes(measures)
        if chosen:
            known = {t.upper(): t for t in topics}
            unknown = [m for m in chosen if m.upper() not in known]
            if unknown:
                raise FetchError(
                    "unknown_code", f"tabel {table} kent onderwerp {', '.join(unknown[:10])} niet"
                )
            params["$select"] = ",".join(
                ["ID", *(k for k, _ in dims), *(known[m.upper()] for m in chosen)]
            )
        first = with_query(f"{base}/TypedDataSet", params)
        rows = 0
        number = 0
        for number, page in enumerate(
            _pages(
                session,
                first,
                next_key="odata.nextLink",
                base=base,
                what=f"{what} TypedDataSet",
                timeout=timeout,
                progress=progress,
                extra=fmt,
            ),
            start=1,
        ):
            staging.write_json(f"TypedDataSet-{number}.json", page)
            rows += len(page["value"])
        if progress is not None:
            progress("klaar", {"pages": number, "total_rows": rows})
        return staging.commit()
    except BaseException:
        staging.discard()
        raise


# --------------------------------------------------------------------------------------------
# Boundaries
# --------------------------------------------------------------------------------------------

BOUNDARY_LEVELS = ("gemeente", "provincie")


def boundary_path(dest_dir: Path, *, level: str, year: int) -> Path:
    """Where a boundary file of ``level`` and ``year`` goes: ``dest_dir/boundaries/…``."""
    return Path(dest_dir) / "boundaries" / f"{level_word(level)}_{int(year)}.geojson"


def _install_checked(source: Path, *, level: str, year: int, dest_dir: Path, move: bool) -> Path:
    """Check ``source`` with read_boundaries; then copy (or move) it into place atomically."""
    word = level_word(level)
    target = boundary_path(dest_dir, level=word, year=year)
    try:
        boundaries = read_boundaries(source)
    except BoundaryError as error:
        raise FetchError(f"boundary_{error.code}", error.message) from None
    expected = {"gemeente": Level.GM, "provincie": Level.PV}.get(word)
    prefixes = {code[:2].upper() for code in boundaries.codes}
    if expected and prefixes != {expected}:
        raise FetchError(
            "boundary_wrong_level",
            f"{source.name}: the statcodes ({', '.join(sorted(prefixes))}…) are "
            f"not all {expected} codes, so this is no {word} map",
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{target.name}.part-", dir=target.parent)
    os.close(handle)
    try:
        if move:
            os.replace(source, temp)
        else:
            shutil.copyfile(source, temp)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return target


def install_boundaries(path: Path, *, level: str = "gemeente", year: int, dest_dir: Path) -> Path:
    """Install a boundary GeoJSON the user has, checked like a download; return its new path."""
    path = Path(path)
    if not path.is_file():
        raise FetchError("boundary_not_found", f"{path}: boundary file not found")
    return _install_checked(path, level=level, year=year, dest_dir=dest_dir, move=False)


def fetch_boundaries(
    year: int,
    *,
    level: str = "gemeente",
    dest_dir: Path,
    url_template: str = BOUNDARY_URL_TEMPLATE,
    session: requests.Session | None = None,
    timeout: Timeout = DEFAULT_TIMEOUT,
) -> Path:
    """Download the boundary GeoJSON of ``level`` and ``year``, check it, then move it in place.

    ``url_template`` takes ``{level}`` and ``{year}``; the default (cartomap's WGS84 copies of
    the CBS/PDOK gebiedsindelingen) could not be verified offline: check it. An RD New, invalid
    or wrong-level file is refused and nothing is written.
    """
    word = level_word(level)
    url = url_template.format(level=word, year=int(year))
    session = session or make_session()
    body = get_bytes(session, url, timeout=timeout, what=f"de {word}grenzen van {year}")
    folder = Path(dest_dir) / "boundaries"
    folder.mkdir(parents=True, exist_ok=True)
    # A hidden folder holding the file under its final name, so messages name it properly.
    temp_dir = Path(tempfile.mkdtemp(prefix=f".{word}_{year}.download-", dir=folder))
    try:
        temp = temp_dir / f"{word}_{int(year)}.geojson"
        temp.write_bytes(body)
        return _install_checked(temp, level=word, year=int(year), dest_dir=dest_dir, move=True)
    finally:
        shutil.rmtree(temp_dir, ignore_errors=True)
