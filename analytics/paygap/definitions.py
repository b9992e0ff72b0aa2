"""The words and thresholds of the pay gap report, kept as constants the page, the workbook and the HTML print.

Every definition the report relies on is written here once, in the words the issue fixed, so a
figure on screen, in the .xlsx and on paper is defined by the same sentence. The thresholds (5
people, 5 %, 40 hours, 10 people per gender for a regression) are constants beside the sentence
that states them.
"""

from __future__ import annotations

from analytics.format import SUPPRESSED  # noqa: F401 (one wording for every suppressed figure)

WOMEN, MEN, OTHER, NOT_STATED, UNRECOGNISED = "women", "men", "other", "not stated", "not recognised"
GENDERS = (WOMEN, MEN, OTHER, NOT_STATED, UNRECOGNISED)
"""The gender groups a label maps to; only women and men enter the gaps, every group is counted."""

MIN_GROUP = 5
"""Smallest number of women and of men a figure may be computed from."""
FULL_TIME_HOURS = 40.0
"""Contracted weekly hours counted when the file leaves them blank (40 × 52 = 2,080 hours a year)."""
WEEKS_PER_YEAR = 52
JOINT_ASSESSMENT_THRESHOLD = 5.0
"""A category whose mean gap on total hourly pay is this many percent or more, either way, is flagged."""
MIN_REGRESSION_GROUP = 10
"""Fewest women and fewest men for the explained/unexplained decomposition of a category (or of everyone)."""
MAX_VARIABLE_TO_BASE = 100
"""Variable pay above this many times base pay is taken for a typing error and the row is left out."""
MAX_WEEKLY_HOURS = 168.0
MAX_FTE = 1.5
"""Hours of at most this are read as full-time-equivalent fractions when every hours value in the file is."""
CONFIDENCE = 0.95

HOURLY_PAY = "Hourly pay = annual gross pay ÷ (contracted weekly hours × 52)."
TOTAL_PAY = "Total pay = base + variable."


def full_time(hours: float = FULL_TIME_HOURS) -> str:
    """The full-time sentence for a number of weekly hours (the report prints the one it used)."""
    return (
        f"Contracted weekly hours left blank count as full time: {hours:g} hours a week "
        f"({hours * WEEKS_PER_YEAR:,.0f} hours a year). The number is a setting of the report."
    )


