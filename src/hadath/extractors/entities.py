"""Entities: people, countries, regions, organisations and places, with every mention.

Three sources, most trusted first:
1. the lexicon (gazetteers, the register of people): canonical names and codes;
2. title patterns for people not in the register: "وزير خارجية كازاخستان مراد نورتلو",
   "وزير الخارجية الصيني وانغ يي" (a title chain, then up to four name words);
3. coreference inside the article: a person's surname or family name alone
   ("نورتلو", "وانغ") and "الرئيس شي" are mentions of the person named in full.

A country is an entity when the text names it; an adjective (الصيني) only says
which state a person or body belongs to (``shared/gold/GUIDE.md``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from hadath.analyse.segment import Span

from .learned import person_tagger
from .lexicon import COUNTRY, LOCATION, NATIONALITY, ORG, PERSON, REGION, TITLE, Entry, Lexicon, lexicon
from .matcher import Match, Tok, find_matches, tokenize
from .romanize import romanize_names

MAX_NAME_WORDS = 4
TANWEEN = "\u064b\u064c\u064d"
IMPERFECT_MAX = 6   # letters of the longest imperfect verb form read as not-a-name after a title
POSTING_WORDS = ("في", "لدي")   # "السفير ... في لندن"، "المندوب ... لدى الأمم المتحدة" (normalised)
MAX_CHAIN_GAP = 3   # unknown words a title chain may hold ("المتحدث باسم وزارة الخارجية الروسية")


@dataclass
class Entity:
    key: str
    type: str
    name: str
    code: str | None = None
    country: str | None = None
    sector: str | None = None
    roles: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)
    adjective_mentions: list[Span] = field(default_factory=list)
    surface: str | None = None
    origin: str = "lexicon"          # lexicon | title_pattern
    name_tokens: tuple[str, ...] = ()
    id: str = ""
    stands_for: str | None = None    # a capital's state: "موسكو" often means Russia's government

    def as_dict(self) -> dict:
        d: dict = {"id": self.id, "type": self.type, "name": self.name}
        if self.code:
            d["code"] = self.code
        if self.type in (PERSON, LOCATION, ORG) and self.country:
            d["country"] = self.country
        if self.type == PERSON:
            d["sector"] = self.sector
            d["roles"] = self.roles
        d["mentions"] = [list(m) for m in sorted(set(self.mentions))]
        if self.adjective_mentions:
            d["adjective_mentions"] = [list(m) for m in sorted(set(self.adjective_mentions))]
        d["surface"] = self.surface
        d["origin"] = self.origin
        return d


@dataclass
class EntityResult:
    entities: list[Entity]
    tokens: list[Tok]
    matches: list[Match]
    person_at: dict[int, Entity]       # token index -> person entity mentioned there
    mention_at: dict[int, tuple[Entity, str, int]] = field(default_factory=dict)
    # first token of each mention -> (entity, "name" | "adjective", token after the mention)
    role_at: dict[int, Entity] = field(default_factory=dict)
    # tokens of a title chain -> the person it introduces ("وزير خارجية كازاخستان" before نورتلو):
    # a country named there is the person's, not a party of its own
    offices: list | None = None
    # officials named only by their office (actors.title_actors), read once per document

    def by_id(self) -> dict[str, Entity]:
        return {e.id: e for e in self.entities}


class EntityExtractor:
    def __init__(self, lex: Lexicon | None = None, extra_known: frozenset[str] = frozenset(),
                 use_learned: bool = True, say_verbs: frozenset[str] = frozenset()):
        self.lex = lex or lexicon()
        # verbs of saying: a name right after one and right before a title is a person
        # ("أفاد ويس ميتشل مساعد وزير الخارجية")
        self.say_verbs = say_verbs
        # the learned tagger adds names no title or register announces (see learned.py)
        self.tagger = person_tagger() if use_learned else None
        # words the tokenizer must recognise whole under a proclitic: lexicon heads and cue words
        self.known = self.lex.first_tokens | extra_known
        # frequent words that only look like ب/ل/ك + a lexicon word ("بيان" is not ب + يان, "كبير"
        # not ك + بير): kept whole, so the name or place inside them is not read
        self.known |= {w for w in self.lex.common_words if len(w) > 3 and w[0] in "بلك" and w[1:] in self.known}

    def extract(self, text: str, body: list[Span]) -> EntityResult:
        lex = self.lex
        toks: list[Tok] = []
        for span in body:
            part = tokenize(text, self.known, span)
            if toks and part:
                part[0].gap = "\n"
            toks.extend(part)
        matches = find_matches(toks, lex.index)
        entities: dict[str, Entity] = {}
        person_at: dict[int, Entity] = {}
        mention_at: dict[int, tuple[Entity, str, int]] = {}
        role_at: dict[int, Entity] = {}
        matched_tok = [None] * len(toks)
        for m in matches:
            for k in range(m.first, m.last):
                matched_tok[k] = m
        for m in matches:
            e = m.entry
            if e.type == TITLE:
                continue
            if e.type == COUNTRY and m.last - m.first == 1 and _nunated(text, toks[m.first]):
                # "دبلوماسيا روسياً": a state's name never takes nunation, its nisba adjective does
                e = replace(e, type=NATIONALITY, form="adjective")
            if e.type == NATIONALITY:
                ent = entities.setdefault(e.key, _entity_from(e, COUNTRY))
                ent.adjective_mentions.append(m.span)
                mention_at[m.first] = (ent, "adjective", m.last)
                continue
            ent = entities.setdefault(e.key, _entity_from(e, e.type))
            ent.mentions.append(m.span)
            mention_at[m.first] = (ent, "name", m.last)
            ent.surface = ent.surface or text[m.span[0]:m.span[1]]
            if e.type == PERSON:
                for k in range(m.first, m.last):
                    person_at[k] = ent
                words = (toks[m.first].stem, *(toks[k].norm for k in range(m.first + 1, m.last)))
                if len(words) > len(ent.name_tokens):
                    ent.name_tokens = words   # its short forms (وانغ, سعيدوف) corefer later
        # people after titles
        for m in matches:
            if m.entry.type != TITLE:
                continue
            self._person_after_title(text, toks, matches, matched_tok, m, entities, person_at, role_at)
        for m in matches:
            if m.entry.type == TITLE and self.say_verbs:
                self._person_before_title(text, toks, matched_tok, m, entities, person_at, role_at)
        if self.tagger is not None:
            self._learned_people(text, toks, matched_tok, entities, person_at)
        self._corefer(text, toks, matched_tok, entities, person_at)
        self._titles_after_names(toks, matched_tok, matches, person_at, role_at)
        for k, ent in person_at.items():
            if k not in mention_at and (k == 0 or person_at.get(k - 1) is not ent):
                end = k + 1
                while end in person_at and person_at[end] is ent:
                    end += 1
                mention_at[k] = (ent, "name", end)
        ordered = [e for e in entities.values() if e.mentions]
        ordered.sort(key=lambda e: min(e.mentions))
        unnamed = [e for e in ordered if not e.name]   # people the register does not know: romanised in one batch
        for e, name in zip(unnamed, romanize_names([e.surface or "" for e in unnamed]), strict=True):
            e.name = name
        for i, e in enumerate(ordered, 1):
            e.id = f"e{i}"
        return EntityResult(ordered, toks, matches, person_at, mention_at, role_at)

    # -- people found through their titles ---------------------------------
    def _person_after_title(self, text, toks, matches, matched_tok, title: Match, entities, person_at, role_at) -> None:
        lex = self.lex
        if title.entry.form == "institution":
            return   # "الحكومة السورية", "الجيش": an institution, not a person's title
        roles, country, sector, i, stop = self._chain(toks, matched_tok, title)
        if stop == "punctuation":
            return
        if stop == "person":
            ent = person_at.get(i)
            if ent is not None:
                _add_roles(ent, roles, country, sector)
                for k in range(title.first, i):
                    role_at.setdefault(k, ent)
            return
        if i >= len(toks) or matched_tok[i] is not None:
            return
        gap = toks[i].gap.strip(" \u00a0")
        if gap not in ("", "،", ","):
            return
        if gap and country is None and toks[i].norm not in lex.given_names:
            return   # "رؤساء الدول الست، سيؤتي": after a comma, only a chain that named a state leads to a name
        name = self._name_words(text, toks, matched_tok, i)
        if not name:
            return
        j = name[1]
        if (j < len(toks) and (nxt := matched_tok[j]) is not None and nxt.first == j and nxt.entry.type == PERSON
                and not toks[j].gap.strip(" \u00a0") and (ent := person_at.get(j)) is not None):
            # "الرئيس الفرنسي ايمانيول ماكرون": an unknown spelling of the given name of a person
            # the register knows by the surname; the title and the words are theirs
            _add_roles(ent, roles, country, sector)
            for k in range(title.first, name[0]):
                role_at.setdefault(k, ent)
            for k in range(name[0], j):
                person_at[k] = ent
            return
        if _plural(toks[title.first].norm) and toks[name[0]].norm not in lex.given_names:
            return   # "المسؤولين", "وزراء الخارجية": a group, not one person
        first, last = name
        words = tuple(toks[k].norm for k in range(first, last))
        surface = text[toks[first].start:toks[last - 1].end]
        known = _register_spelling(lex, " ".join(words), country)
        key = known.key if known is not None else "PERSON:ar:" + " ".join(words)
        if known is None and len(words) == 1 and words[0] in lex.given_names:
            # "الشيخ تميم" in a story that names "الشيخ تميم بن حمد آل ثاني": the one person so called
            same = [e for e in entities.values() if e.type == PERSON and e.name_tokens[:1] == words
                    and len(e.name_tokens) > 1 and (country is None or e.country in (None, country))]
            if len(same) == 1:
                key = same[0].key
        ent = entities.get(key)
        if ent is None and known is not None:
            ent = entities[key] = _entity_from(known, PERSON)   # "مايك بوميو": the register's Mike Pompeo
            ent.surface, ent.name_tokens = surface, words
        if ent is None:
            ent = Entity(key, PERSON, "", country=country, sector=sector, roles=[],
                         surface=surface, origin="title_pattern", name_tokens=words)
            entities[key] = ent
        ent.mentions.append((toks[first].start, toks[last - 1].end))
        _add_roles(ent, roles, country, sector)
        for k in range(title.first, first):
            role_at.setdefault(k, ent)
        for k in range(first, last):
            person_at[k] = ent
            matched_tok[k] = Match(first, last, [Entry(key, PERSON, ent.name)], (toks[first].start, toks[last - 1].end))

    def _person_before_title(self, text, toks, matched_tok, title: Match, entities, person_at, role_at) -> None:
        """"أفاد ويس ميتشل مساعد وزير الخارجية": a name between a verb of saying and the title
        that follows it as an apposition is the speaker, with that title. Two or three words,
        none of them matched, ordinary or Arabic grammar; a short word may stand inside
        ("كيم كي غوان")."""
        if title.entry.form in ("institution", "honorific") or _plural(toks[title.first].norm):
            return
        if title.first < 3 or toks[title.first].gap.strip(" \u00a0") not in ("", "،", ","):
            return
        for width in (2, 3):
            first = title.first - width
            verb = first - 1
            if verb < 0 or (toks[verb].norm not in self.say_verbs and toks[verb].stem not in self.say_verbs):
                continue
            span = range(first, title.first)
            if any(matched_tok[k] is not None or k in person_at or (k > first and toks[k].gap.strip(" \u00a0"))
                   or toks[first].gap.strip(" \u00a0") not in ("",) or _nunated(text, toks[k]) or toks[k].norm.isdigit()
                   for k in span):
                return
            if not all(self._name_like(toks[k], inner=first < k < title.first - 1) for k in span):
                return
            roles, country, sector, _, _ = self._chain(toks, matched_tok, title)
            words = tuple(toks[k].norm for k in span)
            key = "PERSON:ar:" + " ".join(words)
            ent = entities.get(key)
            if ent is None:
                ent = entities[key] = Entity(key, PERSON, "", country=country, sector=sector, roles=[],
                                             surface=text[toks[first].start:toks[title.first - 1].end],
                                             origin="title_pattern", name_tokens=words)
            ent.mentions.append((toks[first].start, toks[title.first - 1].end))
            _add_roles(ent, roles, country, sector)
            for k in range(title.first, title.last):
                role_at.setdefault(k, ent)
            for k in span:
                person_at[k] = ent
                matched_tok[k] = Match(first, title.first, [Entry(key, PERSON, ent.name)],
                                       (toks[first].start, toks[title.first - 1].end))
            return

    def _titles_after_names(self, toks, matched_tok, matches, person_at, role_at) -> None:
        """"الشيخ خالد بن أحمد، وزير خارجية البحرين،": a title chain in apposition after a
        person's name (after a comma) gives the person its roles and state."""
        for title in matches:
            if title.entry.type != TITLE or title.entry.form in ("institution", "honorific", "generic"):
                continue
            k = title.first
            if k == 0 or k in role_at or "،" not in toks[k].gap and "," not in toks[k].gap:
                continue
            ent = person_at.get(k - 1)
            if ent is None or _plural(toks[k].norm):
                continue
            roles, country, sector, end, stop = self._chain(toks, matched_tok, title)
            if stop == "person" or (end < len(toks) and not any(c in toks[end].gap for c in "،,.") and end in person_at):
                continue   # the chain leads to a name of its own: the title is that person's
            if ent.country and country and ent.country != country:
                continue
            _add_roles(ent, roles, country, sector)
            for j in range(title.first, end):
                role_at.setdefault(j, ent)

    def _name_like(self, tok: Tok, inner: bool = False) -> bool:
        """A word that may be part of a foreign name: a given name, or not an ordinary or
        grammar word (inside a name, a short word such as كي may stand)."""
        lex = self.lex
        word = tok.norm
        if word in lex.given_names:
            return True
        if len(word) < 2 or word.startswith("ال") or _ordinary(tok, lex):
            return False
        return inner and len(word) <= 3 or word not in lex.function_words

    def _chain(self, toks, matched_tok, title: Match) -> tuple[list[str], str | None, str | None, int, str]:
        """Walk a title chain: more titles, nationality adjectives, countries, organisations, a
        posting ("في لندن") and a few other words. Returns its roles, state, sector, the token
        after it, and why it ended: "punctuation", "person" (a known person at that token) or
        "end"."""
        lex = self.lex
        roles = [title.entry.name] if title.entry.form != "honorific" else []
        sector = title.entry.sector
        country = None
        i = title.last
        gap_words = 0
        while i < len(toks):
            m = matched_tok[i]
            if toks[i].gap.strip(" \u00a0") not in ("", "،", ","):
                return roles, country, sector, i, "punctuation"
            if m is not None and m.first == i and m.entry.type in (TITLE, NATIONALITY, COUNTRY, ORG):
                if m.entry.type == TITLE:
                    if m.entry.form != "honorific":
                        roles.append(m.entry.name)
                        sector = sector or m.entry.sector
                else:
                    # "المستشارة القانونية لوزارة الخارجية الأمريكية": a body's state is the official's
                    country = country or m.entry.code or m.entry.country
                i = m.last
                continue
            if m is not None and m.first == i and m.entry.type == PERSON:
                return roles, country, sector, i, "person"
            if (m is None and toks[i].norm in POSTING_WORDS and i + 1 < len(toks) and (post := matched_tok[i + 1]) is not None
                    and post.first == i + 1 and post.entry.type in (LOCATION, COUNTRY, ORG)):
                # "السفير الروسي في لندن الكسندر ياكوفنكو", "محرر الشؤون الدبلوماسية في بي بي سي":
                # where the official is posted, or the body they work in
                if post.entry.type == ORG:
                    country = country or post.entry.code or post.entry.country
                i = post.last
                continue
            if (m is None and toks[i].norm not in lex.function_words and toks[i].norm not in lex.given_names
                    and gap_words < MAX_CHAIN_GAP and _is_complement(toks[i])):
                gap_words += 1
                i += 1
                continue
            break
        return roles, country, sector, i, "end"

    def _name_words(self, text: str, toks: list[Tok], matched_tok, i: int) -> tuple[int, int] | None:
        lex = self.lex
        j = i
        while j < len(toks) and j - i < MAX_NAME_WORDS:
            t = toks[j]
            if j > i and t.gap.strip(" \u00a0"):
                break
            if matched_tok[j] is not None or t.norm in lex.function_words or t.norm.isdigit():
                break
            if t.norm not in lex.given_names and _ordinary(t, lex):
                if j == i + 1 and toks[i].norm in lex.given_names and _closed_after(toks, j):
                    j += 1   # "السفير بسام راضي،": a family name that is also a word, closed by a comma
                break   # "ترامب اتهامات بأنه", "بعدها", "والله": copy runs on into ordinary words
            if j > i and t.norm.startswith(("لل", "بال", "وال", "فال", "كال")):
                break
            if j > i and t.norm.startswith(("و", "ف")) and (t.norm[1:] in lex.function_words
                                                           or t.norm[1:] in lex.common_words):
                break
            if len(t.norm) < 2 or any(c in TANWEEN for c in text[t.start:t.end + 1]):
                break   # "مندداً": a word with nunation is Arabic grammar, not a foreign name
            j += 1
        if (i < j < len(toks) and j - i < MAX_NAME_WORDS and toks[j - 1].norm in lex.name_links
                and not toks[j].gap.strip(" \u00a0") and matched_tok[j] is None and toks[j].norm not in lex.function_words):
            j += 1   # "أحمد بن حلى": a name does not end on بن; the word after it is the name's (حلى is also a word)
        if j == i:
            return None
        first_word = toks[i].norm
        if first_word.startswith("ال") and first_word not in lex.given_names:
            return None   # "الوزير الجديد": a description, not a name
        if j - i == 1 and first_word not in lex.given_names and len(first_word) < 4:
            return None
        if (j - i == 1 and first_word[0] in "بل" and first_word not in lex.given_names and j < len(toks)
                and not toks[j].gap.strip(" \u00a0") and toks[j].norm not in lex.function_words and _ordinary(toks[j], lex)):
            return None   # "رئيس وزراء هولندا بوجوب أولوية": a preposition and a noun, then more prose
        if first_word.startswith("ي") and first_word not in lex.given_names and len(first_word) <= IMPERFECT_MAX and j - i < 3:
            # "أمير قطر يتعهد": an imperfect verb, not a name (ياكوفنكو is too long for one, and
            # "يماني جبر ميسكيل" has three name words after it, which a verb's object would not)
            return None
        if first_word[:2] in ("سي", "ست", "سن") and len(first_word) > 4 and first_word not in lex.given_names:
            return None   # "الرئيس الكوري الشمالي سيعبر": a future verb
        if first_word.startswith("وال") and first_word not in lex.given_names:
            return None   # "الرئيس والله": a conjunction and the article, not a name
        return (i, j)

    # -- people the learned tagger finds ----------------------------------------
    def _free(self, tok: Tok, matched, k: int, person_at) -> bool:
        """A word the learned tagger may still put in a name: unmatched and not ordinary."""
        return (matched is None and k not in person_at
                and (tok.norm in self.lex.given_names or not _ordinary(tok, self.lex)))

    def _learned_people(self, text, toks, matched_tok, entities, person_at) -> None:
        """Names of two words or more the tagger marks where no rule or lexicon entry stands."""
        lex = self.lex
        start = 0
        for i in range(1, len(toks) + 1):
            if i < len(toks) and "\n" not in toks[i].gap and "." not in toks[i].gap:
                continue
            sentence = range(start, i)
            if not any(self._free(toks[k], matched_tok[k], k, person_at) and self._free(toks[k + 1], matched_tok[k + 1], k + 1, person_at)
                       and not toks[k + 1].gap.strip(" \u00a0") for k in sentence[:-1]):
                start = i
                continue   # no two free name-like words in a row: the tagger could not add a name here
            words = [t.norm for t in toks[start:i]]
            for a, b in self.tagger.spans(words):
                first, last = start + a, start + b
                if last - first < 2 or last - first > MAX_NAME_WORDS:
                    continue
                span_toks = range(first, last)
                if any(matched_tok[k] is not None or k in person_at for k in span_toks):
                    continue
                if any(_ordinary(toks[k], lex) and toks[k].norm not in lex.given_names for k in span_toks):
                    continue
                if any(k > first and toks[k].gap.strip(" \u00a0") for k in span_toks):
                    continue
                words_key = tuple(toks[k].norm for k in span_toks)
                surface = text[toks[first].start:toks[last - 1].end]
                key = "PERSON:ar:" + " ".join(words_key)
                ent = entities.get(key)
                if ent is None:
                    ent = Entity(key, PERSON, "", surface=surface, origin="learned",
                                 name_tokens=words_key)
                    entities[key] = ent
                ent.mentions.append((toks[first].start, toks[last - 1].end))
                for k in span_toks:
                    person_at[k] = ent
                    matched_tok[k] = Match(first, last, [Entry(key, PERSON, ent.name)],
                                           (toks[first].start, toks[last - 1].end))
            start = i

    # -- coreference: short names -------------------------------------------
    def _corefer(self, text, toks, matched_tok, entities, person_at) -> None:
        """Mark each remaining occurrence of a person's short name as a mention of them."""
        lex = self.lex
        short: dict[tuple[str, ...], Entity] = {}
        ambiguous: dict[tuple[str, ...], list[Entity]] = {}
        for ent in entities.values():
            if ent.type != PERSON or not ent.name_tokens:
                continue
            forms = _short_forms(ent.name_tokens, lex)
            family = []
            if ent.country in lex.family_first and len(ent.name_tokens) > 2 and len(ent.name_tokens[0]) >= 2:
                family = [ent.name_tokens[:1]]   # "كيم جونغ أون" -> كيم
            for form in forms + family:
                if form in short and short[form] is not ent:
                    ambiguous.setdefault(form, [short[form]]).append(ent)
                short[form] = ent
        for form in ambiguous:
            short.pop(form, None)
        if not short and not ambiguous:
            return
        first_seen = {id(e): min(e.mentions)[0] for holders in ambiguous.values() for e in holders if e.mentions}
        k = 0
        while k < len(toks):
            t = toks[k]
            hit = None
            if matched_tok[k] is None:
                two = (t.stem, toks[k + 1].norm) if k + 1 < len(toks) and matched_tok[k + 1] is None else None
                for form, start, width in (((two and (t.norm, two[1])), t.start, 2), (two, t.stem_start, 2),
                                           ((t.norm,), t.start, 1), ((t.stem,), t.stem_start, 1)):
                    if form and form in short:
                        hit = (short[form], start, width)
                        break
                    if form and form in ambiguous and (ent := _antecedent_of(ambiguous[form], first_seen, start, lex)):
                        hit = (ent, start, width)
                        break
            if hit:
                ent, start, width = hit
                ent.mentions.append((start, toks[k + width - 1].end))
                for j in range(k, k + width):
                    person_at[j] = ent
                k += width
            else:
                k += 1


