"""Synthetic corpora for benchmarks: N councils' corporate parenting documents in the seed
layouts, deterministic from a seed number (the same seed writes byte-identical files).

Each council gets one document, like the seeds: every other council an action plan (numbered
pledges of labelled-field records, like the Bracknell Forest seed), the others a strategy in
another seed layout, in turn: a pledge of ``We will:`` lists, priority themes as tables,
responsibilities by role with a governance panel, or numbered priorities with "How will this be
achieved". Posts come from a pool with abbreviations, joint
owners are joined with "and", "," or "/", some wear a hat, dates are months, days, quarters,
years or "Reviewed annually", some owners are missing, some actions repeat word for word, and
partner agencies and initiatives are named. What each document should extract to is kept with
its text (:class:`Document`), so tests can check that the extractor reads what was written.

``python -m bench.corpus N OUT_DIR [--seed S]``
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import dataclass, field
from itertools import product
from pathlib import Path

from cpgraph.resolve import slug

CATALOGUE = "catalogue.json"
MARKER = "bench.corpus"

_FIRST = ["Ash", "Black", "Bram", "Brook", "Cal", "Castle", "Elm", "Fern", "Glen", "Hazel", "Kings",
          "Lang", "Marl", "Mill", "Nor", "Oak", "Red", "Stan", "Thorn", "Wey", "Whit", "Wick", "Wold", "Yarn"]
_SECOND = ["ford", "field", "ham", "ton", "bury", "wick", "ley", "mouth", "borough", "dale", "well", "stead",
           "minster", "worth", "bridge", "combe", "hurst", "by", "port", "gate", "marsh", "ridge", "brook", "wood"]
_COMPASS = ["", "North ", "South ", "East ", "West "]
_COUNCIL_KINDS = ["County Council", "City Council", "Borough Council", "Council",
                  "Metropolitan Borough Council", "District Council"]

# (name, is a post): posts can share a comma list; units and abbreviation-only names cannot
_OWNERS = [
    ("Team Manager: Life Chances", True), ("Team Manager: Family Placement", True),
    ("Team Manager: Conference and Review", True), ("Head of Service: Life Chances", True),
    ("Head of Service: Family Safeguarding", True), ("Head of Service for Children in Our Care and Care Leavers", True),
    ("Leaving Care ATM", True), ("Virtual School Headteacher", True), ("Child Participation Development Worker", True),
    ("Assistant Director: Education and Learning", True), ("Independent Reviewing Officer", True),
    ("IRO Service Manager", True), ("Designated Nurse for Children in Care", True), ("Housing Options Manager", True),
    ("Principal Social Worker", True), ("Participation Lead", True), ("SEND Team Manager", True),
    ("Commissioning Manager", True), ("Corporate Parenting Lead", True), ("Director of Children's Services", True),
    ("Service Manager: CLA", True), ("Fostering Recruitment Officer", True), ("Education Welfare Officer", True),
    ("Youth Justice Service Manager", True), ("Emotional Wellbeing Practitioner", True),
    ("Cabinet Member for Children's Services", True), ("HR Business Partner", False), ("Virtual School", False),
    ("Leaving Care Team", False), ("Fostering Service", False), ("Children in Care Team", False),
    ("Early Help Service", False), ("Housing Department", False),
]
_TEAMS = ["CLA", "CSST", "Life Chances", "Family Placement", "Family Safeguarding", "Leaving Care"]
_HATS = ["Elevate Lead", "Care Leaver Champion", "Mental Health Lead", "Participation Champion", "Board Representative"]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]
_RECURRENCES = ["Reviewed annually", "Ongoing", "Quarterly", "Reviewed quarterly", "Termly"]
_INITIATIVES = ["Care Leavers Covenant", "Staying Put", "Stay Close", "Mockingbird", "House Project",
                "Bright Spots survey", "Local Offer refresh", "Sufficiency Strategy", "SEND Improvement Plan",
                "Early Help Strategy", "Workforce Development Plan", "Care Leaver review - DfE advisor visit"]
_PARTNERS = ["the Integrated Care Board", "NHS England", "Barnardo's", "the police", "Coram Voice", "NYAS",
             "Action for Children", "The Fostering Network", "local employers", "schools and colleges"]
_LABELS = [  # (owner, due, link, action, outcome)
    ("Responsible officer", "Timeline", "Link to other action plans or strategy initiatives", "Action", "Expected outcome"),
    ("Lead officer", "Timescale", "Linked initiatives", "What we will do", "Expected outcomes"),
    ("Owner", "By when", "Links to other plans", "Action", "Outcome"),
]
_PLEDGE_AIMS = [
    "support you in the same way as if you were our own child", "listen to your wishes and act on what you tell us",
    "keep you updated in the way that you prefer", "help you to stay safe at home, at school and online",
    "support your education and training so that you can reach your goals",
    "look after your physical and mental health", "give you a safe and settled place to live",
    "help you to prepare for adult life", "help you to stay in touch with the people who matter to you",
    "celebrate your achievements, big and small", "make sure you always have someone to speak up for you",
    "support you into work, apprenticeships and further study", "help you to manage your money",
    "respect your identity, your culture and your faith", "stay with you until you are 25 and beyond",
]
_SUBJECTS = ["Children in care", "Care leavers", "Foster carers", "Young people", "Social workers",
             "Personal advisers", "Schools", "Residential staff"]
_RESULTS = [
    "report feeling listened to in their reviews", "have an up-to-date pathway plan written with them",
    "are equipped to provide sensitive and inclusive care", "know how to get independent advocacy",
    "take part in the annual Bright Spots survey", "have a named worker who stays with them",
    "see improved attendance and attainment", "get their health assessments on time",
    "are supported to move on at their own pace", "receive the Local Offer in a format they can use",
    "have access to emotional wellbeing support within four weeks", "are offered work experience every year",
    "are consulted before any change of placement", "understand their entitlements and how to claim them",
    "are trained in trauma-informed practice", "keep in touch with their brothers and sisters",
]
_VERBS = ["Review", "Develop", "Deliver", "Strengthen", "Introduce", "Expand", "Promote", "Embed", "Improve",
          "Launch", "Monitor", "Co-produce"]
_OBJECTS = [
    "the Local Offer for care leavers", "training for foster carers on trauma-informed care",
    "the pathway planning process", "access to mental health support", "the Staying Put arrangements",
    "apprenticeship opportunities across the council", "advocacy and independent visitor services",
    "the health assessment process", "Personal Education Plans", "the Mockingbird family model",
    "housing options for care leavers", "the Children in Care Council", "council tax exemption for care leavers",
    "the celebration events for children in care", "support for unaccompanied asylum-seeking children",
    "the induction for new elected members",
]
_PROMISE_SECTIONS = {
    "EDUCATION, TRAINING AND EMPLOYMENT": [
        "Support you with your goals and aspirations for the future", "Help you prepare for interviews and write your CV",
        "Provide training and work experience opportunities within our organisation",
        "Support you to access funding for a laptop for your education", "Celebrate your successes and achievements with you",
        "Encourage your hobbies and access to leisure activities"],
    "HEALTH AND WELLBEING": [
        "Help you to maintain good health and wellbeing", "Provide you with advice to access health services",
        "Support you to arrange your medical appointments when needed", "Make sure you can talk to someone when you feel low",
        "Give you a copy of your health history before you leave care"],
    "A PLACE TO LIVE": [
        "Support you with finding a suitable place to live", "Help you to make a house your home",
        "Make sure you know your entitlements to benefits and grants", "Offer support to help you manage your money",
        "Let you stay with your foster carers after you turn 18 where you both want this"],
    "HAVING YOUR SAY": [
        "Ensure that you know your rights including your right to vote", "Encourage you to shape our policies",
        "Promote your involvement in decision making", "Advocate on your behalf when you need extra support",
        "Tell you what we changed because of what you said"],
    "RELATIONSHIPS": [
        "Support you to keep in touch with your family and friends", "Keep your social worker the same wherever we can",
        "Help you to find a mentor if you would like one", "Explain any change of worker before it happens"],
    "TRANSITIONS": [
        "Guide you through your transition before you leave care", "Provide you with a timeline for your move",
        "Introduce your personal adviser before you turn 16", "Keep your pathway plan up to date with you"],
}
_THEMES = {
    "A Place to Live": ("Everyone needs a safe home where they feel protected and valued.",
                        "Young people live in homes that suit them and know where to get help.",
                        ["Listen to young people about their housing needs", "Support a young person to find a home",
                         "Ensure housing is considered in decision-making", "Identify unsuitable accommodation early"]),
    "Preparing for Adult Life": ("Living successfully means more than being independent.",
                                 "Young people leave care with the skills they need.",
                                 ["Provide information about jobs and apprenticeships", "Teach independent living skills",
                                  "Support young people to achieve their ambitions", "Help young people to open a bank account"]),
    "Health and Wellbeing": ("Children in care face health challenges others do not.",
                             "Every child has their health needs met on time.",
                             ["Commission services jointly with health partners", "Support medical appointments",
                              "Analyse data to understand health needs", "Provide access to exercise and leisure"]),
    "Education": ("Education opens doors for every child.",
                  "Children in care achieve as well as their classmates.",
                  ["Help children with homework", "Support schools to be good or outstanding",
                   "Inform Personal Education Plans", "Celebrate the achievements of young people"]),
    "Active Citizenship": ("The voice of the child must always be heard.",
                           "Young people shape the services they use.",
                           ["Promote membership of the Children in Care Council", "Inform young people of their rights",
                            "Use coproduction to shape service development"]),
}
_HOLDERS = {
    "Elected members": ("Effective corporate parenting requires that all elected members", [
        "are aware of their role as corporate parents", "ask questions about the quality of services for children in care",
        "prioritise the needs of children in care in budget setting", "take an active interest in the views of care leavers"]),
    "Schools and colleges": ("Schools and colleges will", [
        "make sure every child in care has a Personal Education Plan", "have a designated teacher for children in care",
        "work hard to avoid exclusions", "engage with the Virtual School"]),
    "Health service providers": ("Health service providers will", [
        "complete health assessments on time", "offer prompt mental health support",
        "manage transitions to adult health services with young people"]),
    "Housing providers": ("Housing providers will", [
        "provide good quality accommodation for care leavers", "offer a range of move-on accommodation",
        "give care leavers priority on the housing register"]),
    "Community organisations": ("Community organisations should", [
        "offer mentoring and advice to care leavers", "share opportunities for leisure and volunteering"]),
}
_PRIORITIES = {
    "Building meaningful relationships": (
        ["Develop the workforce strategy to reduce changes of social worker", "Strive to ensure our children have trusted adults",
         "Provide a digital platform for children to share their views", "Strengthen our contextual safeguarding approach",
         "Ensure all children know how to access advocacy support"],
        ["Higher percentage of children with consistent workers", "Fewer children going missing"]),
    "Stable homes": (
        ["Recruit more local foster carers", "Expand the Mockingbird family model", "Review the sufficiency of local placements",
         "Support carers through the first year of each placement"],
        ["More children live within twenty miles of home", "Fewer unplanned endings of placements"]),
    "Achieving in education": (
        ["Improve the quality of Personal Education Plans", "Track attendance of every child in care weekly",
         "Offer tutoring to children who fall behind"],
        ["Attainment gap narrows at every key stage", "No permanent exclusions of children in care"]),
    "Ready for adulthood": (
        ["Introduce a care leaver apprenticeship scheme", "Extend personal adviser support to age 25",
         "Provide a setting-up-home allowance that meets real costs", "Help care leavers to register with a doctor"],
        ["More care leavers in education, employment or training", "Fewer care leavers in unsuitable accommodation"]),
}


@dataclass(frozen=True)
class ExpectedAction:
    """What the extractor should read for one action: its text, owners (split and normalised),
    hats, due date (value and precision) or recurrence, and linked initiatives."""

    text: str
    owners: tuple[str, ...] = ()
    hats: tuple[tuple[str, str], ...] = ()
    due: str | None = None
    precision: str | None = None
    recurrence: str | None = None
    initiatives: tuple[str, ...] = ()


@dataclass
class Document:
    """One generated document: its file name, council, layout and text, with what it should
    extract to (actions per pledge in order; duty holders with their number of duties)."""

    file: str
    council: str
    layout: str
    text: str
    pledges: list[list[ExpectedAction]] = field(default_factory=list)
    responsibilities: list[tuple[str, int]] = field(default_factory=list)

    @property
    def actions(self) -> list[ExpectedAction]:
        """Every expected action in document order."""
        return [a for p in self.pledges for a in p]


def council_names(n_councils: int, seed: int = 0) -> list[str]:
    """``n_councils`` distinct council names; the first k are the same for any n >= k."""
    places = [f"{c}{a}{b}" for c, a, b in product(_COMPASS, _FIRST, _SECOND)]
    if n_councils > len(places):
        raise ValueError(f"the generator names at most {len(places)} councils, not {n_councils}")
    random.Random(f"places:{seed}").shuffle(places)
    return [f"{place} {random.Random(f'kind:{seed}:{i}').choice(_COUNCIL_KINDS)}"
            for i, place in enumerate(places[:n_councils])]


def plan(n_councils: int, seed: int = 0) -> list[Document]:
    """The documents of ``n_councils`` councils, deterministic from ``seed`` (council i's
    documents do not depend on ``n_councils``, so a smaller corpus is a prefix of a larger)."""
    if n_councils < 0:
        raise ValueError("the number of councils cannot be negative")
    docs: list[Document] = []
    for index, council in enumerate(council_names(n_councils, seed)):
        rng = random.Random(f"council:{seed}:{index}")
        start = rng.choice([2023, 2024, 2025, 2026])
        period = (start, start + rng.choice([2, 3, 4, 5]))
        base = slug(council.removesuffix(" Council").removesuffix(" County").removesuffix(" City"))
        if index % 2 == 0:
            docs.append(_action_plan(rng, council, f"{base}-action-plan-{period[0]}-{period[1]}.txt", period))
        else:
            layout = ["pledge_list", "theme_tables", "duties", "priority"][index // 2 % 4]
            docs.append(_STRATEGIES[layout](rng, council, f"{base}-strategy-{period[0]}-{period[1]}.txt", period))
    return docs


def generate(n_councils: int, out_dir: Path, seed: int = 0) -> list[Path]:
    """Write ``n_councils`` councils' documents and a ``catalogue.json`` naming each council into
    ``out_dir``; return the document paths. Files a previous run of the generator wrote there
    (listed in its catalogue) are removed first, so the folder holds exactly this corpus."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    _remove_previous(out_dir)
    docs = plan(n_councils, seed)
    paths = []
    for doc in docs:
        path = out_dir / doc.file
        path.write_bytes(doc.text.encode("utf-8"))
        paths.append(path)
    catalogue = {"_comment": f"Generated by {MARKER} (seed {seed}); keys are file names.",
                 "_generator": MARKER, **{d.file: {"council": d.council} for d in docs}}
    (out_dir / CATALOGUE).write_text(json.dumps(catalogue, indent=1, sort_keys=False) + "\n", encoding="utf-8")
    return paths


