"""Split a lead cell ("SM/LM", "Jane Hoey and Cath Thomas") into one entry per lead.

The rule is the `actionplan/1` `leads` rule: initials joined by "/" are
separate leads, people joined by "and" or "&" are separate, a role that itself
contains a comma stays whole, a trailing full stop is dropped. Lead cells in
PDF tables also arrive wrapped over several lines, or with several roles run
together on one line; the word-level rules below tell a wrap from a new lead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from actiontrack.lib.text import SOFT_BREAK, clean, strip_markup

# Words that end a complete role or team: a lead can stop after them.
_ROLE_ENDS = {
    "manager", "managers", "director", "directors", "chair", "chairs", "officer", "officers", "worker",
    "workers", "team", "teams", "group", "groups", "sub-group", "subgroup", "unit", "units", "board",
    "panel", "committee", "staff", "lead", "leads", "coordinator", "co-ordinator", "coordinators",
    "adviser", "advisor", "advisers", "advisors", "auditors", "practitioners", "nurse", "nurses",
    "services", "service", "partnership", "head", "heads", "executive", "secretary", "consultant",
    "consultants", "commissioner", "commissioners", "inspector", "superintendent", "administrator",
    "chairperson", "chairman", "chairwoman", "supervisor", "supervisors", "mentor", "trainer", "trainers",
    "agencies", "academy", "department", "council", "trust", "police", "school", "schools", "forum",
    "visitor", "visitors", "gp", "gps", "midwife", "midwives", "doctor", "doctors", "paediatrician",
}  # fmt: skip
# Singular posts: a comma after one of them introduces what the post is of
# ("Assistant Director, Children's Services") or who holds it ("MASH Manager,
# Sue Rogers"), so the comma does not separate leads.
_POSTS = {
    "manager", "director", "chair", "officer", "head", "lead", "coordinator", "co-ordinator", "adviser",
    "advisor", "executive", "secretary", "consultant", "commissioner", "inspector", "superintendent",
    "chairperson", "chairman", "chairwoman", "administrator", "supervisor", "worker", "nurse", "doctor",
    "midwife", "paediatrician", "practitioner", "clinician", "psychologist", "therapist", "governor", "gp",
    "sergeant", "constable",
}  # fmt: skip
# Groups after which a run-on initials token ("Manager SUM's", "team A.D.") starts a new lead.
_GROUP_ENDS = {"manager", "managers", "team", "teams", "officer", "officers", "workers", "unit", "group"}
# Units a post can be of: "Team Manager Front Door Team" is one post.
_UNITS = {"team", "teams", "unit", "service", "services", "department", "group", "hub", "panel"}
_PLURAL_TAILS = {word for word in _ROLE_ENDS if word.endswith("s") and word[:-1] in _ROLE_ENDS}
# Words that open a post title; met mid-run they start a new lead ("... Libraries Assistant Director").
_TITLE_STARTS = {"assistant", "deputy"}
# Words that are never part of a person's name.
_NOT_NAMES = _ROLE_ENDS | {
    "all", "the", "and", "of", "for", "children's", "childrens", "children", "child", "young", "people",
    "social", "work", "care", "health", "education", "quality", "support", "performance", "information",
    "systems", "planning", "review", "training", "principal", "senior", "assistant", "deputy", "court",
    "arts", "libraries", "wellbeing", "management", "safeguarding", "family", "families", "operations",
    "operational", "development", "resources", "protection", "case", "file", "complaints", "strategic",
    "local", "authority", "designated", "named", "mash", "business", "project", "area", "district",
}  # fmt: skip

_JOIN_WORD = re.compile(r"\s+(?:and|&)\s+", re.I)
# "Head of Safeguarding", "Assistant Director for Education": a post and what it is of is a whole role.
_POST_WORDS = "|".join(sorted(_POSTS | {"head", "heads"}))
_POST_OF = re.compile(
    rf"^(?:(?:assistant|deputy|interim|acting|associate|executive)\s+)*(?:{_POST_WORDS})s?\s+(?:of|for)\s+\S",
    re.IGNORECASE,
)
# Words a role cannot end on: "Head of" and "... and Senior" are cut short by a wrap.
_OPEN_ENDS = {
    "of", "for", "and", "&", "the", "to", "in", "with", "-", "–",
    "senior", "principal", "chief", "assistant", "deputy", "interim", "acting", "joint",
}  # fmt: skip
_INITIALS_DOTTED = re.compile(r"^(?:[A-Z]\.\s?){1,4}$")


def _is_initials(token: str) -> bool:
    """Tell whether a token looks like initials or a short key ("SM", "SMcL", "A.D.", "SUM's")."""
    token = re.sub(r"['’]s$", "", token.strip(".,;:"))
    if _INITIALS_DOTTED.match(token + ".") or _INITIALS_DOTTED.match(token):
        return True
    if not 2 <= len(token) <= 6 or not token.isalpha() or not token[0].isupper():
        return False
    upper = sum(char.isupper() for char in token)
    return upper >= 2 and upper >= len(token) - 2


def _last_word(text: str) -> str:
    words = text.split()
    return words[-1].strip(".,;:").lower() if words else ""


def _is_person(text: str) -> bool:
    """Tell whether a text is a person's name: two or three capitalised words, none a role word."""
    words = text.split()
    if not 2 <= len(words) <= 3:
        return False
    for word in words:
        bare = word.strip(".,")
        if len(bare) < 2 or not re.fullmatch(r"[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*", bare):
            return False
        if bare.lower() in _NOT_NAMES:
            return False
    return True