def _antecedent_of(holders: list[Entity], first_seen: dict[int, int], at: int, lex: Lexicon) -> Entity | None:
    """Which of the people sharing a short name a mention at ``at`` is: the only one named
    before it; among several Korean or Chinese namesakes ("كيم" in a story of Kim Jong Un and
    his sister), the one named at least twice as often as any other."""
    before = [h for h in holders if first_seen.get(id(h), at) < at]
    if len(before) == 1:
        return before[0]
    if len(before) > 1 and all(h.country in lex.family_first for h in before):
        ranked = sorted(before, key=lambda h: len(h.mentions), reverse=True)
        if len(ranked[0].mentions) >= 2 * max(1, len(ranked[1].mentions)):
            return ranked[0]
    return None


def _short_forms(words: tuple[str, ...], lex: Lexicon) -> list[tuple[str, ...]]:
    """The words a person may be called by alone: the family name (the last word, or the
    last two for a compound such as مهر الدين), and the first word when it is not a given
    name (family-first names: وانغ يي -> وانغ)."""
    if len(words) < 2:
        return []
    forms: list[tuple[str, ...]] = []
    last = words[-1]
    if last in lex.name_tails:
        if len(words) >= 3:
            forms.append(words[-2:])
    elif len(last) >= 3 and last not in lex.function_words:
        forms.append((last,))
    first = words[0]
    if len(words) == 2 and first not in lex.given_names and len(first) >= 3 and first not in lex.function_words:
        forms.append((first,))
    return forms