def _remove_previous(out_dir: Path) -> None:
    cat = out_dir / CATALOGUE
    if not cat.is_file():
        return
    try:
        data = json.loads(cat.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError):
        return
    if data.get("_generator") != MARKER:
        return
    for name in data:
        if not name.startswith("_") and "/" not in name and (out_dir / name).is_file():
            (out_dir / name).unlink()


# --------------------------------------------------------------------------- action plans


def _owner_field(rng: random.Random, posts: list[tuple[str, bool]], weights: list[float]
                 ) -> tuple[str | None, tuple[str, ...], tuple[tuple[str, str], ...]]:
    """An owner field as written, the owners it names, and their hats (None: no owner line)."""
    roll = rng.random()
    if roll < 0.04:
        return None, (), ()
    if roll < 0.09:
        return "TBC", (), ()
    if roll < 0.13:
        teams = rng.sample(_TEAMS, rng.choice([3, 4]))  # "Team Manager: CLA, CSST and X" distributes its prefix
        written = "Team Manager: " + (", ".join(teams[:-1]) + " and " + teams[-1])
        return written, tuple(f"Team Manager: {t}" for t in teams), ()
    count = 1 if roll < 0.70 else (2 if roll < 0.92 else 3)
    chosen: list[tuple[str, bool]] = []
    while len(chosen) < count:
        pick = rng.choices(posts, weights)[0]
        if pick not in chosen:
            chosen.append(pick)
    names = [name for name, _ in chosen]
    hats: list[tuple[str, str]] = []
    if count == 1 and ":" not in names[0] and chosen[0][1] and rng.random() < 0.25:
        hat = rng.choice(_HATS)
        hats.append((names[0], hat))
        return f"{names[0]} ({hat})", (names[0],), tuple(hats)
    if count == 1:
        return names[0], (names[0],), ()
    if count == 2:
        joiner = rng.choice([" and ", " / ", "/", ", "]) if all(p for _, p in chosen) else rng.choice([" and ", " / "])
        return joiner.join(names), tuple(names), ()
    if all(p for _, p in chosen) and rng.random() < 0.5:
        return f"{names[0]}, {names[1]} and {names[2]}", tuple(names), ()
    return " / ".join(names), tuple(names), ()


