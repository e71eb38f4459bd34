"""Tell article text from site furniture in scraped plain text.

Scraped articles arrive as one paragraph per line, wrapped in the chrome of the
site they came from: category labels, bylines, image credits, ad slots, share
buttons, comment forms, "related articles" lists. The rules here recognise that
chrome by its *shape* (short, link-like lines, a date alone on a line, a caption
ending in a credit), its *position* (right after the byline, after the last
paragraph of prose) and its *repetition* across articles of the same source,
with small French/English vocabularies only for the markers every CMS prints
("Laisser un commentaire", "Related articles", "Advertisement").

Everything works on a list of paragraphs (one string each, already stripped);
:func:`clean_body` is the entry point the parsers use on an article body.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from reader.text.sanitize import normalize_text

__all__ = [
    "MAX_REPEATED_LINE_CHARS",
    "MIN_DOCUMENTS",
    "clean_body",
    "is_author_bio",
    "is_comment_marker",
    "is_disclaimer",
    "is_junk_line",
    "is_prose",
    "is_reader_question",
    "is_section_marker",
    "normalize_line",
    "repeated_lines",
]

# --- repetition across articles of one source ---------------------------------

# A line must recur in at least this many distinct articles of one source to be
# taken for site chrome. Two is too weak a signal: two articles on the same story
# often share a quote, a subheading or a wire sentence. Three distinct articles
# carrying the same short line verbatim is almost always the site's template
# (category names, newsletter pitch, comment-form notice, footer). A batch of one
# or two files therefore never loses a line to this rule.
MIN_DOCUMENTS = 3
# Only short lines count. Chrome lines (menu entries, category labels, notices,
# "Sign up for our newsletter...", footers) fit easily; a paragraph of prose is
# longer, so an article republished twice in a batch, or a long quote several
# articles reproduce, can never be deleted as "repeated".
MAX_REPEATED_LINE_CHARS = 150

_WHITESPACE = re.compile(r"\s+")


def normalize_line(line: str) -> str:
    """The form lines are compared in: whitespace collapsed, trimmed, case-folded."""
    return _WHITESPACE.sub(" ", line).strip().casefold()


def repeated_lines(documents: Iterable[str], *, min_documents: int = MIN_DOCUMENTS) -> frozenset[str]:
    """Return the normalised short lines found in at least ``min_documents`` documents.

    :param documents: the raw texts of several articles from the same source.
    :param min_documents: how many distinct documents a line must appear in (at least 2).
    :returns: lines in :func:`normalize_line` form, to pass to ``parse_plain_text``.

    Identical documents (the same article saved twice) are counted once, and a
    line counts once per document however often it appears in it.
    """
    if min_documents < 2:
        raise ValueError("min_documents must be at least 2")
    counts: Counter[str] = Counter()
    seen: set[str] = set()
    for document in documents:
        lines = {normalize_line(line) for line in normalize_text(document).split("\n")}
        digest = hashlib.sha1("\n".join(sorted(lines)).encode()).hexdigest()
        if digest in seen:
            continue
        seen.add(digest)
        counts.update(
            line for line in lines if line and len(line) <= MAX_REPEATED_LINE_CHARS and any(c.isalpha() for c in line)
        )
    return frozenset(line for line, count in counts.items() if count >= min_documents)


# --- line rules: chrome wherever it appears ------------------------------------

# Ad slots: the whole line is the marker ("Publicité", "Advertisement",
# "La suite après la publicité", "Story continues below advertisement").
_ADVERT = re.compile(
    r"""(?ix)
      (?:la\ )?suite\ (?:de\ l['’]article\ )?(?:après|ci-dessous|sous)\ (?:la\ |cette\ )?(?:publicité|pub|annonce)
    | publicité | pub | annonce | advertisement | advertising | ad | sponsored(?:\ content)? | contenu\ sponsorisé
    | (?:the\ )?(?:story|article)\ continues\ (?:below|after)(?:\ (?:this\ |the\ )?(?:advertisement|ad))?
    | continue\ reading\ (?:below|after\ (?:the\ )?(?:ad|advertisement))
    | scroll\ (?:down\ )?to\ continue(?:\ reading)?(?:\ with\ content)?
    """
)
# Teasers for other articles inserted in the body: ">> Other headline <<".
_TEASER = re.compile(r"^(?:>>|»»)|(?:<<|««)$")
# A "read also" label followed by another article's headline on the same line.
_READ_ALSO = re.compile(
    r"""(?ix)^(?:[»>→►▶]\s*)?
    (?:(?:à\ )?lire\ (?:aussi|également|la\ suite)|(?:à\ )?voir\ aussi|(?:read|see|watch)\ (?:more|also|next)
      |also\ read|related|sur\ le\ même\ sujet|pour\ aller\ plus\ loin|more|dossier)
    \s*(?::|»|>|–|—|-\ )"""
)
# The same label alone on its line (the headline follows on the next line).
_READ_ALSO_ALONE = re.compile(
    r"(?i)^(?:[»>→►▶]\s*)?(?:(?:à\ )?lire\ (?:aussi|également)|(?:à\ )?voir\ aussi|read\ (?:more|also|next)|see\ also|also\ read|related)\W*$",
)
# Image credits and captions: a copyright sign, "(Image credit: ...)" at the end,
# a "Crédit photo :" / "Photo:" label, or an agency credit "X/Getty Images".
_CREDIT = re.compile(
    r"""(?x)
      ©
    | (?i:\((?:image|photo|picture|video|vidéo|crédit|credit)s?\b[^)]{0,100}\))$
    | ^(?i:photo|image|illustration|crédits?|credits?)(?i:\ (?:photos?|images?))?\s*:
    | ^(?i:crédits?\ photos?)$
    | \b(?i:photo|image|illustration|crédits?|credits?)(?i:\ photos?)?\s*:\s*[A-ZÀ-ÖØ-Þ][^.:]{0,80}$
    | /\s*(?i:getty\ images|afp|reuters|ap|shutterstock|bloomberg|istock|unsplash|bestimage|abaca|sipa|epa)$
    """
)
_CAPTION_MAX = 300  # a line with a credit longer than this is prose that merely mentions one
_JUNK_MAX = 400  # no chrome line is longer (the longest: cookie banners)
# "Source et images", "Sources : Reuters, Bloomberg", "Via: The Verge".
_SOURCE = re.compile(r"(?i)^(?:sources?|via)(?:\s+(?:et|and|&)\s+(?:images?|photos?))?\s*(?::|$)")
# Where the article says where it comes from: "Article écrit en collaboration avec...",
# "This article was originally published on...", "Additional reporting by...".
_ORIGIN = re.compile(
    r"""(?ix)
      ^(?:cet\s+|this\s+)?(?:article|billet|post|story|texte)\s+
        (?:a\s+été\s+|was\s+|has\s+been\s+|is\s+)?(?:initialement\s+|originally\s+|first\s+)?
        (?:écrit|rédigé|traduit|adapté|publié|réalisé|produit|mis\s+à\s+jour|written|published|translated|adapted|produced|updated|appeared)\b
    | ^(?:with\s+)?(?:additional\s+)?(?:reporting|writing|editing)\s+by\b
    | ^(?:avec|with)\s+(?:afp|reuters|ap|agences?)\W*$
    """
)
# Buttons of a share/print bar: a few words, alone on their line.
_BUTTON = re.compile(
    r"""(?ix)^(?:share|partager|partagez|like|j['’]aime|tweet|tweeter|email|e-mail|envoyer|print|imprimer
      |copy\ link|copier\ le\ lien|save|sauvegarder|bookmark|favoris)(?:\ (?:this|cet\ article|on|sur))?\W*$"""
)
# Calls to action addressed to the reader: share, follow, subscribe, download...
_CALL_TO_ACTION = re.compile(
    r"""(?ix)^(?:share|partagez|partager|follow|suivez|sign\ up|signup|subscribe|abonnez|inscrivez|s['’]inscrire|s['’]abonner
      |recevez|receive|get\ (?:our|the\ latest|the\ best)|forward|transférez|download|téléchargez|join|rejoignez|click|cliquez|listen|écoutez)\b"""
)
_AUDIENCE = re.compile(
    r"""(?ix)\b(?:you|your|vous|votre|vos|our|us|nous|notre|nos|newsletter|inbox|facebook|twitter|x|linkedin|instagram
      |whatsapp|telegram|bluesky|threads|tiktok|youtube|google\ news|flipboard|email|e-mail|this|cet|cette|article|podcast|app|application)\b"""
)
_SOCIAL_NAME = (
    r"(?:facebook|twitter|x|linkedin|instagram|whatsapp|telegram|bluesky|threads|tiktok|youtube|pinterest"
    r"|reddit|email|e-mail|mail|flipboard|messenger|copy\ link|print|imprimer)"
)
_SOCIAL_ONLY = re.compile(rf"(?ix)^{_SOCIAL_NAME}(?:[\s,|•·/]+{_SOCIAL_NAME})*$")
_NEWSLETTER = re.compile(r"(?i)\bnewsletters?\b")
_NEWSLETTER_PITCH = re.compile(r"(?i)\b(?:inscri|abonn|recev|sign|subscri|inbox|boîte|delivered|get|join|free)")
# Cookie banners and their buttons.
_COOKIE = re.compile(r"(?i)\bcookies?\b")
_COOKIE_BANNER = re.compile(
    r"""(?ix)\b(?:we\ use|nous\ utilisons|utilise\ des|utilisons\ des|accept|consent|préférences|preferences|paramétr
      |politique\ de\ confidentialité|privacy\ policy|en\ poursuivant|by\ continuing|traceurs)"""
)
_CONSENT_BUTTON = re.compile(
    r"""(?ix)^(?:accept(?:er)?(?:\ (?:all|tout|tous))?(?:\ (?:les\ )?cookies)?|tout\ accepter|tout\ refuser|reject\ all|refuser
      |manage\ (?:cookie\ )?(?:preferences|settings|options)|gérer\ (?:mes|les)\ (?:choix|préférences|cookies)
      |paramétrer(?:\ les\ cookies)?|continuer\ sans\ accepter|ok,?\ j['’]ai\ compris|got\ it|i\ agree|j['’]accepte)\W*$"""
)
# "Temps de lecture : 4 min", "5 min read".
_READING_TIME = re.compile(
    r"""(?ix)^(?:(?:temps\ de\ )?lecture|reading\ time)\s*:?\s*\d+\s*(?:min|minutes?|mn)\b.{0,20}$
    | ^\d+\s*(?:min|minutes?|mn)\.?\s+(?:de\ lecture|read|reading)\W*$"""
)
# "Home » Tech » Phones": three or more short items joined by » › or >.
_BREADCRUMB = re.compile(r"^[^»›>.!?]{1,40}(?:\s[»›>]\s[^»›>.!?]{1,60}){2,}$")
# Widgets and e-mail footers: "Loading...", "Unsubscribe", "View in browser".
_WIDGET = re.compile(
    r"""(?ix)^(?:loading|chargement(?:\ en\ cours)?|δ)\W*$
    | \b(?:unsubscribe|se\ désabonner|désinscription|view\ (?:this\ email\ )?in\ (?:your|a)\ browser|voir\ la\ version\ en\ ligne)\b"""
)
_COPYRIGHT = re.compile(r"(?i)^copyright\b|all rights reserved|tous droits réservés|droits de reproduction")


def is_junk_line(line: str, *, credits: bool = True) -> bool:
    """Whether ``line`` is chrome wherever it stands: ad slot, credit, share bar, teaser...

    :param credits: whether a line ending with a credit ("(Photo: AFP)", "(VIDEO)") counts: a
        caption has the shape of a headline that ends with one.
    """
    bare = line.strip().strip(" :.…-–—|")
    if not bare:
        return True
    size = len(line)
    if size > _JUNK_MAX:
        return False  # a paragraph of prose
    return bool(
        _TEASER.search(line)
        or _READ_ALSO.match(line)
        or (credits and size <= _CAPTION_MAX and _CREDIT.search(line))
        or (size <= 250 and _ORIGIN.search(line))
        or (size <= 250 and _NEWSLETTER.search(line) and _NEWSLETTER_PITCH.search(line))
        or (_COOKIE.search(line) and _COOKIE_BANNER.search(line))
        or (size <= 300 and _COPYRIGHT.search(line))
        or (size <= 200 and _short_line_is_junk(line, bare))
    )


def _short_line_is_junk(line: str, bare: str) -> bool:
    return bool(
        _ADVERT.fullmatch(bare)
        or _SOURCE.match(line)
        or _BUTTON.fullmatch(bare)
        or _SOCIAL_ONLY.fullmatch(bare)
        or (_CALL_TO_ACTION.match(line) and _AUDIENCE.search(line))
        or _CONSENT_BUTTON.fullmatch(bare)
        or _READING_TIME.match(bare)
        or _BREADCRUMB.match(line)
        or (len(line) <= 100 and _WIDGET.search(line))
    )


# --- markers: the point where the article ends --------------------------------

# The comment section (or its form) starts: nothing after it is the article.
_COMMENT_MARKER = re.compile(
    r"""(?ix)^(?:
      (?:laisser|laissez|ajouter|poster|écrire|publier)\ un\ commentaire | laisser\ une\ réponse | répondre
    | annuler\ (?:la\ )?réponse | réagir | réagissez | vos\ réactions?
    | leave\ a\ (?:comment|reply) | (?:add|post|write)\ a\ comment | cancel\ reply | reply
    | join\ the\ (?:conversation|discussion)
    | (?:\d+\s+)?(?:commentaires?|comments?|réactions?|replies|responses)(?:\s*\(\d+\))?
    | (?:show|view|voir|afficher)\ (?:the\ |les\ )?(?:\d+\ )?(?:comments|commentaires)
    | (?:votre\ adresse\ (?:e-?mail|de\ messagerie)\ ne\ sera\ pas\ publiée
       |your\ email\ address\ will\ not\ be\ published|required\ fields\ are\ marked
       |les\ champs\ obligatoires\ sont\ indiqués).*
    )\W*$"""
)
# Titles of the blocks a site puts after an article: related and popular lists,
# tags, author box, "latest news"... Matched against the whole (short) line.
_SECTION_MARKER = re.compile(
    r"""(?ix)^(?:
      (?:related|similar|recommended|popular|trending|latest|recent|more|other)
        (?:\ (?:articles?|stories|posts|news|reads|videos?|coverage|content|headlines))?
    | more\ (?:from|on|in|about)\ .{1,40} | most\ (?:popular|read|viewed|shared|recent)(?:\ (?:articles|stories|news))?
    | (?:you|we\ think\ you)\ (?:may|might|will)\ (?:also\ )?(?:like|enjoy|be\ interested\ in)
    | read\ (?:more|next|also) | see\ also | also\ read | what\ to\ read\ next | editor['’]s\ picks?
    | tags? | tagged(?:\ with)?(?:\ .{1,60})? | topics? | keywords | categories | category
    | filed\ under(?:\ .{1,60})? | posted\ in(?:\ .{1,60})?
    | about(?:\ the\ authors?)? | à\ propos(?:\ de(?:\ l['’](?:auteur|autrice))?)?
    | tendances? | à\ la\ une | populaires? | les\ plus\ (?:lus|populaires|partagés|commentés) | le\ plus\ lu
    | (?:les\ )?(?:articles?|contenus?)\ (?:similaires|liés|recommandés|populaires|associés)
    | (?:nos\ |les\ )?derni(?:ers|ères)\ (?:articles|actualités|actus|news|infos|publications|vidéos|dossiers)
    | sur\ le\ même\ (?:thème|sujet) | dans\ la\ même\ rubrique | (?:à\ )?lire\ (?:aussi|également) | (?:à\ )?voir\ aussi
    | vous\ (?:aimerez|pourriez\ aimer)(?:\ aussi|\ peut-être\ aussi|\ également)?
    | ces\ articles\ (?:peuvent|pourraient)\ vous\ intéresser
    | mots[-\ ]clés | tous\ les\ articles | toutes\ les\ actualités | voir\ (?:tous|toutes)\ les\ .{1,40}
    | voir\ plus | plus\ d['’]articles | en\ savoir\ plus | (?:see|view)\ all(?:\ .{1,40})? | (?:load|show)\ more
    )\W*$"""
)
_MARKER_MAX = 60  # characters: a section title is short


def is_comment_marker(line: str) -> bool:
    """Whether ``line`` opens the comment section or belongs to the comment form."""
    return len(line) <= 200 and bool(_COMMENT_MARKER.match(line.strip()))


def is_section_marker(line: str) -> bool:
    """Whether ``line`` is the title of a site block (related articles, tags, author box...)."""
    return len(line) <= _MARKER_MAX and bool(_SECTION_MARKER.match(line.strip()))


# --- shape of a paragraph -------------------------------------------------------

_SENTENCE_END = (".", "!", "?", "…", "»", '"', "”", ")")
# A date (and time) alone on a line, as in lists of related articles.
_DATE_ALONE = re.compile(
    r"""(?ix)^(?:
      (?:(?:lun|mar|mer|jeu|ven|sam|dim|mon|tue|wed|thu|fri|sat|sun)[a-zé]*\.?,?\s+)?
      (?:\d{1,2}(?:er|st|nd|rd|th)?\s+[^\W\d_]{3,10}\.?,?\s+\d{4}
        | [^\W\d_]{3,10}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}
        | \d{4}-\d{2}-\d{2} | \d{1,2}[/.]\d{1,2}[/.]\d{2,4})
      (?:,?\s*(?:à|at|-|–)?\s*\d{1,2}\s*[:h]\s*\d{2}(?:\s*[ap]\.?m\.?)?)?
    | (?:publié\ )?il\ y\ a\s+\d+\s+\w+ | \d+\s+(?:minutes?|hours?|days?|weeks?|months?)\s+ago
    )$"""
)


def is_prose(paragraph: str) -> bool:
    """Whether ``paragraph`` reads like article prose: long enough, ends a sentence."""
    return len(paragraph) >= 80 and paragraph.endswith(_SENTENCE_END)


def _is_long_prose(paragraph: str) -> bool:
    # Related-article teasers can be a sentence or two; real paragraphs run longer.
    return len(paragraph) >= 250 and paragraph.endswith(_SENTENCE_END)


def _is_link_like(paragraph: str) -> bool:
    """A line that looks like a link in a list: a date, a label, a headline without a final period."""
    if _DATE_ALONE.match(paragraph):
        return True
    ends_with_period = paragraph.endswith(".") and not paragraph.endswith("...")
    return len(paragraph) <= 200 and not ends_with_period


def _word_count(text: str) -> int:
    return len(text.split())


# --- header rules (the parsers apply them by position) --------------------------

# Disclaimers printed under the title: investment advice, positions held,
# affiliate links, sponsored content.
_DISCLAIMER = re.compile(
    r"""(?ix)
      ne\ constitue\ (?:pas|en\ aucun\ cas)\ (?:un\ |une\ |des\ )?(?:conseil|recommandation|incitation|offre)
    | (?:does\ not|do\ not|doesn['’]t)\ constitute\ (?:financial\ |investment\ |legal\ |tax\ )?advice
    | (?:is|are)\ not\ (?:intended\ as\ |meant\ as\ )?(?:financial|investment|legal|tax)\ advice | not\ financial\ advice
    | détien(?:t|nent)\ (?:aucune|pas\ de)\ position | holds?\ no\ (?:position|shares) | has\ no\ (?:position|financial\ interest)
    | liens?\ (?:d['’]affiliation|affiliés|sponsorisés|commerciaux) | affiliate\ links?
    | (?:may|might|could)\ (?:earn|receive)\ (?:a\ )?commission | (?:percevoir|toucher|recevoir)\ une\ commission
    | article\ sponsorisé | sponsored\ (?:post|article) | publi-?rédactionnel | partenariat\ rémunéré | paid\ partnership
    """
)
# Cues of a text describing a person in the third person: the author box.
_BIO_CUES = (
    re.compile(
        r"(?i)\b(?:il|elle)\s+(?:est|a|était|aime|adore|couvre|écrit|travaille|collabore|rejoint|se\s+passionne|s['’]intéresse)\b"
    ),
    re.compile(r"(?i)\b(?:he|she)\s+(?:is|has|was|covers|writes|joined|loves|lives|spent|previously)\b"),
    re.compile(r"(?i)\bpour\s+(?:lui|elle)\b|\b(?:his|her)\s+(?:work|writing|career|passion|free|spare)\b"),
    re.compile(
        r"(?i)\b(?:passionnée?s?|diplômée?|fan|amateur|amatrice|spécialiste|adepte|passionate|graduate|enthusiast|avid)\b"
    ),
    re.compile(
        r"(?i)\b(?:journaliste|rédact(?:eur|rice)|reporter|writer|editor|journalist|contributor|chroniqueu(?:r|se))\b"
    ),
)


def is_disclaimer(paragraph: str) -> bool:
    """Whether ``paragraph`` is a disclaimer (no investment advice, affiliate links...)."""
    return len(paragraph) <= 400 and bool(_DISCLAIMER.search(paragraph))


def is_author_bio(paragraph: str) -> bool:
    """Whether ``paragraph`` describes a person in the third person (at least two cues).

    Only meaningful right after a byline: the parser decides the position.
    """
    if len(paragraph) > 600:
        return False
    return sum(1 for cue in _BIO_CUES if cue.search(paragraph)) >= 2


# --- end of the article ----------------------------------------------------------

_SECOND_PERSON = re.compile(r"(?i)\b(?:vous|votre|vos|you|your|yours)\b")
_COMMENT_INVITE = re.compile(
    r"""(?ix)\b(?:commentaires?|comments?|let\ us\ know|tell\ us|dites[- ]le[- ]nous|dites[- ]nous|faites[- ]nous\ savoir
      |donnez[- ]nous|partagez|share\ your|votre\ avis|your\ (?:thoughts|opinions?|views?))\b"""
)


def is_reader_question(paragraph: str) -> bool:
    """Whether ``paragraph`` asks the reader for an opinion ("Et vous, qu'en pensez-vous ?")."""
    if len(paragraph) > 250 or not _SECOND_PERSON.search(paragraph):
        return False
    return paragraph.rstrip(' !»"”').endswith("?") or bool(_COMMENT_INVITE.search(paragraph))


def _first_prose(paragraphs: Sequence[str]) -> int:
    return next((i for i, p in enumerate(paragraphs) if is_prose(p)), len(paragraphs))


def _chrome_start(paragraphs: Sequence[str]) -> int:
    """Index where the trailing site chrome begins (``len(paragraphs)`` when there is none).

    A comment marker ends the article. A section marker ("Related articles",
    "Tags") does when what follows it is a block of links rather than more
    article: a list of related articles is headlines, dates and labels, perhaps
    with a one-sentence summary each; the rest of an article is prose, some of it long.
    """
    body_start = _first_prose(paragraphs)
    # Counted from the end, so each marker is judged in constant time.
    long_prose_after = [False] * (len(paragraphs) + 1)
    prose_after = [0] * (len(paragraphs) + 1)
    for index in range(len(paragraphs) - 1, -1, -1):
        long_prose_after[index] = long_prose_after[index + 1] or _is_long_prose(paragraphs[index])
        prose_after[index] = prose_after[index + 1] + is_prose(paragraphs[index])
    for index in range(body_start + 1, len(paragraphs)):
        paragraph = paragraphs[index]
        if is_comment_marker(paragraph):
            return index
        if is_section_marker(paragraph) and not long_prose_after[index + 1]:
            tail_size, prose = len(paragraphs) - index - 1, prose_after[index + 1]
            if prose < tail_size - prose:
                return index
    return _trailing_link_run(paragraphs, body_start)


# A trailing run of link-like lines is chrome when it is long enough and carries
# the marks of a list of links: dates alone, or mostly very short lines.
_MIN_TRAILING_RUN = 3


def _trailing_link_run(paragraphs: Sequence[str], body_start: int) -> int:
    start = len(paragraphs)
    while start - 1 > body_start and _is_link_like(paragraphs[start - 1]):
        start -= 1
    run = paragraphs[start:]
    if len(run) < _MIN_TRAILING_RUN:
        return len(paragraphs)
    has_dates = any(_DATE_ALONE.match(p) for p in run)
    mostly_short = sum(_word_count(p) <= 4 for p in run) * 2 >= len(run)
    return start if has_dates or mostly_short else len(paragraphs)


# --- captions without a credit ---------------------------------------------------

_NAME_PARTICLES = {
    "de",
    "du",
    "des",
    "van",
    "von",
    "der",
    "den",
    "da",
    "di",
    "del",
    "della",
    "dos",
    "bin",
    "ben",
    "al",
    "el",
}
_FUNCTION_WORDS = {
    "the", "a", "an", "of", "and", "or", "in", "on", "for", "to", "with", "how", "why", "what", "when", "is", "are",
    "le", "la", "les", "un", "une", "et", "ou", "pour", "avec", "dans", "sur", "ce", "cette", "quand", "pourquoi",
    "comment", "qui", "que",
}  # fmt: skip
_NAME_WORD = re.compile(r"^[A-ZÀ-ÖØ-Þ][\w'’.-]*$")
# More candidates than this is a list of names (a cast, a board), not stray captions.
_MAX_CAPTIONS = 20


def _is_name_like(paragraph: str) -> bool:
    """A short capitalised phrase with no verb or function word: "Mark Zuckerberg"."""
    if len(paragraph) > 60:
        return False
    words = paragraph.split()
    if not 2 <= len(words) <= 4 or any(char.isdigit() for char in paragraph):
        return False
    for position, word in enumerate(words):
        lowered = word.casefold()
        if lowered in _NAME_PARTICLES and 0 < position < len(words) - 1:
            continue
        if not _NAME_WORD.match(word) or lowered in _FUNCTION_WORDS or word.endswith((".", ",", ":", ";")):
            return False
    return True


def _drop_captions(paragraphs: Sequence[str]) -> list[str]:
    """Drop name-only lines between two paragraphs of prose that name someone the text mentions.

    An image caption left without its credit ("Mark Zuckerberg") looks like that;
    a subheading has verbs or function words and is kept.
    """
    candidates = [
        index
        for index in range(1, len(paragraphs) - 1)
        if _is_name_like(paragraphs[index]) and is_prose(paragraphs[index - 1]) and is_prose(paragraphs[index + 1])
    ]
    if not candidates or len(candidates) > _MAX_CAPTIONS:
        return list(paragraphs)
    document = "\n".join(paragraphs)
    captions = {index for index in candidates if document.count(paragraphs[index]) >= 2}  # named elsewhere too
    return [paragraph for index, paragraph in enumerate(paragraphs) if index not in captions]


# --- the whole body ----------------------------------------------------------------


def _drop_junk(paragraphs: Sequence[str], repeated: frozenset[str]) -> list[str]:
    return [p for p in paragraphs if normalize_line(p) not in repeated and not is_junk_line(p)]


def _drop_read_also(paragraphs: Sequence[str]) -> list[str]:
    """Drop a lone "Lire aussi" label inside the body, with the headline it introduces."""
    kept: list[str] = []
    skip_headline = False
    for paragraph in paragraphs:
        if skip_headline:
            skip_headline = False
            if len(paragraph) <= 200 and not paragraph.endswith("."):
                continue
        if _READ_ALSO_ALONE.match(paragraph):
            skip_headline = True
            continue
        kept.append(paragraph)
    return kept


def clean_body(paragraphs: Sequence[str], *, repeated: frozenset[str] = frozenset()) -> list[str]:
    """Return the paragraphs of an article body without site chrome.

    :param paragraphs: the body, one stripped paragraph per item, header already removed.
    :param repeated: normalised lines known to be chrome for this source (:func:`repeated_lines`).

    In order: chrome lines are dropped wherever they are; everything from the
    comment section or the related-articles block on is cut; a lone "Lire aussi"
    left inside the body goes with its headline; questions to the
    reader left at the very end are dropped; so are name-only caption lines.
    Comment and section markers found before the first paragraph of prose are
    dropped alone.
    """
    body = _drop_junk(paragraphs, repeated)
    body = _drop_read_also(body[: _chrome_start(body)])
    body_start = _first_prose(body)
    body = [p for i, p in enumerate(body) if i >= body_start or not (is_comment_marker(p) or is_section_marker(p))]
    while len(body) > 1 and is_reader_question(body[-1]):  # a lone question is the article
        body.pop()
    return _drop_captions(body)
