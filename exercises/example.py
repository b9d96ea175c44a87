"""A tiny example bank used by the engine's tests and README.

Made-up toy figures for fictional provinces A–C: NOT course data, and no chapter of
any course.
"""

import pandas as pd

from exercises import (Bank, FrameTask, FunctionTask, Mistake, MultipleChoice, Numeric,
                       Reflection, SingleChoice)

# Toy budget table: spending and central transfers, billion RMB.
TOY = pd.DataFrame({
    "province": ["A", "B", "C"],
    "spending": [400.0, 250.0, 150.0],
    "transfers": [120.0, 100.0, 90.0],
})


def toy_data() -> pd.DataFrame:
    """A fresh copy of the toy table (tasks must not share a mutable frame)."""
    return TOY.copy()


def _transfer_share_table() -> pd.DataFrame:
    df = toy_data().set_index("province")
    df["transfer_share"] = df["transfers"] / df["spending"] * 100
    return df[["transfer_share"]]


def _share(df: pd.DataFrame, province: str) -> float:
    row = df.set_index("province").loc[province]
    return float(row["transfers"] / row["spending"] * 100)


bank = Bank("example", "Example bank (toy data)", [
    SingleChoice(
        id="ex_largest",
        chapter="example",
        prompt="Which toy province spends the most?",
        options=["Province A", "Province B", "Province C"],
        answer="Province A",
        explanations={1: "B is not the largest: compare the spending column.",
                      2: "C is the smallest spender."},
        hints=["Look at the `spending` column.", "Sort by spending, largest first."],
        solution="A spends 400 billion RMB, more than B (250) and C (150).",
    ),
    MultipleChoice(
        id="ex_over_100",
        chapter="example",
        prompt="Which toy provinces receive **100 billion RMB or more** in transfers?",
        options=["Province A", "Province B", "Province C"],
        answers=[0, 1],
        explanations={2: "C receives less than 100 billion."},
        hints=["Filter the `transfers` column with `>= 100`."],
        solution="A (120) and B (100) qualify; C (90) does not.",
    ),
    Numeric(
        id="ex_total_transfers",
        chapter="example",
        prompt="What are total transfers to the three toy provinces, in billion RMB?",
        answer=310.0,
        tolerance=0.5,
        unit="billion RMB",
        mistakes=[
            Mistake.scale(1000, "that is in million RMB: the question asks for billion RMB."),
            Mistake.scale(0.001, "that is in trillion RMB: the question asks for billion RMB."),
            Mistake.value(800.0, "that is total spending, not transfers."),
            Mistake.wrong_province(220.0, "A and B only",
                                   "that leaves out province C — sum all three."),
        ],
        hints=["Add up the `transfers` column.", "`toy['transfers'].sum()`"],
        solution="Sum the transfers column.",
        source_ids=["toy-1"],
    ),
    Numeric(
        id="ex_share_a",
        chapter="example",
        prompt="What percentage of province A's spending is covered by transfers?",
        answer=30.0,
        tolerance=0.05,
        unit="%",
        hints=["Divide transfers by spending for A.", "Then multiply by 100."],
        solution="120 / 400 × 100.",
    ),
    FrameTask(
        id="ex_share_table",
        chapter="example",
        prompt=("Build a DataFrame indexed by `province` with one column `transfer_share`: "
                "transfers as a percentage of spending."),
        expected=_transfer_share_table,
        rtol=1e-6,
        hints=["`set_index('province')` first.", "Multiply the ratio by 100."],
        solution="Set the index, divide, multiply by 100, keep one column.",
    ),
    FunctionTask(
        id="ex_share_fn",
        chapter="example",
        prompt=("Write `transfer_share(df, province)` returning that province's transfers as a "
                "percentage of its spending."),
        cases=[((TOY, "A"), {}), ((TOY, "B"), {}), ((TOY, "C"), {})],
        reference=_share,
        hints=["Select the row with `.set_index('province').loc[province]`."],
        solution="Select the row, divide, multiply by 100.",
    ),
    Reflection(
        id="ex_reflect",
        chapter="example",
        prompt="In one or two sentences: why might a province's transfer share rise?",
        model_answer="Either transfers grew or its own spending fell (or both).",
    ),
])