def _due_field(rng: random.Random, period: tuple[int, int]) -> tuple[str, str | None, str | None, str | None]:
    """A timeline as written and its (value, precision, recurrence)."""
    year = rng.randint(period[0], period[1])
    month = rng.randint(1, 12)
    roll = rng.random()
    if roll < 0.45:
        return f"{_MONTHS[month - 1]} {year}", f"{year}-{month:02d}", "month", None
    if roll < 0.52:
        return f"{_MONTHS[month - 1][:3]} {year}", f"{year}-{month:02d}", "month", None
    if roll < 0.62:
        day = rng.randint(1, 28)
        return f"{day} {_MONTHS[month - 1]} {year}", f"{year}-{month:02d}-{day:02d}", "day", None
    if roll < 0.68:
        day = rng.randint(1, 28)
        return f"{day:02d}/{month:02d}/{year}", f"{year}-{month:02d}-{day:02d}", "day", None
    if roll < 0.74:
        q = rng.randint(1, 4)
        return f"Q{q} {year}", f"{year}-{q * 3:02d}", "month", None
    if roll < 0.77:
        return f"End of {year}", f"{year}-12", "month", None  # the end of a year is its December
    if roll < 0.80:
        return f"By {year}", str(year), "year", None
    if roll < 0.95:
        rec = rng.choice(_RECURRENCES)
        return rec, None, None, rec
    return "TBC", None, None, None


