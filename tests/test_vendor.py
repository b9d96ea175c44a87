"""The offline JavaScript matches the pinned packages that produce the pages."""
import altair as alt

from northeast.vendor import BUNDLE, RUNTIME, header, runtime_header


def test_vega_bundle_matches_installed_altair():
    text = BUNDLE.read_text(encoding="utf-8")
    assert text.startswith(header()), "the Vega bundle is for other Altair versions: run `make vendor`"
    versions = f'"vega_version": "{alt.VEGA_VERSION}", "vegalite_version": "{alt.VEGALITE_VERSION}"'
    assert versions in text
    assert "cdn.jsdelivr.net" not in text.split("\n", 1)[0]


def test_vega_runtime_is_built_from_the_locked_packages():
    """The book's Vega runtime names the npm versions in package-lock.json (`make vendor` after
    changing them) and defines what the chart loader calls."""
    text = RUNTIME.read_text(encoding="utf-8")
    assert text.startswith(runtime_header()), "the Vega runtime is for other package versions: run `make vendor`"
    assert "window.vega=" in text.replace(" ", "")
