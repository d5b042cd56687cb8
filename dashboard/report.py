"""The work report's text: sections in the shape and voice of the district's work report
(青春创业行动工作报告), with the period's figures put in where the words name them.

A paragraph is stored as text with named placeholders (``{projects}``); ``paragraph_parts``
turns it into words and figures, the figures always from ``figures_for_report`` (never from
the stored text). Staff edit the words; ``narrative_problem`` refuses an edit that types a
number or names a placeholder that does not exist, so a figure can be moved or left out of a
sentence but never changed.
"""

import re
import string
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# A placeholder → the figure (core.figures key) it shows.
FIGURE_PLACEHOLDERS = {
    "projects": "projects.signed_or_launched",
    "youth_registered": "accounts.youth_registered",
    "self_employed": "accounts.youth_self_employed",
    "youth_placed": "jobs.placed",
    "labour_export": "jobs.labour_export",
    "enterprises": "partners.enterprises",
    "consultations": "guidance.consultations",
    "training_attendances": "training.attendances",
    "legal_attendances": "training.legal_attendances",
    "certificates": "training.certificates",
    "order_hired": "training.order_placements",
    "mentors": "mentors.mentors",
    "active_matches": "mentors.active_matches",
    "coaching_sessions": "mentors.sessions",
    "coaching_hours": "mentors.hours",
    "loans_referred": "loans.referred",
    "loans_approved": "loans.approved",
    "loans_disbursed": "loans.disbursed",
    "wealth_leaders": "loans.wealth_leaders",
    "stations": "internships.stations",
    "interns_entered": "internships.entered",
    "interns_retained": "internships.retained",
    "legal_aid": "guidance.cases_opened",
    "cases_resolved": "guidance.cases_resolved",
    "yuan_recovered": "guidance.yuan_recovered",
    "book_club": "facilities.book_club_members",
    "newsstands": "facilities.newsstands",
}
# Words that depend on the report's centre and period, not on the records' figures.
WORD_PLACEHOLDERS = ("centre", "committee", "area", "period")
PLACEHOLDERS = (*FIGURE_PLACEHOLDERS, *WORD_PLACEHOLDERS)

MAX_PARAGRAPH = 2000
MAX_TITLE = 200

# Any digit a keyboard or an input method types: ASCII, full-width, other scripts' digits.
_DIGIT = re.compile(r"\d|[０-９]")


@dataclass(frozen=True)
class Section:
    key: str
    heading: object  # a fixed heading before the paragraph ("" for none), not editable
    text: object  # the default paragraph (lazy, in the report's language when rendered)
    label: object = ""  # what the edit form calls the paragraph (its heading if it has one)


