"""Quotes: every paragraph of reported speech, with its speaker.

The speaker is the person named with the cue ("قال وانغ", "قال وزير الخارجية ...
مايك بومبيو"), or, when the cue has no subject of its own ("وأضاف أن ...",
"وأوضح أن ..."), the current speaker; "من جانبه" and "بدوره" hand the turn to the
person the paragraph names next. Speech by a country, a ministry or an unnamed
source is not given to a person: the turn passes to nobody.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from hadath.analyse.normalise import normalise
from hadath.lang import read_table

from .actors import ActorMention, person_for_title, title_actors
from .cues import cues
from .entities import Entity, EntityResult
from .lexicon import PERSON, TITLE, lexicon
from .matcher import find_matches
from .structure import Unit

APPOSITIVE_WINDOW = 5    # words from a genitive person to the office holder's name after a comma
VIA_WINDOW = 6           # words from a body's cue to "على لسان"
SVO_WINDOW = 4           # words before a cue in which an SVO subject may stand ("البيت الأبيض قد قال")
SUBJECT_WINDOW = 8       # words after a cue in which its subject may stand (title chains)
SAYING = ("say", "announce")   # cue kinds that open a quote
ABOUT = "عن"
QUOTE_OPENERS = "\"«“:"   # a quotation or a colon opens what was said
CONTINUATION = {"ان", "إن", "أن", "انه", "انها", "بان", "بأن"}
IN_IT = {"فيه", "فيها"}   # "قال فيه": said in it (the statement, the tweet just named)
ISSUER_WINDOW = 14        # words back from "قال فيه" to the one who issued the statement


@dataclass
class Quote:
    speaker: Entity
    cue: str
    cue_span: tuple[int, int]
    span: tuple[int, int]
    how: str      # named | continued | handover

    def as_dict(self) -> dict:
        return {"speaker": self.speaker.id, "speaker_name": self.speaker.name, "cue": self.cue,
                "cue_span": list(self.cue_span), "span": list(self.span), "how": self.how}


def extract_quotes(text: str, found: EntityResult, paragraphs: list[Unit]) -> tuple[list[Quote], dict[int, Entity]]:
    """Quotes, and the speaker in force at each paragraph (index -> person) for the events."""
    toks = found.tokens
    speech = find_matches(toks, cues().speech)
    cue_at = {m.first: m for m in speech}
    titled = {a.first: a for a in title_actors(found)}
    title_starts = {m.first for m in found.matches if m.entry.type == TITLE}
    title_ends = {m.last for m in found.matches if m.entry.type == TITLE}   # "ولي عهد | أبوظبي": a title's genitive
    office_at = {k: a for a in titled.values() for k in range(a.first, a.last)}
    titled_tokens = set(office_at)
    quotes: list[Quote] = []
    speaker_of: dict[int, Entity] = {}
    current: Entity | None = None
    previous: Entity | None = None   # the other party of a conversation
    for pi, para in enumerate(paragraphs):
        handover = next((cue_at[k] for k in range(para.first, min(para.first + 3, para.last))
                         if k in cue_at and cue_at[k].entry.form == "handover"), None)
        say = next((cue_at[k] for k in range(para.first, para.last) if k in cue_at and cue_at[k].entry.form in SAYING), None)
        persons = [(k, found.person_at[k]) for k in range(para.first, para.last) if k in found.person_at]
        if handover is not None:
            named_at = next((k for k, _ in persons if k >= handover.last), None)
            named = found.person_at[named_at] if named_at is not None else None
            body_at = next((k for k in range(handover.last, min(para.last, handover.last + SUBJECT_WINDOW))
                            if k not in found.role_at and k not in titled_tokens and k not in title_ends
                            and (hit := found.mention_at.get(k)) is not None and hit[1] == "name"
                            and hit[0].type != PERSON), None)
            if body_at is not None and (named_at is None or body_at < named_at):
                # "من جهتها، تقول السعودية": the turn goes to a state, not to a person
                current = None
                speaker_of[pi] = None
                continue
            speaker = named or previous
            if speaker is not None:
                if speaker is not current:
                    previous = current
                current = speaker
                if say is not None:
                    quotes.append(Quote(speaker, say.entry.name, say.span, para.span, "handover"))
            speaker_of[pi] = current
            continue
        if say is None:
            # a paragraph without speech: people named in it become the conversation's parties
            if persons:
                previous, current = (current, persons[0][1]) if current is not persons[0][1] else (previous, current)
            speaker_of[pi] = current
            continue
        if (say.entry.form == "announce" and _announces_a_thing(found.tokens, say, para)
                and not any(k in cue_at and cue_at[k].entry.form in SAYING
                            and _subject(found, cue_at[k], para, persons, titled, title_starts, office_at)[1] == "continued"
                            for k in range(say.last, para.last))):
            speaker_of[pi] = current
            continue   # "أعلن الرئيس شي عن سلسلة من المبادرات": an announcement, not speech (unless a cue of the same speaker follows: "مضيفا أنه")
        speaker, how = _subject(found, say, para, persons, titled, title_starts, office_at)
        if how == "non_person":
            via = _speaker_via(found, cue_at, say, para)
            if via is not None:
                speaker, how = via, "named"
        if how == "non_person":
            current = None
        elif speaker is not None:
            if speaker is not current:
                previous = current
            current = speaker
            quotes.append(Quote(speaker, say.entry.name, say.span, para.span, how))
        elif current is not None and not (_feminine_cue(found.tokens[say.first]) and not _female(found, current, title_starts)):
            quotes.append(Quote(current, say.entry.name, say.span, para.span, "continued"))
            # ("وأشارت إلى" after a man's words has another subject: a state, a body, a woman)
        # later cues of the paragraph with a speaker of their own ("..., بينما قال بولتون إن ...")
        quoted = {q.speaker.key for q in quotes if q.span == para.span}
        for later in (cue_at[k] for k in range(say.last, para.last) if k in cue_at and cue_at[k].entry.form in SAYING):
            other, how_other = _subject(found, later, para, persons, titled, title_starts, office_at)
            after = any(found.person_at.get(k) is other or found.role_at.get(k) is other
                        for k in range(later.last, min(later.last + SUBJECT_WINDOW, para.last)))
            if other is not None and how_other == "named" and after and other.key not in quoted:
                quoted.add(other.key)
                quotes.append(Quote(other, later.entry.name, later.span, para.span, "named"))
                if other is not current:
                    previous, current = current, other
        speaker_of[pi] = current
    return quotes, speaker_of


def _announces_a_thing(toks, say, para: Unit) -> bool:
    """"عن" after the cue (and its subject) before any "أن" or quotation: a thing announced."""
    for k in range(say.last, min(para.last, say.last + SUBJECT_WINDOW)):
        if toks[k].norm in CONTINUATION or any(c in toks[k].gap for c in QUOTE_OPENERS):
            return False
        if toks[k].norm == ABOUT:
            return True
    return False


def _speaker_via(found: EntityResult, cue_at: dict, say, para: Unit) -> Entity | None:
    """"وذكرت الرئاسة المصرية على لسان المتحدث باسمها، السفير بسام راضي": the person a body
    spoke through, named after "على لسان" within a few words of the cue."""
    for k in range(say.last, min(para.last, say.last + VIA_WINDOW)):
        via = cue_at.get(k)
        if via is not None and via.entry.form == "via":
            for j in range(via.last, min(para.last, via.last + SUBJECT_WINDOW)):
                person = found.person_at.get(j) or found.role_at.get(j)
                if person is not None:
                    return person
            return None
    return None


def _appositive_after(found: EntityResult, k: int, person: Entity, para: Unit) -> Entity | None:
    """"قال مستشار ترمب للأمن القومي، جون بولتون": a person named in an office's genitive, with
    the office's own holder after a comma, is not the speaker; the holder is."""
    toks = found.tokens
    if k > para.first and found.role_at.get(k - 1) is person and not _construct_title(toks[k - 1]):
        # "زعيم الديمقراطيين في مجلس الشيوخ الأمريكي تشاك شومر، ترامب": the person's own title,
        # so the next name is whom he addressed ("مستشار ترمب، جون بولتون" is a genitive: Trump's adviser)
        return None
    end = k
    while end < para.last and found.person_at.get(end) is person:
        end += 1
    for j in range(end, min(para.last, end + APPOSITIVE_WINDOW)):
        other = found.person_at.get(j)
        if other is not None and other is not person:
            if any(found.role_at.get(t) is other and _after_preposition(toks, t) for t in range(end, j)):
                return None   # "كيم جونغ أون لرئيس كوريا الجنوبية، مون": the other is spoken to
            return other if "،" in toks[j].gap or "," in toks[j].gap else None
    return None