def _outcome(rng: random.Random) -> list[str]:
    paragraphs = [f"{rng.choice(_SUBJECTS)} {rng.choice(_RESULTS)}."]
    if rng.random() < 0.3:
        paragraphs.append(f"Joint work with {rng.choice(_PARTNERS)} is reviewed at every board meeting.")
    return paragraphs


def _action_plan(rng: random.Random, council: str, file: str, period: tuple[int, int]) -> Document:
    owner_l, due_l, link_l, action_l, outcome_l = rng.choice(_LABELS)
    with_action = rng.random() < 0.6
    posts = rng.sample(_OWNERS, rng.randint(8, 16))
    weights = [1 / (rank + 1) for rank in range(len(posts))]  # a few posts carry most of the plan
    aims = rng.sample(_PLEDGE_AIMS, rng.randint(5, 10))
    heading = rng.choice(["Pledge", "Objective", "Commitment"])
    years = f"{period[0]} to {period[1]}"
    lines = [f"Corporate Parenting Strategy action plan {years} -", "",
             f"{council} commits to {len(aims)} pledges to its children looked after and care leavers, "
             "keeping the strategy measurable and accountable.", "", "The pledges are to:", ""]
    lines += [f"  {i}. {aim[0].upper()}{aim[1:]}." for i, aim in enumerate(aims, start=1)] + [""]
    pledges: list[list[ExpectedAction]] = []
    written: list[tuple[list[str], ExpectedAction]] = []
    for number, aim in enumerate(aims, start=1):
        if rng.random() < 0.5:
            lines += [f"{heading} {number}", "", f"We promise to do our best to {aim}", ""]
        else:
            lines += [f"{heading} {number}: We will {aim}", ""]
        actions: list[ExpectedAction] = []
        repeats = [w for w in written if rng.random() < 0.08] if number > 1 else []
        for _ in range(rng.randint(2, 6)):
            record, expected = _record(rng, posts, weights, with_action, period,
                                       (owner_l, due_l, link_l, action_l, outcome_l))
            lines += record
            actions.append(expected)
            written.append((record, expected))
        for record, expected in repeats[:3]:  # duplicated actions, word for word
            lines += record
            actions.append(expected)
        pledges.append(actions)
    return Document(file, council, "action_plan", "\n".join(lines) + "\n", pledges)