# The report's sections in order. Headings are the report's numbered parts; each paragraph is
# its default text, which staff may edit.
SECTIONS = [
    Section(
        "opening",
        "",
        gettext_lazy(
            "Since the Youth League launched the youth entrepreneurship campaign, {committee} "
            "has kept to the overall priorities of the Party and the government and to what "
            "young people really need. Working to promote economic development and social "
            "stability, and drawing on the League's own strengths, it has carried the campaign "
            "forward actively and achieved results at this stage. In {period}, {projects} youth "
            "venture projects were signed or launched in {area}, and {youth_placed} young people "
            "were helped into a job or their own business."
        ),
        gettext_lazy("Opening paragraph"),
    ),
    Section(
        "publicity",
        gettext_lazy(
            "I. Giving the campaign priority and stepping up publicity, so that it has "
            "everyone's attention and support"
        ),
        gettext_lazy(
            "{committee} reported on the campaign to the leaders of the Party committee and "
            "sought the greatest possible support in policy, environment and funds. To help "
            "society and young people understand, support and join the campaign, it publicised "
            "it widely, above all among young people without work and among enterprises: through "
            "newspapers, television and the internet, and through talks and meetings held by "
            "the League's branches. The publicity set out the campaign's aims and how it works, "
            "together with the employment situation, employment policies and the spirit of "
            "enterprise, and laid good foundations for the campaign."
        ),
    ),
    Section(
        "positions",
        gettext_lazy(
            "II. New ideas and solid positions: carrying the campaign forward on every front"
        ),
        gettext_lazy(
            "Guided by the market and by the facts on the ground, {committee} keeps finding "
            "new ways of working and builds the campaign on solid positions."
        ),
    ),
    Section(
        "guidance_centre",
        "",
        gettext_lazy(
            "First, the youth employment and entrepreneurship guidance centre. It gives young "
            "entrepreneurs advice on policy, skills training, matching with employers and "
            "labour export, and works with the youth centres of the district, the towns and "
            "the villages as the go-between for rural young people moving into work. In "
            "{period} the centre advised young people {consultations} times."
        ),
        gettext_lazy("Guidance centre"),
    ),
    Section(
        "classroom",
        "",
        gettext_lazy(
            "Second, the youth entrepreneurship classroom. Changing how young people think "
            "about work and opening up their ideas is key to the campaign: through "
            "entrepreneurship forums, talks by successful entrepreneurs and exchanges of "
            "experience, young people heard real stories of businesses that grew from small to "
            "large and from weak to strong. In {period} the trainings counted "
            "{training_attendances} attendances and {certificates} training certificates were "
            "issued; {self_employed} young people in {area} now run their own business."
        ),
        gettext_lazy("Entrepreneurship classroom"),
    ),
    Section(
        "book_club",
        "",
        gettext_lazy(
            "Third, the youth centre book club. To raise young entrepreneurs' overall ability "
            "and keep their enthusiasm alive, the youth centre runs a book club on a membership "
            "basis, where members may come to study and exchange at any time; it now has "
            "{book_club} members. Youth newsstands near markets and enterprises keep young "
            "entrepreneurs informed of current affairs and policy: {area} now has {newsstands} "
            "youth newsstands."
        ),
        gettext_lazy("Book club and newsstands"),
    ),
    Section(
        "four_wheels",
        gettext_lazy(
            "III. Building on the facts and driving the “four-wheeled carriage” to speed the "
            "campaign forward"
        ),
        gettext_lazy(
            "The campaign is a whole system of work. {committee} keeps the “four-wheeled "
            "carriage” running and creates the conditions to serve young entrepreneurs in "
            "many ways."
        ),
    ),
    Section(
        "rights",
        "",
        gettext_lazy(
            "Firstly, following up on young people in work and in business. As some young "
            "entrepreneurs know little of the law, the youth centre's rights-protection desk "
            "works with the mediation offices and the legal service centre to solve their "
            "legal problems, so that they know the law, keep it and use it to protect their "
            "rights. In {period} legal training counted {legal_attendances} attendances, "
            "{legal_aid} young people's cases received legal aid, {cases_resolved} cases were "
            "resolved and {yuan_recovered} of losses were recovered. {committee} also builds "
            "bridges to employers: working with {enterprises} partner enterprises, it helped "
            "{youth_placed} young people into jobs, {labour_export} of them through labour "
            "export."
        ),
        gettext_lazy("Rights protection and jobs"),
    ),
    Section(
        "mentors",
        "",
        gettext_lazy(
            "Secondly, entrepreneurship skills. Young people who lack experience are given an "
            "entrepreneurship mentor for one-to-one coaching: {area} now has {mentors} "
            "entrepreneurship mentors, {active_matches} young people have an active mentor, and "
            "in {period} mentors held {coaching_sessions} coaching sessions, {coaching_hours} "
            "in all. {committee} also runs order-based training with enterprises for the "
            "special trades they need, and helps young people who earn a skills certificate "
            "into work: {order_hired} order-based trainees were hired."
        ),
        gettext_lazy("Mentors and order-based training"),
    ),
    Section(
        "loans",
        "",
        gettext_lazy(
            "Thirdly, funds for young entrepreneurs. Some young people have changed their view "
            "of work and want to start a business but lack the capital; {committee} works with "
            "the rural cooperative bank on microloans for them. In {period} {loans_referred} loan "
            "applications were sent to the bank, {loans_approved} were approved and "
            "{loans_disbursed} loans were paid out. To encourage enterprise, {wealth_leaders} "
            "youth wealth-leaders enjoy a reduced interest rate on their loans."
        ),
        gettext_lazy("Microloans and wealth-leaders"),
    ),
    Section(
        "internships",
        "",
        gettext_lazy(
            "At the same time, to ease the pressure on graduates looking for work, {committee} "
            "set up the post-graduate internship station with enterprises of the area, which "
            "give graduates who want to work or start a business a paid internship of a year. "
            "{stations} enterprises host the station; in {period} {interns_entered} interns "
            "entered it and {interns_retained} interns were kept on by their host."
        ),
        gettext_lazy("Internship station"),
    ),
    Section(
        "closing",
        "",
        gettext_lazy(
            "The youth entrepreneurship campaign of {centre} has achieved initial results. In "
            "the work ahead, {committee} will follow the requirements of the Youth League "
            "committees and the Party committee and government above it, learn from advanced "
            "units, work harder and break new ground, carry the campaign on in depth, and help "
            "more young people on the road to work and enterprise."
        ),
        gettext_lazy("Closing paragraph"),
    ),
]
SECTION_KEYS = [s.key for s in SECTIONS]


def default_title(language: str) -> str:
    with translation.override(language):
        return _("Work report of {committee} on the youth entrepreneurship campaign ({period})")


def default_narrative(language: str) -> dict[str, str]:
    with translation.override(language):
        return {section.key: str(section.text) for section in SECTIONS}