def _construct_title(tok) -> bool:
    """An indefinite title word ("مستشار", "نائب"): the name right after it is its genitive."""
    return not tok.norm.startswith("ال") and not tok.clitics


def _subject(found: EntityResult, say, para: Unit, persons, titled: dict[int, ActorMention],
             title_starts: set[int], office_at: dict[int, ActorMention]) -> tuple[Entity | None, str]:
    toks = found.tokens
    if say.last < len(toks) and toks[say.last].norm in IN_IT:
        # "وأصدر ترامب بيان تعزية لعائلة بوش قال فيه": whoever issued the statement said it
        for k in range(say.first - 1, max(para.first, say.first - ISSUER_WINDOW) - 1, -1):
            if "." in toks[k + 1].gap:
                break
            hit = found.mention_at.get(k)
            if hit is not None and hit[1] == "name" and hit[0].type != PERSON and not _after_preposition(toks, k):
                return None, "non_person"   # a state or body issued it
            if (hit is not None and hit[1] == "adjective" and k > para.first and k - 1 not in found.role_at
                    and toks[k - 1].norm.startswith("ال") and toks[k - 1].norm in lexicon().common_words):
                return None, "non_person"   # "نشرت السفارة الروسية تغريدات تقول فيها": the embassy's
            person = found.person_at.get(k) or found.role_at.get(k)
            if person is not None and not _after_preposition(toks, k) and not (
                    k > para.first and found.person_at.get(k - 1) is not person and _after_preposition(toks, k - 1)):
                start = k
                while start > para.first and (found.person_at.get(start - 1) is person or found.role_at.get(start - 1) is person):
                    start -= 1
                if start == para.first or not _after_preposition(toks, start - 1):
                    return person, "named"
    # a person right before the cue, or before an auxiliary: "كان ترامب قال", "ترامب قد قال"
    for k in (say.first - 1, say.first - 2):
        if k < para.first or any(toks[j].gap.strip() for j in range(k + 1, say.first + 1)):
            break
        if k in found.person_at and all(_auxiliary(toks[j]) for j in range(k + 1, say.first)):
            person = found.person_at[k]
            start = k
            while start > para.first and found.person_at.get(start - 1) is person:
                start -= 1
            if start > para.first and (_after_preposition(toks, start - 1) or _after_preposition(toks, start)):
                break   # "بيان تعزية لعائلة بوش قال فيه": a name inside a phrase after a preposition
            return person, "named"
    # a subject named right after the cue, before "أن / إن"
    for k in range(say.last, min(say.last + SUBJECT_WINDOW, para.last)):
        if toks[k].norm in CONTINUATION or toks[k].stem in CONTINUATION or any(c in toks[k].gap for c in QUOTE_OPENERS):
            break   # what follows is what was said
        if _after_preposition(toks, k):
            if k > say.last and cues().modifiers.get(toks[k - 1].norm, ("",))[0] == "partner":
                break   # "اللقاء الذي وصف بالتاريخي بين الرئيس ...": a pair, not a speaker
            continue   # "قال للصحافيين في البيت الأبيض": where he said it, not who
        if k in found.person_at:
            person = found.person_at[k]
            later = _appositive_after(found, k, person, para)
            return (later or person), "named"
        if k in found.role_at:
            person = found.role_at[k]
            at = next((j for j in range(k, min(para.last, k + SUBJECT_WINDOW)) if found.person_at.get(j) is person), None)
            later = _appositive_after(found, at, person, para) if at is not None else None
            return (later or person), "named"
        if k == say.last and toks[k].norm in _unnamed()[0]:
            return None, "non_person"   # "أعلن متحدث باسم رئاسة كوريا الجنوبية": an unnamed spokesman
        if k in titled:
            holder = person_for_title(found, titled[k])
            if holder is not None:
                return holder, "named"
            return None, "non_person"   # an official the article does not name
        hit = found.mention_at.get(k)
        if hit is not None and hit[1] == "name" and hit[0].type != PERSON:
            return None, "non_person"
        if k == say.last and k not in title_starts and _group_subject(toks[k]):
            return None, "non_person"   # "وقال محللون"، "وأكدت الوكالة"، "وأعرب الجانبان"
    # a subject named just before the cue (SVO: "وزير الخارجية ... وانغ يي قال"), or a state or
    # body there ("وكان البيت الأبيض قد قال", "أما الأمم المتحدة فقد حذرت")
    if "،" in toks[say.first].gap or "," in toks[say.first].gap:
        return None, "continued"   # "روسيا، الحليف الأكبر للرئيس بشار الأسد، أكدت": an appositive stands between
    for k in range(say.first - 1, max(para.first, say.first - SVO_WINDOW) - 1, -1):
        if k in found.person_at:
            if _after_preposition(toks, k) or (k > para.first and found.person_at.get(k - 1) is not found.person_at[k]
                                               and _after_preposition(toks, k - 1)):
                continue   # "لعائلة بوش": a name inside a phrase after a preposition is not the subject
            return found.person_at[k], "named"
        if k in found.role_at:
            return found.role_at[k], "named"
        office = office_at.get(k)
        if office is not None:   # "أما أمير قطر فقال"
            holder = person_for_title(found, office)
            return (holder, "named") if holder is not None else (None, "non_person")
        hit = found.mention_at.get(k)
        if hit is not None and hit[1] == "name" and hit[0].type != PERSON and hit[2] >= say.first - 2:
            return None, "non_person"
    return None, "continued"