def _is_complete(text: str, keys: set[str]) -> bool:
    """Tell whether a text can stand as a lead on its own."""
    text = text.strip(" .,;")
    if not text:
        return False
    if text in keys or _is_initials(text) or _is_person(text):
        return True
    if _last_word(text) in _ROLE_ENDS:
        return True
    # "A.D. Quality and Support": an abbreviated post and what it is of.
    abbreviated = bool(_INITIALS_DOTTED.match(text.split()[0])) and len(text.split()) > 1
    return (bool(_POST_OF.match(text)) or abbreviated) and _last_word(text) not in _OPEN_ENDS


def _printed_lines(text: str) -> list[tuple[str, bool]]:
    """Return the cell's printed lines, each with whether the cell's width (not its writer) broke it."""
    out: list[tuple[str, bool]] = []
    for paragraph in strip_markup(text).split("\n"):
        for n, line in enumerate(paragraph.split(SOFT_BREAK)):
            if clean(line):
                out.append((clean(line), n > 0))
    return out


def _stands_alone(line: str, keys: set[str]) -> bool:
    return len(line.split()) > 1 or line in keys or _is_initials(line)


def _merge_lines(printed: list[tuple[str, bool]], keys: set[str]) -> list[str]:
    """Join lines a table cell wrapped; keep a line break where one lead ends and another starts."""
    runs: list[list[str]] = []  # lines the cell's width wrapped into one another
    for line, wrapped in printed:
        if wrapped and runs:
            runs[-1].append(line)
        else:
            runs.append([line])
    segments: list[str] = []
    for run in runs:
        for group in _split_wrapped(run, keys):
            if not segments:
                segments.append(group)
                continue
            previous = segments[-1]
            # A lone generic word ("Manager", "Services") is a wrapped tail, never a lead.
            if _stands_alone(group, keys) and not previous.endswith(",") and _is_complete(previous, keys):
                segments.append(group)
            else:
                segments[-1] = f"{previous} {group}"
    return segments


def _split_wrapped(lines: list[str], keys: set[str]) -> list[str]:
    """Split lines the width wrapped into the most whole leads they make, or join them all.

    "Paul Harris / Performance / team" is a person and a team; "Head of Children's / Social Care"
    and "Learning and Development / Officer" are one role each: a line is a lead of its own only
    where it and every other group are complete leads.
    """
    count = len(lines)
    if count == 1:
        return lines
    # best[i]: the most groups lines[i:] divide into, each a whole lead, with where the first ends.
    best: list[tuple[int, int] | None] = [None] * count + [(0, count)]
    for i in range(count - 1, -1, -1):
        for j in range(i + 1, count + 1):
            rest = best[j]
            current = best[i]
            better = current is None or (rest is not None and rest[0] + 1 > current[0])
            if rest is not None and better and _whole_lead(" ".join(lines[i:j]), keys):
                best[i] = (rest[0] + 1, j)
    if best[0] is None:
        return [" ".join(lines)]
    groups: list[str] = []
    i = 0
    while i < count:
        j = best[i][1]  # type: ignore[index]
        group = " ".join(lines[i:j])
        # A post or a department then a unit ("Team Manager / Front Door Team", "Children's Services /
        # Management team") is one lead: the unit says whose it is.
        if groups and _last_word(groups[-1]) in _POSTS | _UNITS and _last_word(group) in _UNITS:
            groups[-1] = f"{groups[-1]} {group}"
        else:
            groups.append(group)
        i = j
    return groups


