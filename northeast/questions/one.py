"""Chapter 2 (book/ch2_support_and_results.ipynb): section One, the support and its results."""

from __future__ import annotations

import pandas as pd

from exercises import (Bank, FrameTask, Mistake, MultipleChoice, Numeric, Reflection,
                       SingleChoice)
from northeast.chapters import chapter
from northeast.questions._common import PROVINCES, claims, data_mistake, value

CH = "one"
SHARE_2002, SHARE_2022 = "gdp_share_northeast_2002", "gdp_share_northeast_2022"
PC_NE_2003, PC_CN_2003 = "per_capita_gdp_northeast_2003", "per_capita_gdp_china_2003"
PC_NE_2022, PC_CN_2022 = "per_capita_gdp_northeast_2022", "per_capita_gdp_china_2022"


# ------------------------------------------------------------------ reference answers
def _share_fall_points() -> float:
    return value(SHARE_2002) - value(SHARE_2022)


def _share_fall_pct() -> float:
    return _share_fall_points() / value(SHARE_2002) * 100


def _share_left_pct() -> float:
    return value(SHARE_2022) / value(SHARE_2002) * 100


def _ratio_2003() -> float:
    return value(PC_NE_2003) / value(PC_CN_2003) * 100


def _two_years(indicator: str, early, late) -> pd.DataFrame:
    """One row per province with the indicator's value in an early and a late period."""
    c = claims()
    sub = c[(c["indicator"] == indicator) & c["entity"].isin(PROVINCES)]
    rows = []
    for p in PROVINCES:
        mine = sub[sub["entity"] == p]
        a = mine[early(mine)]["value"]
        b = mine[late(mine)]["value"]
        if len(a) != 1 or len(b) != 1:
            raise ValueError(f"{indicator}: expected one early and one late value for {p}")
        rows.append((p, float(a.iloc[0]), float(b.iloc[0])))
    return pd.DataFrame(rows, columns=["province", "early", "late"])


def _self_sufficiency() -> pd.DataFrame:
    t = _two_years("fiscal_self_sufficiency", lambda d: d["year_end"] == 2002, lambda d: d["year_start"] == 2022)
    t = t.rename(columns={"early": "before", "late": "after"})
    t["fall_points"] = t["before"] - t["after"]
    return t


def _top500() -> pd.DataFrame:
    t = _two_years("top500_enterprise_count", lambda d: d["year_start"] == 2002, lambda d: d["year_start"] == 2022)
    t = t.rename(columns={"early": "count_2002", "late": "count_2022"})
    t["change"] = t["count_2022"] - t["count_2002"]
    return t