FULL_TIME = full_time()
FTE_HOURS = (
    f"Contracted hours given as full-time-equivalent fractions (every value at most {MAX_FTE:g}, or when the "
    "analyst says so) are converted to weekly hours: fraction × full-time hours."
)
PAY_GAP = (
    "Mean and median gap = (men − women) ÷ men × 100, on hourly pay (total hourly pay: base and variable). "
    "A positive gap means women are paid less; a negative gap, more."
)
VARIABLE_PAY_GAP = (
    "Variable-pay gap (mean and median): over the workers who received variable pay (> 0), on the annual "
    "variable amount; and the share of women and of men who received any."
)
VARIABLE_PERCENT = "Variable pay given as a percent of base is converted to an amount: base × percent ÷ 100."
QUARTILE_BANDS = (
    "Quartile pay bands: workers ranked by total hourly pay, four groups of equal size from the lowest "
    "(when the number of workers is not a multiple of 4, the lowest bands take one more each); "
    "the share of women and men in each band."
)
QUARTILE_TIES = (
    "Workers with the same total hourly pay (to six decimal places) who straddle a band boundary are split "
    "so that women and men are distributed as evenly as possible (the UK regulations, regulation 13(2)): "
    "each band the tie group reaches takes as many of the group's places as its boundary gives it, and the "
    "group's women are shared among those places in proportion to the group's gender mix (places × women "
    "÷ group size, rounded down, the women left over going to the largest remainders, the lower band first "
    "on equal remainders); men take the rest of the places. Which of the group's women, and which of its men, "
    "go to the lower band follows their employee IDs."
)
CATEGORY = (
    "Category of workers (work of equal value): by default job family × level; the analyst may choose "
    "other columns or the file's own category column."
)
CATEGORY_GAP = "Per category of workers: the mean gap on basic hourly pay and on total hourly pay (Article 9(1)(g))."
JOINT_ASSESSMENT = (
    f"A category is flagged for a joint pay assessment where the total hourly gap is "
    f"{JOINT_ASSESSMENT_THRESHOLD:g}% or more either way (Article 10)."
)
SUPPRESSION = (
    f"Any figure computed from fewer than {MIN_GROUP} people of either gender reads “{SUPPRESSED}”: "
    "the gaps need 5 women and 5 men, the variable-pay gaps 5 of each who received variable pay, "
    "a quartile band's shares 5 women and 5 men in that band, a category's gaps 5 of each in the category."
)
GENDER_MAPPING = (
    "Gender labels are mapped to women, men or other after ignoring case, accents and punctuation "
    "(F, female, Woman, w, Frau … count as women; M, male, Man, h, Mann … as men; X, D, non-binary, "
    "diverse … as other). Blank or declined answers count as not stated; any other label is not recognised "
    "and is listed. Only women and men enter the gaps and the quartile bands; everyone else is counted and "
    "reported, never dropped silently."
)
TENURE = "Tenure = years from the start date to the reference date (days ÷ 365.25)."
DECOMPOSITION_METHOD = (
    "The explained and unexplained gap (Oaxaca–Blinder, twofold, pooled). One regression of the log of "
    "total hourly pay on level, job family, location and tenure (in years), with an indicator for women, is "
    "fitted to all women and men together. The explained part is the difference between men's and women's "
    "average level, family, location and tenure, valued at the pooled pay for each; the unexplained part is "
    "the rest, which equals the regression's difference between women and men with the same level, family, "
    "location and tenure. The pooled regression is used rather than men's, so that the pay line does not "
    "rest on one gender alone (men's coefficients would count every difference in how men are paid as the "
    "norm) and it stays estimable where one gender is few; the indicator for women keeps the gap itself out "
    "of the pooled coefficients. Confidence intervals are 95%, by the delta method with heteroskedasticity-"
    "robust (HC1) standard errors: for the unexplained part, the indicator's standard error; for the "
    "explained part, the coefficients' uncertainty and that of the two groups' averages (Jann, 2008). "
    "Log points are shown as percent gaps by 100 × (1 − e^(−part)): the parts multiply rather than add "
    "(1 − total = (1 − explained) × (1 − unexplained)). A category is decomposed when it has at least "
    f"{MIN_REGRESSION_GROUP} women and {MIN_REGRESSION_GROUP} men; controls that do not vary within it "
    "(its own family and level) drop out. People without a start date are left out of the regression "
    "when tenure is a control."
)
PAY_LINE = (
    "The pay line of a flagged category, for each worker of the lower-paid gender in it, is what the other "
    "gender in the same category is typically paid for the same controls: the other gender's average log "
    "total hourly pay in the category, moved to the worker's own location and tenure (and level and family, "
    "where the category mixes them) by the pooled regression's coefficients. It is chosen over the other "
    "gender's median because a median ignores location and tenure, and over a line fitted to the category "
    "alone because a category needs only 5 of each gender to be shown, too few to estimate slopes. Everyone "
    "below the line is raised to it, the raise paid as base pay; the cost per year is the hourly raise × "
    "contracted weekly hours × 52, in the file's currency. An excluded person gets no raise and does not "
    "set the line, and stays in the gap after at their current pay."
)

DEFINITIONS: tuple[tuple[str, str], ...] = (
    ("Hourly pay", HOURLY_PAY),
    ("Total pay", TOTAL_PAY),
    ("Full time", FULL_TIME),
    ("Hours as FTE fractions", FTE_HOURS),
    ("Mean and median gap", PAY_GAP),
    ("Variable-pay gap", VARIABLE_PAY_GAP),
    ("Variable pay as a percent", VARIABLE_PERCENT),
    ("Quartile pay bands", QUARTILE_BANDS),
    ("Ties across a band boundary", QUARTILE_TIES),
    ("Category of workers", CATEGORY),
    ("Gap per category", CATEGORY_GAP),
    ("Joint pay assessment", JOINT_ASSESSMENT),
    ("Small numbers", SUPPRESSION),
    ("Gender", GENDER_MAPPING),
    ("Tenure", TENURE),
    ("Explained and unexplained gap", DECOMPOSITION_METHOD),
    ("Pay line and cost of closing", PAY_LINE),
)
"""(term, definition) in the order the report's definitions sheet and section list them."""