def _whole_lead(text: str, keys: set[str]) -> bool:
    # "Head of Children's" is cut short; "SUM's" (initials) is whole.
    possessive = re.search(r"['’]s$", text) and not _is_initials(text)
    # A plural role word ("Managers", "Services") ends a lead: a line opening with it is a wrapped tail.
    tail = text.split()[0].lower() in _PLURAL_TAILS
    return (
        _stands_alone(text, keys)
        and not text.endswith(",")
        and not possessive
        and not tail
        and _is_complete(text, keys)
    )


def _split_slashes(text: str, keys: set[str]) -> list[str]:
    # A spaced slash always separates; a tight one only where it cannot be
    # joining two qualifiers of one team ("CP/Court Managers").
    parts: list[str] = []
    for chunk in re.split(r"\s+/\s*|\s*/\s+", text):
        tokens = chunk.split("/")
        current = tokens[0]
        for token in tokens[1:]:
            left = current.split()[-1] if current.split() else ""
            if _slash_separates(left, token, keys):
                parts.append(current)
                current = token
            else:
                current = f"{current}/{token}"
        parts.append(current)
    return parts


def _slash_separates(left: str, right_text: str, keys: set[str]) -> bool:
    words = right_text.split()
    if not left or not words:
        return False
    right = words[0]
    if (_is_initials(left) or left in keys) and (_is_initials(right) or right in keys):
        return True
    if not _is_complete(right_text, keys):
        return False
    # A known person's key or a lower-case group ("SM/operational managers")
    # cannot be qualifying the words that follow it.
    return left in keys or (_is_initials(left) and right[0].islower())


def _split_run_on(text: str) -> list[str]:
    """Split roles printed one after another without a separator."""
    words = text.split()
    parts: list[list[str]] = [[]]
    for word in words:
        current = parts[-1]
        previous = current[-1] if current else ""
        bare = word.strip(".,").lower()
        new_lead = False
        if current and previous.lower() not in ("and", "&", "of", "the", "for", "/"):
            # "Chair," opens a post ("Chair, ACPC"); "ACPC Chair" is one.
            posted_chair = bare == "chair" and word.endswith(",") and not _is_initials(previous)
            after_group = previous.strip(".,").lower() in _GROUP_ENDS and _is_initials(word)
            new_lead = bare in _TITLE_STARTS or posted_chair or after_group
        if new_lead:
            parts.append([word])
        else:
            current.append(word)
    return [" ".join(part) for part in parts if part]


def _split_commas(text: str) -> list[str]:
    pieces = [piece.strip() for piece in text.split(",") if piece.strip()]
    if not pieces:
        return []
    parts = [pieces[0]]
    qualifying = False
    for piece in pieces[1:]:
        # After a post ("Director,") the rest of the comma list says what the
        # post is of ("Education, Arts and Libraries") or who holds it.
        if _is_post(parts[-1]) and _is_post(piece) and not qualifying:
            parts.append(piece)  # "Designated Nurse, Named GP": two posts
        elif qualifying or _is_post(parts[-1]) or (_is_person(parts[-1]) and _is_post(piece)):
            parts[-1] = f"{parts[-1]}, {piece}"
            qualifying = True
        else:
            parts.append(piece)
    return parts


def _is_post(text: str) -> bool:
    """Tell whether a text names one post ("Head of Service", "Service Manager")."""
    words = text.lower().split()
    return bool(words) and (words[0] in _POSTS | _TITLE_STARTS or words[-1] in _POSTS)