def _record(rng: random.Random, posts, weights, with_action: bool, period, labels) -> tuple[list[str], ExpectedAction]:
    owner_l, due_l, link_l, action_l, outcome_l = labels
    owner_text, owners, hats = _owner_field(rng, posts, weights)
    due_text, due, precision, recurrence = _due_field(rng, period)
    lines = [] if owner_text is None else [f"{owner_l}: {owner_text}", ""]
    lines += [f"{due_l}: {due_text}", ""]
    links: tuple[str, ...] = ()
    if rng.random() < 0.35:
        links = tuple(rng.sample(_INITIATIVES, rng.choice([1, 1, 2])))
        lines += [f"{link_l}: {' and '.join(links)}", ""]
    else:
        lines += [f"{link_l}: Not applicable", ""]
    outcome = _outcome(rng)
    action = ""
    if with_action:
        tail = f" with {rng.choice(_PARTNERS)}" if rng.random() < 0.3 else ""
        action = f"{rng.choice(_VERBS)} {rng.choice(_OBJECTS)}{tail}"
        lines += [f"{action_l}: {action}", ""]
    lines += [f"{outcome_l}:", ""]
    for paragraph in outcome:
        lines += [paragraph + (" " if rng.random() < 0.2 else ""), ""]  # trailing spaces, as in the seed
    text = action or " ".join(outcome)
    return lines, ExpectedAction(text, owners, hats, due, precision, recurrence, links)


