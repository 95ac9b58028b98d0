"""The fixed facts of the seeded data sets: projects, milestones, run plans and notes."""

from __future__ import annotations

from dataclasses import dataclass

from app.sandbox.catalog import Folder
from app.sandbox.catalog_large import LARGE_CASE_COUNT, large_folders
from app.sandbox.catalog_mobile import MOBILE_FOLDERS
from app.sandbox.catalog_web import WEB_FOLDERS


@dataclass(frozen=True, slots=True)
class MilestonePlan:
    """A milestone; its dates are days from "now" (negative: in the past)."""

    key: str
    name: str
    status: str
    starts: int
    due: int
    description: str


@dataclass(frozen=True, slots=True)
class RunPlan:
    """A run to seed.

    Attributes:
        days_ago: when it was created, in days before "now".
        folders: the folders its cases come from (all folders when empty).
        done: the share of results tested (a closed run has all but a few).
        closed_after: days from creation to closing, or None for an active run.
    """

    name: str
    days_ago: float
    creator: str
    milestone: str | None
    size: int
    folders: tuple[str, ...] = ()
    done: float = 1.0
    closed_after: float | None = None


@dataclass(frozen=True, slots=True)
class ProjectPlan:
    id: str
    name: str
    prefix: str
    description: str
    age_days: int
    folders: tuple[Folder, ...] = ()
    milestones: tuple[MilestonePlan, ...] = ()
    runs: tuple[RunPlan, ...] = ()


_SMOKE = ("fld_login", "fld_search", "fld_cart", "fld_checkout", "fld_payments")

WEB_SHOP = ProjectPlan(
    "proj_demo",
    "Acme Web Shop",
    "AWS",
    "The customer-facing web shop at shop.acme.example: accounts, catalogue, cart, "
    "checkout, payments and after-sales.",
    420,
    WEB_FOLDERS,
    (
        MilestonePlan(
            "r34", "Release 3.4", "completed", -50, -25, "New checkout and saved addresses."
        ),
        MilestonePlan(
            "r35", "Release 3.5", "started", -20, 7, "Promo codes, search suggestions, Klarna."
        ),
        MilestonePlan(
            "r36", "Release 3.6", "upcoming", 8, 35, "Gift cards and label-free returns."
        ),
        MilestonePlan(
            "beta", "Mobile beta", "started", -21, 14, "Public beta of the apps; web hand-off."
        ),
    ),
    (
        RunPlan("Release 3.4: full regression", 42, "user_ana", "r34", 80, closed_after=4),
        RunPlan("Release 3.4: smoke (rc2)", 38, "user_ben", "r34", 25, _SMOKE, closed_after=1),
        RunPlan(
            "Payment provider migration",
            35,
            "user_chen",
            None,
            30,
            ("fld_payments", "fld_checkout"),
            closed_after=2.5,
        ),
        RunPlan(
            "Accessibility audit: checkout",
            31,
            "user_dana",
            "r34",
            20,
            ("fld_a11y", "fld_checkout"),
            closed_after=3,
        ),
        RunPlan("Hotfix 3.4.1: smoke", 27, "user_ana", "r34", 15, _SMOKE, closed_after=0.5),
        RunPlan(
            "Search relevance spot check",
            22,
            "user_chen",
            "r35",
            18,
            ("fld_search",),
            closed_after=1,
        ),
        RunPlan(
            "Mobile beta: web checkout hand-off",
            18,
            "user_ben",
            "beta",
            22,
            ("fld_checkout", "fld_payments", "fld_cart"),
            closed_after=2,
        ),
        RunPlan("Release 3.5: sprint 1 regression", 14, "user_dana", "r35", 60, closed_after=3),
        RunPlan(
            "Cart & promo codes",
            10,
            "user_ana",
            "r35",
            24,
            ("fld_cart", "fld_product"),
            closed_after=1.5,
        ),
        RunPlan("Release 3.5: full regression", 6, "user_ana", "r35", 80, done=0.7),
        RunPlan("Release 3.5: smoke (rc1)", 4, "user_ben", "r35", 20, _SMOKE, done=0.9),
        RunPlan(
            "Orders & returns: exploratory", 3, "user_chen", None, 16, ("fld_orders",), done=0.4
        ),
        RunPlan(
            "Accessibility retest (WCAG 2.2)", 2, "user_dana", "r35", 16, ("fld_a11y",), done=0.3
        ),
        RunPlan(
            "Mobile beta: payments",
            1,
            "user_ben",
            "beta",
            28,
            ("fld_payments", "fld_checkout"),
            done=0.2,
        ),
        RunPlan(
            "Release 3.6: early smoke",
            0.2,
            "user_ana",
            "r36",
            12,
            ("fld_login", "fld_cart"),
            done=0,
        ),
    ),
)

