"""Chapter 6 (book/ch6_reading_numbers.ipynb): reading the numbers critically."""

from __future__ import annotations

import pandas as pd

from exercises import (Bank, FrameTask, Mistake, MultipleChoice, Numeric, Reflection,
                       SingleChoice)
from northeast.questions._common import PROVINCES, claims, corrected, data_mistake, rate, value

CH = "numbers"
PARTS = [f"transfers_total_{p}_2003_2022" for p in PROVINCES]
TOTAL = "transfers_total_northeast_2003_2022"
JILIN_NET = "net_transfer_annual_avg_jilin"


# ------------------------------------------------------------------ reference answers
def _parts_sum_billion() -> float:
    """The three provincial transfers at the corrected scale, in billion yuan."""
    return sum(corrected(p) for p in PARTS)


def _printed_sum_billion() -> float:
    return sum(value(p) for p in PARTS)


def _excess_trillion() -> float:
    return (_parts_sum_billion() - value(TOTAL)) / 1000


def _usd_off() -> pd.DataFrame:
    """Every printed dollar figure that is neither the rounded nor the truncated conversion."""
    from northeast.consistency import USD_SCALE, usd_conversion_ok
    c = claims()
    r = rate()
    rows = []
    for rec in c[c["usd_printed"].notna()].to_dict("records"):
        ok, exact = usd_conversion_ok(float(rec["value"]), rec["usd_printed"], r)
        if not ok:
            number, unit = rec["usd_printed"].split()
            rows.append((rec["id"], float(number), float(rec["value"]) / r / USD_SCALE[unit]))
    return pd.DataFrame(rows, columns=["id", "printed", "at_7_14"])


def _per_capita_check() -> pd.DataFrame:
    rows = []
    for year in (2003, 2022):
        ne = value(f"per_capita_gdp_northeast_{year}")
        cn = value(f"per_capita_gdp_china_{year}")
        stated = value(f"per_capita_gdp_pct_of_national_{year}")
        rows.append((year, ne, cn, ne / cn * 100, stated))
    t = pd.DataFrame(rows, columns=["year", "northeast", "national", "computed_pct", "stated_pct"])
    t["gap_points"] = t["computed_pct"] - t["stated_pct"]
    return t


def _jilin_rate() -> float:
    usd = float(claims().set_index("id").loc[JILIN_NET, "usd_printed_billion"])
    return value(JILIN_NET) / usd