# --------------------------------------------------------------------------- strategies


def _opening(council: str, period: tuple[int, int]) -> list[str]:
    return [f"Corporate Parenting Strategy {period[0]} to {period[1]}", "",
            f"{council} is the corporate parent of every child in its care and every care leaver. "
            "This strategy says what we will do and how we will know it is working.", ""]


def _pledge_list(rng: random.Random, council: str, file: str, period) -> Document:
    lines = _opening(council, period)
    lines += [rng.choice(["CARE LEAVERS PLEDGE", "OUR PLEDGE TO CHILDREN IN CARE"]), ""]
    pledges = []
    for heading in rng.sample(sorted(_PROMISE_SECTIONS), rng.randint(3, 6)):
        pool = _PROMISE_SECTIONS[heading]
        items = rng.sample(pool, rng.randint(3, len(pool)))
        lines += [heading, "", "We will:", ""] + [f"- {item}" for item in items] + [""]
        pledges.append([ExpectedAction(item) for item in items])
    lines += [f"{rng.choice(_MONTHS)} {period[0]}", "",
              "We will review these pledges every year with the Children in Care Council.", ""]
    return Document(file, council, "pledge_list", "\n".join(lines) + "\n", pledges)


def _theme_tables(rng: random.Random, council: str, file: str, period) -> Document:
    themes = rng.sample(sorted(_THEMES), rng.randint(3, 5))
    lines = _opening(council, period)
    lines += [f"To help us meet our ambition we have identified {len(themes)} priority themes "
              "agreed with children and young people.", ""]
    pledges = []
    for title in themes:
        why, aim, hows = _THEMES[title]
        items = rng.sample(hows, rng.randint(2, len(hows)))
        lines += [f"{title}\t\t", "Why this is important\tWhat are we aiming for\t", f"{why}\t{aim}\t",
                  "How we support the theme as a corporate parent\t\t"]
        lines += [f"- {item}" for item in items] + [""]
        pledges.append([ExpectedAction(item) for item in items])
    lines += ["Delivering our priorities", "",
              "Each theme has a subgroup of the Corporate Parenting Board that meets quarterly.", ""]
    return Document(file, council, "theme_tables", "\n".join(lines) + "\n", pledges)


