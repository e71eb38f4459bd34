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
def _identifier():
    # py3langid: langid.py's 97-language model, repackaged with a fast numpy scorer.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    # Only the most likely language is used, so its probability need not be normalised (the labels are the same).
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=False)


def detect_language(text: str) -> str:
    """Return ``"fr"`` or ``"en"`` for the language of ``text``, or ``"und"``.

    The text is classified among all the languages the model knows, so German or
    Spanish text is ``"und"`` rather than a forced French or English; so is text
    too short to judge.
    """
    sample = text[:_SAMPLE_CHARS]
    if len(_LETTER.findall(sample)) < _MIN_LETTERS:
        return UNDETERMINED
    language, _probability = _identifier().classify(sample)
    return language if language in SUPPORTED_LANGUAGES else UNDETERMINED