MOBILE_APP = ProjectPlan(
    "proj_mobile",
    "Acme Mobile App",
    "AMA",
    "The iOS and Android shopping apps, in public beta.",
    150,
    MOBILE_FOLDERS,
    (MilestonePlan("m10", "Mobile 1.0 beta", "started", -14, 21, "First public beta builds."),),
    (
        RunPlan("Beta 1: smoke (iOS + Android)", 12, "user_ben", "m10", 14, closed_after=1),
        RunPlan("Beta 2: full pass", 3, "user_dana", "m10", 22, done=0.5),
    ),
)

EMPTY_PROJECT = ProjectPlan(
    "proj_empty", "Empty project", "EMP", "A project with nothing in it yet.", 1
)

LARGE_SUITE = ProjectPlan(
    "proj_large",
    "Acme Large Regression Suite",
    "ALR",
    "Every web and app scenario in numbered sets: 10,000 cases, for trying sync and the UI "
    "at scale.",
    400,
    large_folders(),
    (MilestonePlan("r40", "Release 4.0", "started", -10, 14, "The big re-platforming release."),),
    (
        RunPlan(
            "Release 4.0: login smoke",
            9,
            "user_ben",
            "r40",
            25,
            ("fld_login_large", "fld_checkout_large"),
            closed_after=1,
        ),
        RunPlan(
            "Release 4.0: full regression (all 10,000 cases)",
            5,
            "user_ana",
            "r40",
            LARGE_CASE_COUNT,
            done=0.45,
        ),
        RunPlan(
            "Mobile 4.0: spot check", 1, "user_dana", None, 40, ("fld_m_browse_large",), done=0.5
        ),
    ),
)

PROJECTS = {
    "demo": (WEB_SHOP, MOBILE_APP),
    "empty": (EMPTY_PROJECT,),
    "large": (LARGE_SUITE,),
}

FAILED_NOTES = (
    "Spinner never stops on slow 3G; had to reload.",
    "Total is off by EUR 0.01 with two discounted items (rounding).",
    "Error toast shows a raw 'Internal Server Error'.",
    "Button hidden behind the cookie banner at 1366x768.",
    "Confirmation email arrives without the order number.",
    "Focus jumps back to the top of the page after closing the dialog.",
    "Screen reader reads the price twice.",
    "Filter chips stay after clearing the search.",
    "Works in Chrome, fails in Safari 18: nothing happens on click.",
    "Validation message is in English on the German site.",
)
BLOCKED_NOTES = (
    "Blocked: payment sandbox down (503 from the provider).",
    "Blocked: test account locked after the password policy change.",
    "Blocked: staging deploy failed, build not available.",
    "Blocked: no test device with iOS 18 free today.",
    "Blocked: the mail catcher receives no emails.",
)
RETEST_NOTES = (
    "Fixed in the next build, please retest.",
    "Flaky: passed on the second try; retest on a clean profile.",
    "Retest after tonight's search index rebuild.",
)
PASSED_NOTES = (
    "OK on Chrome 131 and Firefox 133.",
    "Checked on an iPhone 15 too.",
    "A bit slow (about 2 s) but within the limit.",
)