def _duties(rng: random.Random, council: str, file: str, period) -> Document:
    lines = [f"Corporate Parenting Strategy {period[0]} to {period[1]}", "2. Corporate parenting", "2.1 Introduction",
             "Our commitment to Corporate Parenting is underpinned by our belief that:",
             "- the family is usually the best place for bringing up children",
             "- our young people need and deserve support from trusted adults",
             "2.2 Role and responsibilities",
             f"Every councillor and officer within {council} has a responsibility to act for children in care "
             "as a parent would for their own child."]
    holders = rng.sample(sorted(_HOLDERS), rng.randint(3, 5))
    responsibilities = []
    for holder in holders:
        intro, duties = _HOLDERS[holder]
        chosen = rng.sample(duties, rng.randint(2, len(duties)))
        lines += [holder, f"{intro}:"] + [f"- {d}" for d in chosen]
        responsibilities.append((holder, len(chosen)))
    chair = rng.choice(["Cabinet Member for Children's Services", "Lead Member for Children"])
    frequency = rng.choice(["bi-monthly", "quarterly", "monthly"])
    partner = rng.choice(["the Integrated Care Board", "the police", "Barnardo's"])
    lines += ["2.3 Governance: the Corporate Parenting Panel (CPP)",
              f"Lead responsibility for Corporate Parenting sits with the {chair} who chairs the {frequency} Panel. "
              f"Partners including {partner} attend the Panel."]
    return Document(file, council, "duties", "\n".join(lines) + "\n", [], responsibilities)


def _priority(rng: random.Random, council: str, file: str, period) -> Document:
    lines = _opening(council, period)
    pledges = []
    for number, title in enumerate(rng.sample(sorted(_PRIORITIES), rng.randint(2, 4)), start=1):
        actions, measures = _PRIORITIES[title]
        chosen = rng.sample(actions, rng.randint(2, len(actions)))
        lines += [f"Priority {number}: {title}", "",
                  "We want our children and young people to feel cared for and to have stability.", "",
                  "How will this be achieved", ""] + [f"  \u2022 {a}." for a in chosen] + [""]
        lines += ["Measuring success", ""] + [f"  \u2022 {m}." for m in measures] + [""]
        pledges.append([ExpectedAction(f"{a}.") for a in chosen])
    return Document(file, council, "priority", "\n".join(lines) + "\n", pledges)


_STRATEGIES = {"pledge_list": _pledge_list, "theme_tables": _theme_tables, "duties": _duties, "priority": _priority}


def main(argv: list[str] | None = None) -> int:
    """``python -m bench.corpus N OUT_DIR [--seed S]``: write the corpus, print what was written."""
    parser = argparse.ArgumentParser(prog="python -m bench.corpus", description=__doc__.split("\n\n")[0])
    parser.add_argument("n_councils", type=int, help="number of councils, e.g. 150")
    parser.add_argument("out_dir", type=Path, help="folder to write the documents and catalogue.json into")
    parser.add_argument("--seed", type=int, default=0, help="seed number (same seed, same files)")
    args = parser.parse_args(argv)
    try:
        paths = generate(args.n_councils, args.out_dir, args.seed)
    except (ValueError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {len(paths)} documents of {args.n_councils} councils to {args.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