def _feminine_cue(tok) -> bool:
    """A perfect verb with the feminine ending, as written: "قالت", "أضافت", "أكدت"."""
    return len(tok.stem) > 3 and tok.stem.endswith("ت") and not tok.stem.endswith("وت")


def _female(found: EntityResult, person: Entity, title_starts: set[int]) -> bool:
    """Whether the text shows the person is a woman: her given name, or a title of hers in the
    feminine ("الناطقة", "وزيرة", "المستشارة")."""
    if person.name_tokens and person.name_tokens[0] in lexicon().female_names:
        return True
    return any(found.role_at.get(k) is person and found.tokens[k].stem.endswith("ه") for k in title_starts)


def _auxiliary(tok) -> bool:
    mod = cues().modifiers.get(tok.norm)
    return mod is not None and mod[0] == "aux" and not tok.clitics


def _after_preposition(toks, k: int) -> bool:
    """A word under a preposition ("في البيت الأبيض", "للصحافيين", "لعائلة"): not a subject."""
    if any(c in ("ب", "ل", "ك") for c in toks[k].clitics):
        return True
    word = toks[k].norm
    if len(word) > 4 and word[0] in "بلك" and word[1:] in lexicon().common_words:
        return True   # the tokenizer keeps "لعائلة" whole (عائلة is no lexicon word); the ل is still a preposition
    if k == 0:
        return False
    mod = cues().modifiers.get(toks[k - 1].norm)
    return mod is not None and mod[0] in ("preposition", "partner")


@cache
def _unnamed() -> tuple[frozenset[str], frozenset[str]]:
    """(indefinite group and source words, time words that may stand between a verb and its subject)."""
    groups = frozenset(normalise(r["word"]) for r in read_table("unnamed_sources.tsv"))
    times = frozenset(normalise(r["surface"]) for r in read_table("weekdays.tsv"))
    times |= frozenset(normalise(r["surface"]) for r in read_table("relative_dates.tsv"))
    return groups, times | {"اليوم", "امس", "الان", "ايضا", "كذلك"}


def _group_subject(tok) -> bool:
    """A subject that is a group or an institution, not a person: a definite ordinary noun
    ("المراقبون", "السلطات", "الجانبان") or an unnamed source ("مصادر", "محللون")."""
    groups, times = _unnamed()
    word = tok.stem or tok.norm
    if word in times or tok.norm in times or word in CONTINUATION:
        return False
    if word in groups:
        return True
    lex = lexicon()
    if word in lex.function_words or word.endswith("ين"):
        return False   # "إلى"; "دعا الجانبين": an accusative dual or plural is the object
    return word.startswith("ال") and word in lex.common_words