PRONOUN_SUFFIXES = ("هما", "هم", "ها", "ه")


NAME_CLOSERS = frozenset({"ان", "انه", "انها"})   # "وقال بسام راضي إن": what was said begins
FUZZY_MIN_LENGTH = 8   # letters a name needs before one differing letter may still be the same person


def _register_spelling(lex: Lexicon, name: str, country: str | None) -> Entry | None:
    """A register person whose spelling differs from ``name`` by one letter (two for long
    names), of the state the title names; the one such person, or None."""
    if len(name) < FUZZY_MIN_LENGTH or not country:
        return None
    allowed = 1 if len(name) < 2 * FUZZY_MIN_LENGTH else 2
    hits = {e.key: e for spelling, e in lex.people_by_country.get(country, ())
            if abs(len(spelling) - len(name)) <= allowed and _within(spelling, name, allowed)}
    return next(iter(hits.values())) if len(hits) == 1 else None


def _within(a: str, b: str, limit: int) -> bool:
    """Levenshtein distance of ``a`` and ``b`` at most ``limit`` (banded, stops early)."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
        if min(cur) > limit:
            return False
        prev = cur
    return prev[-1] <= limit


def _closed_after(toks: list[Tok], j: int) -> bool:
    """A comma, a full stop or "أن/إن" right after word ``j``: the name ends there."""
    return j + 1 >= len(toks) or any(c in toks[j + 1].gap for c in "،,.") or toks[j + 1].norm in NAME_CLOSERS


def _nunated(text: str, tok: Tok) -> bool:
    """Whether the word as written carries nunation (tanween), as in "روسياً"."""
    return any(c in TANWEEN for c in text[tok.start:tok.end + 1])


def _ordinary(tok: Tok, lex: Lexicon) -> bool:
    """A frequent non-name word, also under one proclitic, a pronoun suffix or written
    accusative alef ("بعدها", "صفحتها", "والله", "مساءا")."""
    word = tok.norm
    bases = {word, tok.stem}
    if len(word) > 3 and word[0] in "وفبلك":
        bases.add(word[1:])
    for base in list(bases):   # "وزوجته" -> زوجة, "باسمها" -> اسم: a proclitic and a suffix together
        for suffix in PRONOUN_SUFFIXES:
            if base.endswith(suffix) and len(base) - len(suffix) >= 3:
                stem = base[: -len(suffix)]
                bases.add(stem)
                if stem.endswith("ت"):
                    bases.add(stem[:-1] + "ه")   # صفحتها -> صفحة: the ta marbuta before a suffix
                break
    if word.endswith("ا") and len(word) > 3:
        bases.add(word[:-1])
    return any(b in lex.common_words or b in lex.function_words for b in bases)


def _plural(word: str) -> bool:
    if word.startswith(("امين", "الامين")):
        return False
    return word.endswith(("ين", "ون")) or word.startswith(("وزراء", "رؤساء", "قاده", "زعماء", "سفراء", "مسؤولو"))


def _is_complement(tok: Tok) -> bool:
    """A word that can sit inside a title chain: "وزارة", "الخارجية", "باسم", "للشؤون"."""
    return tok.norm.startswith(("ال", "لل", "بال")) or tok.norm in ("باسم", "وزاره", "لوزاره", "عام", "العام")


def _entity_from(e: Entry, etype: str) -> Entity:
    stands_for = e.country if etype == LOCATION and e.form == "capital" else None
    return Entity(e.key, etype, e.name, code=e.code, country=e.country, sector=e.sector, roles=list(e.roles),
                  stands_for=stands_for)


def _add_roles(ent: Entity, roles: list[str], country: str | None, sector: str | None) -> None:
    for r in roles:
        if r not in ent.roles:
            ent.roles.append(r)
    if country and not ent.country:
        ent.country = country
    if sector and not ent.sector:
        ent.sector = sector


__all__ = ["Entity", "EntityExtractor", "EntityResult", "ORG", "REGION"]
