"""Chapter 6 (book/ch6_reading_numbers.ipynb): reading the numbers critically."""

from __future__ import annotations

import pandas as pd

from exercises import (Bank, FrameTask, Mistake, MultipleChoice, Numeric, Reflection,
                       SingleChoice)
from northeast.chapters import chapter
from northeast.questions._common import PROVINCES, RATE_ID, claims, corrected, data_mistake, rate, row, value

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
    """Every printed dollar figure further from RMB / rate than the rounding of it and of the rate allows."""
    from northeast.consistency import conversion
    c = claims()
    r = rate()
    rate_printed = str(row(RATE_ID)["value_printed"])
    rows = []
    for rec in c[c["usd_printed"].notna()].to_dict("records"):
        conv = conversion(float(rec["value"]), rec["usd_printed"], r, rate_printed)
        if not conv.consistent:
            rows.append((rec["id"], conv.printed, conv.exact))
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
bank = Bank(CH, chapter(CH).heading, [
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
            2: "Right: read as trillions, the parts come close to the stated total and fit the other "
               "figures of section One.",
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
            1: "Right: dividing a slipped figure by 7.14 gives a slipped dollar figure; two numbers that "
               "agree can both be wrong.",
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
        prompt="Section One gives Heilongjiang's net transfers as roughly 250 billion yuan a year and "
               "Jilin's as about 130 billion, then Liaoning's 94.4 billion in 2020, and goes on: the net "
               "transfers of the three provinces 'that year thus amounted to 548 billion'. What is the "
               "problem with this sentence?",
        options=[
            "None: the three figures before it add up to 548 billion.",
            "The figure is wrong: the three provinces' net transfers in 2020 were 474.4 billion.",
            "'Thus' presents 548 billion as following from the figures before it, but two of them are "
            "ten-year averages and no sum of them gives 548; the reasoning fails whatever the true 2020 "
            "total.",
            "The 548 billion is in dollars, not yuan.",
        ],
        answer=2,
        explanations={
            0: "Add them: 250 + 130 + 94.4 = 474.4, not 548.",
            1: "That sum mixes two ten-year averages with one year's figure, so it is not a 2020 total "
               "either; the text gives no 2020 figures for Heilongjiang or Jilin.",
            2: "Right: 'thus' claims that 548 follows from what came before, and it does not. The 548 may "
               "be a correct figure from another source, but the sentence gives no way to get it.",
            3: "All four amounts are in yuan; the dollar figures follow in brackets.",
        },
        hints=["Check the period each of the figures before 'thus' refers to.",
               "'Thus' is a claim too: that the total follows from what came before. Does it?"],
        solution="'Thus' says the 548 billion follows from the figures just given. It can't: Heilongjiang's "
                 "250 and Jilin's 130 are ten-year averages, Liaoning's 94.4 is for 2020, and even their "
                 "sum (474.4) is not 548. The 548 billion may well be right, taken from a source the "
                 "essay doesn't show, but the logic of the sentence doesn't hold as written. Adding the "
                 "unlike figures to 'correct' it would be a second mistake.",
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
        hints=["Read each provincial figure as trillions before you add.",
               "The answer is a gap, not a sum: compare your sum with the stated total."],
        solution="3.2553 + 2.8628 + 5.8847 = 12.0028 trillion, about 1.0 trillion more than the stated "
                 "total, which the essay calls 'nearly' 11 trillion. So even after the unit is fixed, a "
                 "part or the total is wrong, or they cover different things; the text can't say which.",
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
            2: "Right: 12,900 / 9,030 is about 143%, some ten points above the printed 133%.",
            3: "64.1 / 129 ≈ 49.7%: 'nearly half' is fair.",
        },
        hints=["Recompute each ratio from the two numbers printed with it.",
               "Small gaps are rounding; look for one that rounding can't explain."],
        solution="12,900 / 9,030 ≈ 143%, not 133%. The others agree with their inputs. The text can't say "
                 "which number in the 2003 sentence is wrong: a regional level of about 12,010 yuan would "
                 "fit 133%.",
    ),
    SingleChoice(
        id="numbers_checklist",
        chapter=CH,
        prompt="The essay compares the profits and taxes of the region's SOEs with those of Shanghai's SOEs "
               "twice, once as 'less than 1%' and once as 'only equivalent to 4%'. Where do the two "
               "statements stand, and which item of the chapter's checklist catches the clash?",
        options=[
            "Both in section Two, a few lines apart; Ratios",
            "Summary point 4 and section Two; Repeats",
            "Section One and section Two; Sums",
            "The translator's introduction and summary point 4; Conversions",
        ],
        answer=1,
        explanations={
            0: "Section Two gives only the 4% (with the one-fifth figure for the capital utilisation "
               "rate); the other statement is elsewhere.",
            1: "Right: the summary's point 4 says less than 1%; section Two, citing SASAC, says 4%. A "
               "repeated figure that disagrees with itself is what the Repeats check is for.",
            2: "Section One is about the support and its results; the SOE comparison comes later, and no "
               "parts and total are involved.",
            3: "The translator's introduction gives no SOE figures, and no currency conversion is "
               "involved.",
        },
        hints=["Search the translation for 'Shanghai': how many times, and where, does the comparison "
               "appear?",
               "Which checklist item is about the same number appearing in two places?"],
        solution="'Less than 1%' is in summary point 4 and '4%' in section Two. It is a repeated figure "
                 "that disagrees with itself, which the Repeats check catches: the two cannot both be "
                 "right unless they measure different things.",
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
            0: "Nothing else in the essay tests the FAW figure; outside statistics are needed.",
            1: "Only the Chinese original can show whether the slip was Wang's or came in translation.",
            2: "Arithmetic settles this one: the division gives about 143%.",
            3: "Arithmetic settles this one: the division does not give 2.5.",
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
        prompt="Heilongjiang's counts of workers and retirees give a clearly lower ratio than the 2.5 "
               "workers per retiree stated in the sentence they follow. Which reading fits the text best?",
        options=[
            "The 2.5 is a misprint for Heilongjiang's ratio.",
            "The 2.5 is stated for the Northeast and the counts are Heilongjiang's alone; both can hold "
            "if Liaoning and Jilin have more workers per retiree, but then the example doesn't "
            "illustrate the regional figure.",
            "The counts are for a different year from the 2.5, so the two can't be compared.",
            "The counts include people who pay no pension contributions, so they overstate the burden.",
        ],
        answer=1,
        explanations={
            0: "Possible, but the text can't show it: the sentence gives 2.5 for the Northeast, while the "
               "counts are one province's.",
            1: "Right: the claim and its example are about different places. The text lets both be "
               "true, but it gives no counts for the region, so the 2.5 can't be checked from it.",
            2: "The ratio and the counts stand in one sentence that dates them both to 2022.",
            3: "The essay says nothing about who is counted; that reading adds a fact the text doesn't "
               "give.",
        },
        hints=["Who is the 2.5 about, and who are the counts about?",
               "Prefer the reading that needs no fact the essay doesn't give."],
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
               "Select the three rows with `isin` on the `id` column, add their values, and only then "
               "change the scale."],
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
               "billion or trillion). Judge each by its relative deviation, `printed / exact - 1`. Rounding "
               "allows half a unit of the printed figure's last digit, relative to the exact conversion "
               "(0.05 / 18.21 for '18.3'), plus 0.005 / 7.14 because the rate is rounded too. Return a DataFrame `usd_off` "
               "with one row per conversion whose deviation is larger than that, and columns `id`, `printed` "
               "(the printed number, e.g. 18.3) and `at_7_14` (the exact conversion in the printed unit). "
               "Row order doesn't matter.",
        expected=_usd_off,
        check_index=False,
        sort=True,
        rtol=1e-6,
        hints=["Split `usd_printed` into number and unit with `.str.split(expand=True)`; map the unit to "
               "a factor (million 0.001, billion 1, trillion 1000) and divide the conversion by it.",
               "The printed decimals are the length of the part after the dot (0 if there is none); half a "
               "unit of the last digit is `0.5 * 10 ** -decimals`. Compare the absolute deviation with the "
               "allowance, not the last digits."],
        solution="Seven conversions miss by more than rounding allows, all by less than 1%: five come out "
                 "too high by 0.5-0.7% (the 6-7 trillion of net transfers, Jilin's 130 billion, the 500 "
                 "billion SOE projects, Xinjiang's exports) and two too low by about 0.4% (the 311 billion "
                 "debt write-off, the two provinces' exports). Larger deviations elsewhere, such as 8.7 "
                 "billion yuan printed as 1.2 billion dollars (-1.5%), are within the rounding of a figure "
                 "printed with so few digits.",
        source_ids=[RATE_ID],
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
               "Collect one dict per year in a list, turn the list into a DataFrame, and add `gap_points` as "
               "a column difference."],
        solution="2003: 12,900 / 9,030 ≈ 142.9% against a stated 133%, a gap of almost 10 points. 2022: "
                 "59,400 / 85,700 ≈ 69.3% against 69%, within rounding. Only the 2003 ratio fails, and "
                 "the text can't say whether the percentage or the '12,900+' is the wrong number.",
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
               "Compare with the translator's 7.14: the printed dollar figure is a little larger than the "
               "exact conversion, so the rate it implies must be a little lower."],
        solution="130 / 18.3 ≈ 7.104 yuan per dollar, close to the 7.09-7.10 that fits most of the "
                 "conversions that miss 7.14: they were probably worked out at an earlier rate.",
        source_ids=[JILIN_NET, RATE_ID],
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
