"""The JupyterLab Dutch language pack is installed and JupyterLab's translation API offers it (issue 17)."""
from __future__ import annotations


def test_dutch_language_pack_is_offered():
    from jupyterlab_server.translation_utils import get_language_pack, get_language_packs

    packs, message = get_language_packs("en")
    assert "nl_NL" in packs, f"jupyterlab-language-pack-nl-NL is not installed (requirements/lab.in): {message}"
    data, message = get_language_pack("nl_NL")
    assert data.get("jupyterlab"), f"the Dutch pack has no strings for JupyterLab: {message}"
    strings = {k: v[0] for k, v in data["jupyterlab"].items() if k and isinstance(v, list) and v}
    assert sum(v != k for k, v in strings.items()) > 300, "the pack translates (almost) nothing"
