"""The offline JavaScript matches the pinned packages that produce the pages."""
import altair as alt

from northeast.vendor import BUNDLE, header


def test_vega_bundle_matches_installed_altair():
    text = BUNDLE.read_text(encoding="utf-8")
    assert text.startswith(header()), "the Vega bundle is for other Altair versions: run `make vendor`"
    versions = f'"vega_version": "{alt.VEGA_VERSION}", "vegalite_version": "{alt.VEGALITE_VERSION}"'
    assert versions in text
    assert "cdn.jsdelivr.net" not in text.split("\n", 1)[0]