# ------------------------------------------------------------------ the bank
bank = Bank(CH, chapter(CH).heading, [
    # ---------------------------------------------------------- check your understanding
    SingleChoice(
        id="one_channels",
        chapter=CH,
        prompt="Wang sorts the centre's financial support for the Northeast into four channels. Which of "
               "these items does he **not** count as support in any of them?",
        options=[
            "The write-off of 311 billion yuan of old SOE debt by the four big state banks in 2006",
            "The 139 major projects listed by the State Council in 2014",
            "The taxes the three provinces pay to the central government every year",
            "The exemption from historical tax arrears granted in 2006 to firms in difficulty",
            "The 5 trillion yuan of credit promised to Liaoning in 2023",
        ],
        answer=2,
        explanations={
            0: "The debt write-off is an example in the third channel, support from state-owned "
               "financial institutions.",
            1: "The 2014 project list is the first example in the second channel, key projects.",
            2: "Right: the taxes flow the other way. Wang mentions them only to subtract them, which is "
               "how he gets from gross to net transfers.",
            3: "Tax exemptions are part of the fourth channel, with the special allocations.",
            4: "The Liaoning credit closes the list of the third channel, with the other state-bank "
               "support.",
        },
        hints=["Wang introduces the channels as 'the first', 'the second' and so on; list the examples "
               "under each.",
               "One item moves money from the provinces to the centre, not the other way round."],
        solution="The four channels are transfers, key projects, support from central SOEs and state banks, "
                 "and special allocations with tax relief; the debt write-off, the 2014 projects, the tax "
                 "arrears and the Liaoning credit all appear in them. The provinces' taxes to the centre "
                 "are not support: Wang brings them in only to net them out of the transfers.",
    ),
    SingleChoice(
        id="one_gross_net",
        chapter=CH,
        prompt="The essay reports both gross and net transfers. What is the difference?",
        options=[
            "Net transfers leave out inflation; gross transfers are in the yuan of each year.",
            "Gross transfers go to provincial governments, net transfers to cities.",
            "Net transfers are what was actually spent; gross transfers include unspent funds.",
            "Net transfers subtract the taxes a province sends to the centre; gross transfers count only "
            "the money that comes in.",
        ],
        answer=3,
        explanations={
            0: "Nothing in the essay adjusts for prices; the difference is about money flowing both ways.",
            1: "Both kinds are measured for provinces.",
            2: "Spending is not the issue: the essay mentions the taxes the provinces also pay to Beijing.",
            3: "Right: Wang turns to net transfers just after noting that the provinces also pay "
               "considerable taxes to the centre.",
        },
        hints=["Wang brings up net transfers right after noting that the provinces also pay taxes to the "
               "centre.",
               "See the context box 'gross and net transfers' in this chapter."],
        solution="A province both receives central money and pays taxes to the centre. Gross transfers count "
                 "only what comes in; net transfers subtract what goes out, which shows who really pays "
                 "for whom.",
    ),
    MultipleChoice(
        id="one_other_strategies",
        chapter=CH,
        prompt="The 2003 revitalisation strategy was one of three regional programmes launched around the "
               "turn of the century. Which were the other two? Select all that apply.",
        options=[
            "The development of the West, from 2000",
            "The Belt and Road Initiative",
            "The rise of Central China, from 2004",
            "The first special economic zones on the south coast",
        ],
        answers=[0, 2],
        explanations={
            0: "The opening up of the West began in 2000.",
            2: "The rise of Central China began in 2004.",
            1: "The Belt and Road came a decade later (2013) and is not a regional programme for China's "
               "interior.",
            3: "The special economic zones date from 1980, two decades before this group of programmes.",
        },
        hints=["The essay gives the other two programmes in brackets, each with a starting year.",
               "Both started within a year or so of 2003."],
        solution="Besides the Northeast, the centre launched the development of the West (2000) and the rise "
                 "of Central China (2004).",
    ),
    Numeric(
        id="one_share_points",
        chapter=CH,
        prompt="The three provinces produced 11.4% of China's GDP in 2002 and 4.8% in 2022. By how many "
               "**percentage points** did their share fall?",
        answer=_share_fall_points,
        tolerance=0.05,
        unit="percentage points",
        mistakes=[
            data_mistake("points_vs_percent", _share_fall_pct,
                         "that is the fall relative to the 2002 share (a percent change). The question "
                         "asks for the plain difference between the two shares, in percentage points."),
            data_mistake("value", lambda: value(SHARE_2022),
                         "that is the 2022 share itself, not how far it fell."),
            data_mistake("value", _share_left_pct,
                         "that is the 2022 share as a percentage of the 2002 share, what is left rather "
                         "than what was lost."),
        ],
        hints=["A change in percentage points is a plain subtraction of the two percentages.",
               "Subtract the 2022 share from the 2002 share."],
        solution="11.4 − 4.8 = 6.6 percentage points. Measured against the 2002 share, that is a fall of "
                 "about 58%, which is what Wang means by 'more than half'.",
        source_ids=[SHARE_2002, SHARE_2022],
    ),
    SingleChoice(
        id="one_not_achieved",
        chapter=CH,
        prompt="Wang concedes that the support achieved some things. Which aim does he say it did **not** "
               "achieve?",
        options=[
            "Relieving the difficulties of troubled SOEs",
            "Cushioning the decline of mining and resource towns",
            "Looking after workers who had lost their jobs",
            "Growth that sustains itself, so that the region could become a 'fourth pole' of China's "
            "economy",
        ],
        answer=3,
        explanations={
            0: "Wang lists this among the real gains of the support.",
            1: "Wang counts this as a success: the decline was eased, though not reversed.",
            2: "Wang grants this too: livelihoods of laid-off workers improved.",
            3: "Right: after 'But overall' Wang says the aim of endogenous growth, and of a 'fourth pole', "
               "was not achieved.",
        },
        hints=["Wang first lists what the money did, then says 'But overall…'.",
               "The 'fourth pole' is the aim the chapter's step 5 describes."],
        solution="The gains were relief: for SOEs, laid-off workers, mining towns, farming and a few key "
                 "firms. The aim that failed was self-sustaining growth that would make the region a "
                 "fourth pole beside the big coastal clusters.",
    ),
    SingleChoice(
        id="one_self_sufficiency",
        chapter=CH,
        prompt="Jilin's fiscal self-sufficiency rate was 21% in 2022. What does that mean?",
        options=[
            "Jilin received 21% of all central transfers to the provinces.",
            "Jilin's own revenue paid for about a fifth of its government spending; transfers covered "
            "most of the rest.",
            "21% of Jilin's large firms are state-owned.",
            "Jilin's revenue fell by 21% after the 1994-2002 period.",
        ],
        answer=1,
        explanations={
            0: "The rate compares a province's revenue with its own spending, not with other provinces.",
            2: "That would be a measure of state ownership, which Chapter 3 discusses.",
            1: "Right: own revenue divided by own spending. At 21% the centre's transfers pay for most of "
               "Jilin's budget.",
            3: "The rate is a level, not a change: it fell from 45% to 21%.",
        },
        hints=["The rate is a ratio of two amounts in the same provincial budget.",
               "Own revenue divided by own spending."],
        solution="Self-sufficiency = own revenue / own spending. At 21%, Jilin pays for about one fifth of "
                 "its budget itself; transfers from the centre fill most of the gap.",
    ),
    SingleChoice(
        id="one_share_growth",
        chapter=CH,
        prompt="The region's share of national GDP fell by more than half between 2002 and 2022. Do the "
               "essay's own figures show that the region's economy shrank?",
        options=[
            "Yes: a share that falls by more than half means output fell by more than half.",
            "No: the essay's GDP per person for the region rose from about 12,900 yuan (2003) to 59,400 "
            "(2022), so its output grew in yuan while the rest of China grew faster.",
            "Yes: GDP per person fell from about 133% of the national level to 69%.",
            "The essay can't tell us: it gives no figure in yuan for the region's output.",
        ],
        answer=1,
        explanations={
            0: "A share is a ratio: it falls whenever the national total grows faster than the region, "
               "even if the region grows too.",
            1: "Right, with a caution: these are yuan of each year, with no allowance for rising prices, "
               "so the real growth was smaller; but a more than fourfold rise in yuan is not a shrinking "
               "economy.",
            2: "Those are ratios to the national level, not levels. The essay prints the levels beside "
               "them, and they rose.",
            3: "The per-person sentence prints the region's levels in yuan for both years.",
        },
        hints=["A share has a numerator and a denominator. Which one grew faster?",
               "Look for the region's own figures in yuan, not its ratios, in the per-person sentence of "
               "section One."],
        solution="A share can fall while the economy grows, if the national total grows faster. Section "
                 "One's per-person levels (about 12,900 yuan in 2003, 59,400 in 2022) show the region's "
                 "output per person rising more than fourfold in current yuan; the region fell behind, "
                 "it did not shrink. Current yuan overstate real growth, and the population fell, so the "
                 "per-person figures flatter the total a little.",
    ),
    SingleChoice(
        id="one_ratio_base",
        chapter=CH,
        prompt="A region compared with a total or an average that includes the region itself looks closer "
               "to that yardstick than it really is. Which comparison in section One uses a yardstick "
               "that does **not** include the three provinces?",
        options=[
            "GDP per person as a percentage of the national level (133% in 2003, 69% in 2022)",
            "The region's share of national GDP (11.4% in 2002, 4.8% in 2022)",
            "The region's total GDP against Zhejiang's and Henan's (about 75% and 90% in 2022)",
            "The fiscal self-sufficiency rates of 1994-2002, described as mid-range for the country",
        ],
        answer=2,
        explanations={
            0: "The national level is an average over all of China, the Northeast included.",
            1: "A share of the national total includes the region in the total.",
            2: "Right: Zhejiang and Henan are single provinces outside the region, so this comparison "
               "is not pulled towards 100%.",
            3: "'Mid-range of the country' places the rates among all provinces, the three included.",
        },
        hints=["For each comparison, ask what the yardstick is: the whole country, or another place.",
               "Which yardsticks are named provinces?"],
        solution="Only the comparison with Zhejiang and Henan uses yardsticks outside the region. The "
                 "per-person ratio, the national share and the 'mid-range' description all compare the "
                 "region with a whole it belongs to, which pulls the ratios towards the yardstick. The "
                 "effect is modest for a region that holds only a small part of China's people.",
    ),
    # ---------------------------------------------------------- data tasks
    Numeric(
        id="one_share_fall_pct",
        chapter=CH,
        prompt="By what **percent** did the region's share of national GDP fall between 2002 and 2022, "
               "measured against its 2002 level? Use the claims `gdp_share_northeast_2002` and "
               "`gdp_share_northeast_2022` and store the answer (a positive number, in percent) in "
               "`share_fall_pct`.",
        answer=_share_fall_pct,
        tolerance=0.05,
        unit="%",
        mistakes=[
            data_mistake("points_vs_percent", _share_fall_points,
                         "that is the difference in percentage points. The question asks how large the "
                         "fall is relative to the 2002 share."),
            data_mistake("value", _share_left_pct,
                         "that is the share that remains (2022 as a percentage of 2002), not the fall."),
        ],
        hints=["Percent change = (new − old) / old × 100; here report the size of the fall.",
               "Measure the fall against the 2002 share, and give it as a positive number."],
        solution="(11.4 − 4.8) / 11.4 × 100 ≈ 57.9%: the share fell by more than half, as Wang says, "
                 "while the fall in percentage points is 6.6.",
        source_ids=[SHARE_2002, SHARE_2022],
    ),
    Numeric(
        id="one_per_capita_2003",
        chapter=CH,
        prompt="Recompute the region's 2003 GDP per person as a percentage of the national level, from the "
               "two levels the essay prints (claims `per_capita_gdp_northeast_2003` and "
               "`per_capita_gdp_china_2003`). Store it in `ratio_2003`, in percent. Does it match the "
               "'about 133%' in the text?",
        answer=_ratio_2003,
        tolerance=0.1,
        unit="%",
        mistakes=[
            data_mistake("value", lambda: value("per_capita_gdp_pct_of_national_2003"),
                         "that is the percentage the essay prints. Recompute it from the two per-person "
                         "levels instead of copying it."),
            data_mistake("value", lambda: value(PC_CN_2003) / value(PC_NE_2003) * 100,
                         "that is upside down: the national level divided by the region's. Put the "
                         "region on top."),
            data_mistake("wrong_year", lambda: value(PC_NE_2022) / value(PC_CN_2022) * 100,
                         "that is the ratio for 2022; the question asks about 2003."),
        ],
        hints=["Region divided by nation, times 100.",
               "`claims.set_index('id')['value']` lets you pick both levels by id."],
        solution="12,900 / 9,030 × 100 ≈ 142.9%, not 133%. The text alone can't say which number is wrong: "
                 "a level of about 12,010 yuan would fit 133%, so either the percentage or the '12,900+' "
                 "may be the slip. The 2022 ratio (59,400 / 85,700 ≈ 69%) does match; Chapter 6 returns "
                 "to the 2003 mismatch and its two readings.",
        source_ids=[PC_NE_2003, PC_CN_2003, "per_capita_gdp_pct_of_national_2003"],
    ),
    FrameTask(
        id="one_self_sufficiency_fall",
        chapter=CH,
        prompt="Build a DataFrame `self_sufficiency` with one row per province and the columns `province` "
               "(`liaoning`, `jilin`, `heilongjiang`, as in the `entity` column), `before` (the fiscal "
               "self-sufficiency rate for 1994-2002, in %), `after` (the rate in 2022, in %) and "
               "`fall_points` (before minus after, in percentage points). Use the rows whose `indicator` "
               "is `fiscal_self_sufficiency`; the row order doesn't matter.",
        expected=_self_sufficiency,
        check_index=False,
        sort=True,
        hints=["Filter on the indicator, then keep only the three provinces: the same indicator is also "
               "given for Guizhou and Xinjiang in 2022.",
               "The 1994-2002 rows have `year_end == 2002`; the 2022 rows have `year_start == 2022`. "
               "Build two Series indexed by entity and subtract."],
        solution="Liaoning fell from 64% to 40% (24 points), Jilin from 45% to 21% (24 points), "
                 "Heilongjiang from 54% to 24% (30 points).",
        source_ids=[f"fiscal_self_sufficiency_{p}_{y}" for p in PROVINCES for y in ("1994_2002", "2022")],
    ),
    FrameTask(
        id="one_top500_change",
        chapter=CH,
        prompt="How many of China's top 500 enterprises did each province have in 2002 and in 2022? Build "
               "a DataFrame `top500` with columns `province` (entity ids), `count_2002`, `count_2022` and "
               "`change` (the 2022 count minus the 2002 count, so a loss is negative). Use the rows whose "
               "`indicator` is `top500_enterprise_count`; the row order doesn't matter.",
        expected=_top500,
        check_index=False,
        sort=True,
        hints=["`pivot` the filtered rows with the entity as index and `year_start` as columns.",
               "Then rename the year columns and subtract: `count_2022 − count_2002`."],
        solution="Liaoning went from 17 to 4, Jilin from 6 to 1 and Heilongjiang from 9 to 1: 32 enterprises "
                 "became 6.",
        source_ids=[f"top500_enterprise_count_{p}_{y}" for p in PROVINCES for y in (2002, 2022)],
    ),
    # ---------------------------------------------------------- reflection
    Reflection(
        id="one_reflect_failed",
        chapter=CH,
        prompt="Wang's verdict is that the support failed. Does his evidence show that the money failed, "
               "or only that the region declined while it received the money? What further evidence would "
               "tell the two apart?",
        model_answer=(
            "His five measures (GDP share, output per person, big firms, cities, self-financing) show "
            "clearly that the region fell behind between the early 2000s and 2022. They do not show on "
            "their own that the money failed, because we never see what would have happened without it: "
            "the decline might have been steeper, and money may have flowed where the decline was worst, "
            "so that the two move together without one causing the other. To separate them I would want "
            "a comparison, such as old industrial regions elsewhere that received less support, or the "
            "timing of each programme set against the indicator it was meant to move. Wang's own "
            "concessions (relief for workers, SOEs and mining towns) suggest the money bought stability "
            "rather than growth, a narrower charge than outright failure."
        ),
        hints=["Think of the counterfactual: the Northeast without the support.",
               "Could the decline have caused the money, rather than the other way round?"],
    ),
])
