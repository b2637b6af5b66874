"""Sphinx configuration of the WMO Lab website.

``make site`` (:mod:`wmolab.authoring.site`) copies this file into ``build/site-src/`` with the pages it
stages there, and writes ``_wmolab.json`` next to it: the addresses from ``course.toml``. Nothing here
needs the network: MyST-NB renders the committed, executed notebooks as they are (no execution), the
book theme brings its own scripts, fonts and icons, and Sphinx's search index is a local file.
"""
from __future__ import annotations

import json
from pathlib import Path

_COURSE = json.loads((Path(__file__).parent / "_wmolab.json").read_text(encoding="utf-8"))

project = "WMO Lab"
author = "the WMO Lab authors"
copyright = "the WMO Lab authors: text and data CC BY 4.0, code MIT"  # noqa: A001 (Sphinx's name)
language = "en"
root_doc = "index"

extensions = ["myst_nb"]
exclude_patterns = ["_build", "**.ipynb_checkpoints"]

# --- notebooks: the committed, executed notebooks are the pages ---
nb_execution_mode = "off"
nb_merge_streams = True
myst_heading_anchors = 3
myst_enable_extensions = ["deflist"]

# --- HTML ---
html_theme = "sphinx_book_theme"
html_title = "WMO Lab"
html_baseurl = _COURSE["site"]
html_static_path = ["_static"]
templates_path = ["_templates"]   # one theme component made accessible (see the file)
html_css_files = ["wmolab-site.css"]
html_favicon = "_static/wmolab-icon.svg"
html_context = {"default_mode": "light"}   # readers can switch to dark with the theme button
html_last_updated_fmt = None   # no dates: the same sources give the same site
html_show_sourcelink = False
html_copy_source = True        # the download button offers each page's notebook (or Markdown) file
html_theme_options = {
    "use_download_button": True,
    "use_fullscreen_button": False,
    "home_page_in_toc": True,
    "show_navbar_depth": 1,
    # one level in the sidebar: deeper levels come with an unnamed <summary> toggle (axe-core: summary-name);
    # the dataset pages are listed on the Datasets page
    "max_navbar_depth": 1,
    "navigation_with_keys": False,
    # the launch links are the course's own (built from course.toml, on each lesson and sheet page)
    "launch_buttons": {},
}
# The repository button knows GitHub, GitLab and Bitbucket; a fork elsewhere (course.toml allows any git
# host) simply has no repository button rather than a failing build.
_HOST = _COURSE["repository"].split("/")[2].lower() if "://" in _COURSE["repository"] else ""
_PROVIDER = next((p for p in ("github", "gitlab", "bitbucket") if p in _HOST), None)
if _PROVIDER:
    html_theme_options.update(repository_url=_COURSE["repository"].removesuffix(".git"),
                              repository_branch=_COURSE["branch"], repository_provider=_PROVIDER,
                              use_repository_button=True)


def _alt_text_from_output_metadata() -> None:
    """Give a notebook image the alt text its output carries (``metadata["image/png"]["alt"]``).

    ``wmolab.plots.show`` stores each figure's description there (as JupyterLab reads it); MyST-NB 1.4
    copies only width and height from output metadata, so without this the website's ``<img>`` would
    fall back to the file name as alt text. tests/site checks that every image has a description.
    """
    from myst_nb.core.render import NbElementRenderer

    original = NbElementRenderer.render_image
    if getattr(original, "_wmolab", False):
        return

    def render_image(self, data):
        found = original(self, data)
        alt = data.output_metadata.get(data.mime_type, {}).get("alt")
        if alt:
            for node in found:
                node["alt"] = str(alt)
        return found

    render_image._wmolab = True
    NbElementRenderer.render_image = render_image


def setup(app):
    _alt_text_from_output_metadata()
