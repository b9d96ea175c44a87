"""What the data tasks (frame, function) share: answered in code, shown as a task in the page."""
from __future__ import annotations

from ..question import Question


class DataTask(Question):
    data_task = True

    def widget_input(self, W):
        note = W.HTML(value="<em>Data task: write your code in the next code cell, then "
                            "run the check cell below it.</em>")
        return [note], None, None
