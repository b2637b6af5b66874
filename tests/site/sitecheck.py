"""Checks of a built website, on its HTML files (standard library only): links, images, explorers.

Each check returns a list of problems (empty = fine), so a test can assert on it and another test can
show that it finds a planted fault.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

#: What a saved notebook showed where an explorer was, before explorers carried a static rendering.
PLACEHOLDER = "[Interactive explorer: run this cell"
EXTERNAL = ("http:", "https:", "mailto:", "data:", "javascript:", "tel:")
#: Every element whose attribute names another file of the site.
LINK_ATTRS = {("a", "href"), ("link", "href"), ("img", "src"), ("script", "src"), ("source", "src"),
              ("iframe", "src")}


@dataclass
class Page:
    links: list[str] = field(default_factory=list)
    images: list[dict[str, str | None]] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    text: list[str] = field(default_factory=list)
    explorers: int = 0


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for key in ("id", "name"):
            if a.get(key) and (key == "id" or tag == "a"):
                self.page.ids.add(a[key])
        for t, attr in LINK_ATTRS:
            if tag == t and a.get(attr):
                self.page.links.append(a[attr])
        if tag == "img":
            self.page.images.append(a)
        if "wmolab-static-explorer" in (a.get("class") or "").split():
            self.page.explorers += 1
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.page.text.append(data)


def parse_html(text: str) -> Page:
    parser = _Parser()
    parser.feed(text)
    return parser.page


@cache
def parse(path: Path) -> Page:
    return parse_html(path.read_text(encoding="utf-8"))


def pages(site: Path) -> list[Path]:
    return sorted(p.resolve() for p in site.rglob("*.html") if "_static" not in p.parts)


def broken_links(site: Path) -> list[str]:
    """Every href/src of every page that does not resolve to a file of the site (or to an id in it)."""
    problems = []
    site = site.resolve()
    for page in pages(site):
        for link in parse(page).links:
            if link.startswith(EXTERNAL) or link.startswith("//"):
                continue
            parts = urlsplit(link)
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            rel = page.relative_to(site)
            if not target.is_file() or site not in target.parents:
                problems.append(f"{rel}: {link} (no such file)")
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in parse(target).ids:
                problems.append(f"{rel}: {link} (no such anchor)")
    return problems


def bad_images(page: Page) -> list[str]:
    """Images without a description: no alt, an empty one, or only a file name (Sphinx's fallback)."""
    problems = []
    for img in page.images:
        alt = (img.get("alt") or "").strip()
        src = (img.get("src") or "")[:60]
        if not alt:
            problems.append(f"no alt text: {src}")
        elif re.search(r"\.(png|jpe?g|svg|gif)$", alt, re.I) or len(alt.split()) < 3:
            problems.append(f"alt text is not a description ({alt!r}): {src}")
    return problems


def placeholder_only(page: Page) -> bool:
    """The page shows an explorer only as the old text placeholder."""
    return PLACEHOLDER in "".join(page.text)