def words(centre, period, language: str) -> dict[str, str]:
    """The word placeholders for a centre and period, in ``language``."""
    with translation.override(language):
        level = centre.level
        if level == "district":
            committee, area = _("the Youth League committee"), _("the district")
        elif level == "town":
            committee, area = _("the Youth League committee"), _("the town")
        else:
            committee, area = _("the Youth League branch"), _("the village")
        committee = _("%(committee)s of %(centre)s") % {"committee": committee, "centre": centre}
        return {
            "centre": str(centre),
            "committee": committee,
            "area": area,
            "period": period.label,
        }


def _chinese_wan(value: int) -> str:
    """10,000 and more in 万 as the report writes them (2.13万), exact to two decimals."""
    wan = (Decimal(value) / 10000).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return f"{wan.normalize():f}万"


def format_figure(value: int, unit: str, language: str) -> str:
    """A figure as the report prints it: 312.5万元 and 2.1万 in Chinese, 3,125,000 yuan in
    English."""
    if language.startswith("zh"):
        number = _chinese_wan(value) if value >= 10000 else str(value)
        if unit == "yuan":
            return f"{number}元"
        if unit == "hours":
            return f"{number}小时"
        return number
    with translation.override(language):
        if unit == "yuan":
            return _("%(n)s yuan") % {"n": f"{value:,}"}
        if unit == "hours":
            return _("%(n)s hours") % {"n": f"{value:,}"}
        return f"{value:,}"


def placeholders_in(text: str) -> list[str]:
    """The names of ``text``'s placeholders; ValueError for a stray brace."""
    return [name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name is not None]


def narrative_problem(text: str, *, limit: int = MAX_PARAGRAPH) -> str | None:
    """Why ``text`` cannot be a paragraph (translated), or None. Figures come from the
    records: a digit is refused, and so is a placeholder that does not exist."""
    if len(text) > limit:
        return _("Keep each paragraph under %(limit)s characters.") % {"limit": limit}
    if _DIGIT.search(text):
        return _(
            "A paragraph may not contain numbers: the figures come from the records. Write a "
            "placeholder such as {projects} where a figure goes."
        )
    try:
        names = placeholders_in(text)
    except ValueError:
        return _("Braces { } only surround a placeholder's name, such as {projects}.")
    unknown = sorted({n for n in names if n not in PLACEHOLDERS})
    if unknown:
        return _("There is no figure called %(names)s; the placeholders are listed below.") % {
            "names": "、".join("{" + n + "}" for n in unknown)
        }
    return None


_PARTS = re.compile(r"\{([a-z_]+)\}")


def paragraph_parts(text: str, figures: dict, word_values: dict, language: str) -> list[dict]:
    """The paragraph as ``{"text"}`` and ``{"figure", "value", "text", "label", "drill"}``
    parts; ``figures`` by key as ``figures_for_report`` gives them. A placeholder whose figure
    is not counted (an app not installed) reads "—"."""
    parts: list[dict] = []
    position = 0
    for match in _PARTS.finditer(text):
        if match.start() > position:
            parts.append({"text": text[position : match.start()]})
        name = match.group(1)
        if name in FIGURE_PLACEHOLDERS:
            figure = figures.get(FIGURE_PLACEHOLDERS[name])
            if figure is None:
                parts.append({"text": "—"})
            else:
                parts.append(
                    {
                        "figure": figure["key"],
                        "value": figure["value"],
                        "text": format_figure(figure["value"], figure["unit"], language),
                        "label": figure["label"],
                        "drill": figure.get("drill") or "",
                    }
                )
        elif name in word_values:
            value = word_values[name]
            before = "".join(p["text"] for p in parts).rstrip()
            if not before or before.endswith((".", "!", "?", ":")):
                value = value[:1].upper() + value[1:]  # "The Youth League committee ..."
            parts.append({"text": value})
        else:  # stored before a placeholder was retired: shown as written
            parts.append({"text": match.group(0)})
        position = match.end()
    if position < len(text):
        parts.append({"text": text[position:]})
    return parts


def plain(parts: list[dict]) -> str:
    return "".join(part["text"] for part in parts)


def document(report, counted: dict) -> dict:
    """What every version of the report shows: ``title`` (parts), ``sections`` (key, heading,
    parts), ``figures`` by key, in the report's language. ``counted`` is what
    ``figures_for_report`` returned for the report's centre and period."""
    language = report.language
    figures = {figure["key"]: figure for figure in counted["figures"]}
    word_values = words(report.centre, report.period, language)
    with translation.override(language):
        sections = [
            {
                "key": section.key,
                "heading": str(section.heading),
                "parts": paragraph_parts(
                    report.narrative.get(section.key, ""), figures, word_values, language
                ),
            }
            for section in SECTIONS
        ]
    return {
        "title": paragraph_parts(report.title, figures, word_values, language),
        "sections": sections,
        "figures": figures,
        "counted_at": counted.get("counted_at"),
        "language": language,
    }


def title_text(report) -> str:
    """The title with its words filled in (a figure in a title reads "—": lists count none)."""
    word_values = words(report.centre, report.period, report.language)
    return plain(paragraph_parts(report.title, {}, word_values, report.language))