def _split_joins(text: str, keys: set[str]) -> list[str]:
    # "and"/"&" separate two leads only where each side stands alone:
    # "Jane Hoey and Cath Thomas" splits, "A.D. Quality and Support" does not.
    pieces = _JOIN_WORD.split(text)
    joiners = _JOIN_WORD.findall(text)
    parts = [pieces[0]]
    for joiner, piece in zip(joiners, pieces[1:], strict=True):
        if _is_complete(parts[-1], keys) and _is_complete(_first_lead(piece), keys):
            parts.append(piece)
        else:
            parts[-1] = f"{parts[-1]}{joiner}{piece}"
    return parts


def _listed(pieces: list[str]) -> list[str]:
    """Split the last item of a list of short names at its "and": "Police, Health and Education"."""
    if len(pieces) < 2 or any(len(piece.split()) > 3 for piece in pieces[:-1]):
        return pieces
    last = _JOIN_WORD.split(pieces[-1])
    if len(last) != 2 or len(last[0].split()) > 3:
        return pieces
    return [*pieces[:-1], *last]


def _first_lead(text: str) -> str:
    return _JOIN_WORD.split(text)[0]


def _split_keys(text: str, keys: set[str]) -> list[str]:
    tokens = text.split()
    if len(tokens) > 1 and (all(token in keys for token in tokens) or all(_is_initials(t) for t in tokens)):
        return tokens
    return [text]


_ORGANISATION_ENDS = {
    "council", "trust", "police", "constabulary", "nhs", "board", "partnership", "authority", "icb", "ccg",
    "foundation", "hospital", "hospitals", "college", "academy", "directorate", "agency", "probation",
    "service", "services", "department", "office", "commissioner", "university", "practice", "surgery",
}  # fmt: skip


def _is_organisation(text: str) -> bool:
    words = text.split()
    return bool(words) and (_last_word(text) in _ORGANISATION_ENDS or "NHS" in words or "Council" in words)


def one_person_over_lines(lines: list[str], keys: Iterable[str] = ()) -> bool:
    """Tell whether a cell's lines print one lead: a name, then the post, then the organisation.

    "Jane Smith / Head of Safeguarding / Westshire Council" is one person; "Jane Hoey / Cath Thomas"
    and "Head of Safeguarding / Designated Nurse" are two leads each.
    """
    keys = set(keys)
    if not 2 <= len(lines) <= 3 or any(line in keys or _is_initials(line) for line in lines):
        return False
    rest = lines[1:]
    if _is_person(lines[0]):
        if any(_is_person(line) for line in rest):
            return False
        return _is_post(rest[0]) or (len(lines) == 3 and _is_organisation(lines[2]))
    if len(lines) == 2 and _is_post(lines[0]):
        return _is_organisation(lines[1]) and not _is_post(lines[1]) and not _is_person(lines[1])
    return False


def split_leads(text: str | None, known_keys: Iterable[str] = ()) -> list[str]:
    """Return the leads named in a lead cell, one entry per person, role or team."""
    if not text or not clean(text):
        return []
    keys = {key.strip() for key in known_keys if key and key.strip()}
    printed = [line for line, _ in _printed_lines(text)]
    if one_person_over_lines(printed, keys):
        return [_tidy(" ".join(printed))]
    leads: list[str] = []
    # A semicolon always ends a lead ("Named GP; Designated Doctor").
    segments = [seg for part in text.split(";") for seg in _merge_lines(_printed_lines(part), keys)]
    for segment in segments:
        for by_slash in _split_slashes(segment, keys):
            for run in _split_run_on(by_slash):
                for by_comma in _listed(_split_commas(run)):
                    for joined in _split_joins(by_comma, keys):
                        leads.extend(_split_keys(joined, keys))
    # A cell naming the same lead twice still names one lead.
    return list(dict.fromkeys(lead for lead in (_tidy(lead) for lead in leads) if lead))


def _tidy(lead: str) -> str:
    lead = clean(lead).strip(" ,;:/")
    # A full stop after initials ("C.P.") is part of them; after anything else it ends the cell.
    if lead.endswith(".") and not _INITIALS_DOTTED.match(lead.split()[-1]):
        lead = lead[:-1].rstrip()
    return lead
