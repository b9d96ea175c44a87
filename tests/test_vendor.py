"""The offline JavaScript matches the pinned packages that produce the pages."""
import altair as alt

from northeast.vendor import BUNDLE, header, quiz_assets


def test_vega_bundle_matches_installed_altair():
    text = BUNDLE.read_text(encoding="utf-8")
    assert text.startswith(header()), "the Vega bundle is for other Altair versions: run `make vendor`"
    versions = f'"vega_version": "{alt.VEGA_VERSION}", "vegalite_version": "{alt.VEGALITE_VERSION}"'
    assert versions in text
    assert "cdn.jsdelivr.net" not in text.split("\n", 1)[0]


def test_quiz_assets_match_the_exercise_engine():
    for path, text in quiz_assets().items():
        assert path.read_text(encoding="utf-8") == text, f"{path.name} is stale: run `make vendor`"
