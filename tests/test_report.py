"""pipeline.report: the static HTML page, its JSON island and its escaping (no browser needed)."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

_HERE = Path(__file__).resolve().parent
for _p in (str(_HERE), str(_HERE.parent)):  # outputs_factory, and the package without installing it
    if _p not in sys.path:
        sys.path.insert(0, _p)

import outputs_factory as co  # noqa: E402

from pipeline.report import collect, embed_json, quote_segments, render_html, write_report  # noqa: E402


class _Scripts(HTMLParser):
    """Collects <script> elements as a browser's tokenizer sees them, and all tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.tags: list[str] = []
        self._attrs: dict[str, str | None] | None = None
        self._buf: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "script":
            self._attrs, self._buf = dict(attrs), []

    def handle_data(self, data):
        if self._attrs is not None:
            self._buf.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._attrs is not None:
            self.scripts.append((self._attrs, "".join(self._buf)))
            self._attrs = None


@pytest.fixture(scope="module", params=["file", "parts"])
def page(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    base = tmp_path_factory.mktemp("report-" + request.param)
    out = co.build_output(base / "out", layout=request.param)
    path = write_report(out, base / "report.html")
    assert path == base / "report.html"
    return path.read_text(encoding="utf-8")


def _parse(html: str) -> _Scripts:
    p = _Scripts()
    p.feed(html)
    p.close()
    return p


def test_page_structure(page: str) -> None:
    p = _parse(page)
    assert page.startswith("<!DOCTYPE html>")
    # exactly two script elements: the JSON island and the page's own script
    assert [a.get("type") for a, _ in p.scripts] == ["application/json", None]
    # no element came from the data (img, a, iframe...); only the template's tags
    assert "img" not in p.tags and "a" not in p.tags and "iframe" not in p.tags
    assert p.tags.count("script") == 2


def test_no_raw_markup_from_data(page: str) -> None:
    for hostile in (co.PWN_SCRIPT, co.PWN_IMG, co.PWN_CLOSE, "window.__pwned=1</script>", "<img"):
        assert hostile not in page
    assert page.lower().count("<script") == 2 and page.lower().count("</script") == 2
    assert "\u2028" not in page and "\u2029" not in page
    island = page.split('id="report-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in island and ">" not in island and "&" not in island
    assert island.isascii()


def test_json_island_round_trips(page: str, tmp_path: Path) -> None:
    p = _parse(page)
    data = json.loads(p.scripts[0][1])
    assert data == collect(co.build_output(tmp_path / "o"))
    quotes = {q["id"]: q for q in data["quotes"]}
    assert len(quotes) == 6 and data["n_quotes_total"] == 6
    # the hostile strings come back verbatim
    q6 = quotes["q6"]
    assert q6["t"] == co.Q6 and q6["f"] == co.PWN_IMG
    assert co.LS in "".join(s for s, _ in q6["x"])
    titles = {a["t"] for a in data["articles"]}
    assert co.TITLE3 in titles
    # actors: name, offices, number of quotes
    actors = {a["name"]: a for a in data["actors"]}
    assert {n: a["n"] for n, a in actors.items()} == {"Iin Mutmainah": 2, "Kusmanto": 2, "Andi Wijaya": 2}
    assert actors["Iin Mutmainah"]["offices"] == ["Ketua Bawaslu Jakarta Timur"]
    assert data["outlets"] == ["Detik", "Kompas"]
    # only http(s) sources become links
    urls = {a["id"]: a["u"] for a in data["articles"]}
    assert urls == {"a1b2c3d4e5f60001": None, "a1b2c3d4e5f60002": "https://example.com/detik/rapat-koordinasi",
                    "a1b2c3d4e5f60003": None}


def test_segments_highlight_quote_and_speaker(page: str) -> None:
    data = json.loads(_parse(page).scripts[0][1])
    quotes = {q["id"]: q for q in data["quotes"]}
    for q in quotes.values():
        marked = [s for s, kind in q["x"] if kind == 1]
        assert marked == [q["t"]]
    assert [s for s, k in quotes["q1"]["x"] if k == 2] == ["Iin Mutmainah"]
    assert [s for s, k in quotes["q4"]["x"] if k == 2] == ["Kus"]
    assert "".join(s for s, _ in quotes["q2"]["x"]) == f"Menurut Iin Mutmaïnah, {co.Q2}."


def test_csp_hash_matches_inline_script(page: str) -> None:
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp.split("style-src")[0]
    script = _parse(page).scripts[1][1]
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in csp
    sinks = re.findall(
        r"\.(?:inner|outer)HTML|insertAdjacentHTML|\beval\(|document\.write|new Function|setAttribute\(\s*[\"']on",
        script,
    )
    assert sinks == []


def test_embed_json_escapes() -> None:
    obj = {"a": "</script><!-- & \u2028\u2029 \udc80 é", "b": ["<", ">"]}
    text = embed_json(obj)
    assert text.isascii() and not set("<>&") & set(text)
    assert json.loads(text) == obj


def test_placeholders_in_data_are_not_expanded() -> None:
    html = render_html({"actors": [], "articles": [], "quotes": [], "outlets": [], "x": "{{SCRIPT}} {{CSP}}"})
    assert html.count("use strict") == 1
    assert "{{SCRIPT}} {{CSP}}" in html


def test_max_quotes_limits_embedded_not_counts(tmp_path: Path) -> None:
    out = co.build_output(tmp_path / "o")
    data = collect(out, max_quotes=2)
    assert len(data["quotes"]) == 2 and data["n_quotes_total"] == 6
    assert [q["id"] for q in data["quotes"]] == ["q6", "q4"]  # most recent first
    assert [a["name"] for a in data["actors"]] == ["Andi Wijaya", "Kusmanto"]
    assert all(a["n"] == 2 for a in data["actors"])


def test_quote_segments_fallbacks() -> None:
    text = "Para satu.\nDia berkata, \"halo dunia\" ujar Budi.\nPara tiga."
    s = text.index("halo dunia")
    segs = quote_segments(text, 0, "halo dunia", s, s + 10, (text.index("Budi"), text.index("Budi") + 4))
    assert "".join(x for x, _ in segs) == 'Dia berkata, "halo dunia" ujar Budi.'
    assert [x for x, k in segs if k] == ["halo dunia", "Budi"]
    # offsets that do not match the text: only the quote
    assert quote_segments(text, 0, "halo dunia", s + 1, s + 11) == [["halo dunia", 1]]
    assert quote_segments(None, 0, "halo", None, None) == [["halo", 1]]
    # speaker in the paragraph before: context widened to include it
    text2 = "Kata Budi:\n\"halo dunia\"\nLain."
    s2 = text2.index("halo")
    segs2 = quote_segments(text2, 0, "halo dunia", s2, s2 + 10, (5, 9))
    assert "".join(x for x, _ in segs2) == 'Kata Budi:\n"halo dunia"'
    # a very long paragraph is cut around the quote
    long = "x " * 3000 + "KUTIPAN" + " y" * 3000
    k = long.index("KUTIPAN")
    segs3 = quote_segments(long, 0, "KUTIPAN", k, k + 7)
    assert segs3[0] == ["…", 0] and segs3[-1] == ["…", 0] and sum(len(x) for x, _ in segs3) < 2500


def test_errors(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="E601"):
        write_report(tmp_path / "missing", tmp_path / "r.html")
    out = co.build_output(tmp_path / "o", skip=("quotes",))
    with pytest.raises(FileNotFoundError, match="E602"):
        write_report(out, tmp_path / "r.html")
    assert not (tmp_path / "r.html").exists()


def test_empty_quotes_table(tmp_path: Path) -> None:
    rows = co.all_rows()
    rows["quotes"] = []
    out = co.build_output(tmp_path / "o", rows=rows)
    page = write_report(out, tmp_path / "r.html").read_text()
    data = json.loads(_parse(page).scripts[0][1])
    assert data["quotes"] == [] and data["actors"] == []