# ------------------------------------------------------------------ the bank
bank = Bank(CH, "Chapter 6: reading the numbers critically", [
    # ---------------------------------------------------------- check your understanding
    SingleChoice(
        id="numbers_unit_slip",
        chapter=CH,
        prompt="Section One gives the provinces' 2003-2022 transfers as 3.2553, 2.8628 and 5.8847 billion "
               "yuan, and their total as nearly 11 trillion. What is the most likely problem?",
        options=[
            "The total should read 11 billion.",
            "The provincial figures are in US dollars, the total in yuan.",
            "The provincial figures should be in trillions: three amounts of a few billion cannot make "
            "eleven trillion.",
            "The provincial figures are net transfers and the total is gross.",
        ],
        answer=2,
        explanations={
            0: "Eleven billion would be close to the sum of the printed parts (about 12 billion), but it "
               "would contradict the 6-7 trillion of net transfers and the 10-20 trillion estimate.",
            1: "The dollar amounts are printed separately, in brackets, and they are in millions.",
            3: "The essay gives the net figures separately (6-7 trillion over twenty years); these are the "
               "gross totals.",
        },
        hints=["Compare the size of the parts with the size of the total.",
               "Which reading makes the parts and the total roughly agree and fits the other figures in "
               "section One?"],
        solution="Read as trillions, the parts add up to about 12 trillion, close to the stated total and "
                 "consistent with the other figures; read as billions, they are a thousandth of it. A "
                 "billion/trillion slip, perhaps while converting from 亿 (a hundred million).",
    ),
    SingleChoice(
        id="numbers_conversion_carried",
        chapter=CH,
        prompt="The dollar figures printed beside the three provincial transfers (456, 401 and 824 million) "
               "match the yuan figures at 7.14. Why didn't the conversion catch the slip?",
        options=[
            "Because the dollar figures were computed from the corrected amounts",
            "Because it converted the slipped numbers faithfully, inheriting the error instead of "
            "testing it",
            "Because 7.14 is the wrong rate",
            "Because there is no slip: the conversions prove the yuan figures right",
        ],
        answer=1,
        explanations={
            0: "Corrected amounts would give dollar figures in the hundreds of billions, not millions.",
            2: "The rate is the stated one and these three conversions agree with it.",
            3: "A correct conversion only shows that two numbers agree with each other, not that either "
               "is right.",
        },
        hints=["A conversion checks the arithmetic between two numbers, not the first number itself.",
               "What would the dollar figures be if the yuan amounts were trillions?"],
        solution="The converter divided the printed (slipped) amounts by 7.14, so the dollar figures carry "
                 "the same factor-of-1,000 error. Agreement between two numbers is not evidence that "
                 "either is right.",
    ),
    SingleChoice(
        id="numbers_net_sum",
        chapter=CH,
        prompt="Heilongjiang's 250 billion, Jilin's 130 billion and Liaoning's 94.4 billion of net transfers "
               "add up to 474.4 billion, not the 548 billion the essay gives for the three provinces in "
               "2020. Why is this not an error?",
        options=[
            "The 548 billion includes Inner Mongolia.",
            "The 548 billion is in dollars.",
            "Net figures can never be added.",
            "The first two are ten-year averages and only Liaoning's is for 2020, so the three shouldn't "
            "be added.",
        ],
        answer=3,
        explanations={
            0: "Nothing in the sentence mentions Inner Mongolia.",
            1: "All four amounts are in yuan; the dollar figures follow in brackets.",
            2: "Net figures for the same year and the same kind of thing can be added.",
        },
        hints=["Check the period each of the three figures refers to.",
               "Averages over a decade and a single year's figure are different kinds of number."],
        solution="Heilongjiang's and Jilin's figures are averages over the past ten years; only Liaoning's "
                 "is for 2020. Adding unlike figures gives a number that means nothing, so there is "
                 "nothing to compare with the 548 billion.",
    ),
    Numeric(
        id="numbers_excess",
        chapter=CH,
        prompt="Read as trillions, the three provincial transfers (3.2553, 2.8628 and 5.8847) add up to "
               "more than the stated 'nearly 11 trillion'. By how many **trillion** yuan does their sum "
               "exceed 11 trillion?",
        answer=_excess_trillion,
        tolerance=0.005,
        unit="trillion RMB",
        mistakes=[
            Mistake.scale(1000, "about 1,000 times too large: that looks like billions. The question "
                                "asks in trillions (or type the word 'billion' after your number)."),
            data_mistake("value", lambda: _parts_sum_billion() / 1000,
                         "that is the corrected sum itself; subtract the stated total of 11 trillion."),
            data_mistake("value", lambda: (_printed_sum_billion() - value(TOTAL)) / 1000,
                         "that uses the figures as printed, in billions. Correct the unit first: read "
                         "them as trillions."),
        ],
        hints=["Add the three figures as trillions.",
               "Then subtract 11."],
        solution="3.2553 + 2.8628 + 5.8847 = 12.0028 trillion, about 1.0 trillion more than the stated "
                 "total, which the essay calls 'nearly' 11 trillion. So even after the unit is fixed, a "
                 "part or the total is wrong, or they cover different things.",
        source_ids=[*PARTS, TOTAL],
    ),
    SingleChoice(
        id="numbers_ratio_fails",
        chapter=CH,
        prompt="Which printed ratio fails when you recompute it from the figures printed beside it?",
        options=[
            "GDP per person in 2022: 69% of the national level",
            "Heilongjiang and Jilin's exports: half of Xinjiang's",
            "GDP per person in 2003: about 133% of the national level",
            "Heilongjiang's pension gap: nearly half of its revenue",
        ],
        answer=2,
        explanations={
            0: "59,400 / 85,700 ≈ 69%: this one checks out.",
            1: "104.7 / 209.1 ≈ 50%: this one checks out.",
            3: "64.1 / 129 ≈ 49.7%: 'nearly half' is fair.",
        },
        hints=["Recompute each ratio from the two numbers printed with it.",
               "One of them is off by about ten percentage points."],
        solution="12,900 / 9,030 ≈ 143%, not 133% (and the '+' makes it higher still). The others agree "
                 "with their inputs.",
    ),
    SingleChoice(
        id="numbers_checklist",
        chapter=CH,
        prompt="The summary puts the SOEs' profits and taxes at below 1% of Shanghai's; section Two puts "
               "the same comparison at 4%. Which item of the chapter's checklist catches this?",
        options=[
            "Units",
            "Sums",
            "Conversions",
            "Repeats",
        ],
        answer=3,
        explanations={
            0: "Both figures are percentages; no unit is missing or wrong.",
            1: "No parts and total are involved.",
            2: "No currency conversion is involved.",
        },
        hints=["The figure appears twice, in two places.",
               "Which checklist item compares a summary with the body?"],
        solution="It is a repeated figure that disagrees with itself: the summary and the body cannot both "
                 "be right unless they measure different things.",
    ),
    MultipleChoice(
        id="numbers_cannot_settle",
        chapter=CH,
        prompt="Which of these questions can the English text alone **not** settle? Select all that apply.",
        options=[
            "Whether the 1.015 billion yuan of credit to FAW is another scale slip",
            "Whether Wang or the translator introduced the billion/trillion slip",
            "Whether 12,900 / 9,030 is closer to 133% or to 143%",
            "Whether 14.73 / 6.56 equals 2.5",
        ],
        answers=[0, 1],
        explanations={
            2: "Arithmetic settles this one: the division gives about 143%.",
            3: "Arithmetic settles this one: the division gives about 2.25.",
        },
        hints=["Some questions need only a calculator; others need another source.",
               "Which questions would need the Chinese original or a statistical yearbook?"],
        solution="Arithmetic settles the two ratios. Whether the FAW credit is a slip needs outside "
                 "figures (nothing in the essay tests it), and who made the unit slip needs the Chinese "
                 "original.",
    ),
    SingleChoice(
        id="numbers_dependency_reading",
        chapter=CH,
        prompt="Heilongjiang's counts give about 2.25 workers per retiree, but the sentence they follow "
               "states 2.5. Which reading fits the text best?",
        options=[
            "2.5 is Guangdong's ratio.",
            "The 2.5 may describe all three provinces, for which no counts are printed, so the "
            "Heilongjiang example doesn't illustrate it.",
            "The counts are in different units.",
            "2.25 rounds to 2.5.",
        ],
        answer=1,
        explanations={
            0: "Guangdong's counts give about 9.4 workers per retiree.",
            2: "Both counts are in million people.",
            3: "To one decimal, 2.245 rounds to 2.2, not 2.5.",
        },
        hints=["Who is the 2.5 about, and who are the counts about?",
               "The sentence speaks of 'the Northeast', then gives one province's numbers."],
        solution="The 2.5 is stated for the region; the counts are Heilongjiang's. The claim may hold for "
                 "the three provinces together, but the example printed with it gives a different ratio.",
    ),
    # ---------------------------------------------------------- data tasks
    Numeric(
        id="numbers_transfer_sum",
        chapter=CH,
        prompt="Add up the three provincial transfer totals for 2003-2022 (claims "
               "`transfers_total_liaoning_2003_2022`, `…_jilin_…` and `…_heilongjiang_…`), reading them at "
               "the corrected scale (trillions rather than the printed billions). Give the sum in "
               "**billion yuan** and store it in `transfer_sum`.",
        answer=_parts_sum_billion,
        tolerance=0.05,
        unit="billion RMB",
        mistakes=[
            Mistake.scale(0.001, "about 1,000 times too small: either you added the figures as printed "
                                 "(billions) or you gave trillions without saying so. Multiply each by "
                                 "1,000 to get billions."),
            data_mistake("value", lambda: value(TOTAL),
                         "that is the stated total; the task is to add up the three parts."),
        ],
        hints=["The `value` column holds the printed figures in billion yuan: 3.2553 and so on. The "
               "corrected reading is 1,000 times larger.",
               "`claims.loc[claims['id'].isin(ids), 'value'].sum() * 1000`"],
        solution="(3.2553 + 2.8628 + 5.8847) × 1,000 = 12,002.8 billion yuan, that is 12.0 trillion: more "
                 "than the 'nearly 11 trillion' the essay states.",
        source_ids=[*PARTS, TOTAL],
    ),
    FrameTask(
        id="numbers_usd_off",
        chapter=CH,
        prompt="Find the dollar conversions that miss the translator's rate. For every claim with a printed "
               "dollar figure (`usd_printed`, e.g. `'18.3 billion'`), convert `value` (billion yuan) at "
               "the rate in claim `exchange_rate_rmb_per_usd`, expressed in the printed unit (million, "
               "billion or trillion). A printed figure is fine if it equals the exact conversion rounded, "
               "or cut off, to the printed number of decimals. Return a DataFrame `usd_off` with one row "
               "per conversion that is *not* fine and columns `id`, `printed` (the printed number, e.g. "
               "18.3) and `at_7_14` (the exact conversion in the printed unit). Row order doesn't matter.",
        expected=_usd_off,
        check_index=False,
        sort=True,
        rtol=1e-6,
        hints=["Split `usd_printed` into number and unit with `.str.split(expand=True)`; map the unit to "
               "a factor (million 0.001, billion 1, trillion 1000) and divide the conversion by it.",
               "The printed decimals are the length of the part after the dot (0 if there is none). With "
               "`step = 10 ** -decimals`, compare the printed number with `round(x / step) * step` and "
               "`floor(x / step) * step`."],
        solution="Six conversions miss: the 6-7 trillion of net transfers (846 and 987 billion instead of "
                 "about 840 and 980), Jilin's 130 billion (18.3 instead of 18.2), the 500 billion SOE "
                 "projects (70.5 instead of 70.0), the 311 billion debt write-off (43.4 instead of 43.6) "
                 "and Xinjiang's exports (29.5 instead of 29.3).",
        source_ids=["exchange_rate_rmb_per_usd"],
    ),
    FrameTask(
        id="numbers_per_capita_check",
        chapter=CH,
        prompt="Recompute both per-person ratios in section One. Build a DataFrame `per_capita` with one "
               "row for 2003 and one for 2022 and the columns `year`, `northeast` and `national` (GDP per "
               "person in yuan, claims `per_capita_gdp_northeast_<year>` and `per_capita_gdp_china_<year>`), "
               "`computed_pct` (northeast / national × 100), `stated_pct` (claim "
               "`per_capita_gdp_pct_of_national_<year>`) and `gap_points` (computed minus stated). Row "
               "order doesn't matter. Which year's ratio fails?",
        expected=_per_capita_check,
        check_index=False,
        sort=True,
        hints=["`v = claims.set_index('id')['value']`, then build one dict per year in a loop.",
               "`pd.DataFrame(rows)` from a list of dicts; add `gap_points` as a column difference."],
        solution="2003: 12,900 / 9,030 ≈ 142.9% against a stated 133%, a gap of almost 10 points. 2022: "
                 "59,400 / 85,700 ≈ 69.3% against 69%, within rounding. Only the 2003 ratio fails.",
        source_ids=[f"per_capita_gdp_{w}_{y}" for w in ("northeast", "china", "pct_of_national")
                    for y in (2003, 2022)],
    ),
    Numeric(
        id="numbers_jilin_rate",
        chapter=CH,
        prompt="Jilin's yearly net transfer of 130 billion yuan is printed as 18.3 billion dollars. What "
               "exchange rate, in yuan per dollar, would give exactly that figure? Read both numbers from "
               "the claim `net_transfer_annual_avg_jilin` (columns `value` and `usd_printed_billion`) and "
               "store the rate in `jilin_rate`.",
        answer=_jilin_rate,
        tolerance=0.001,
        unit="",
        mistakes=[
            data_mistake("value", lambda: 1 / _jilin_rate(),
                         "that is dollars per yuan, upside down. Divide the yuan amount by the dollar "
                         "amount."),
            data_mistake("value", rate,
                         "that is the rate the translator states; the question asks which rate the printed "
                         "figure actually implies."),
        ],
        hints=["Rate = yuan / dollars.",
               "130 / 18.3"],
        solution="130 / 18.3 ≈ 7.104 yuan per dollar, close to the 7.09-7.10 that fits most of the "
                 "conversions that miss 7.14: they were probably worked out at an earlier rate.",
        source_ids=[JILIN_NET, "exchange_rate_rmb_per_usd"],
    ),
    # ---------------------------------------------------------- reflection
    Reflection(
        id="numbers_reflect_matter",
        chapter=CH,
        prompt="Which of the essay's numerical problems would change its argument if they were corrected, "
               "and which would not? Choose two problems from this chapter and explain.",
        model_answer=(
            "The billion/trillion slip does not change the argument. Once corrected, the provincial "
            "transfers are larger, not smaller, and they support Wang's point that the centre poured in "
            "vast sums; even the gap between the parts and the total (about one trillion) is small next to "
            "a 10-20 trillion estimate. The 2003 per-person ratio matters more. If the region was at 143% "
            "of the national level rather than 133%, its fall to 69% is even steeper, which strengthens "
            "the story of decline; but if the 133% is right and the levels are wrong, we do not know which "
            "starting point to trust. The conflict between 'below 1%' and '4%' of Shanghai's SOE profits "
            "changes the size of the gap, not its direction. None of the errors reverses a conclusion, but "
            "each one lowers confidence in the precision of the rest."
        ),
        hints=["Ask of each error: if corrected, does the number move towards or away from Wang's "
               "conclusion?",
               "Distinguish errors that change a direction from errors that change only a size."],
    ),
])
