"""The question kinds, one module each; ``KINDS`` maps a kind's name to its class.

Adding a kind is one module here plus its entry in ``KINDS``: each class owns its check, hints,
solution, kernel-free spec and page input, widget input and JSON answer form, so nothing else
switches on kind names.
"""
from __future__ import annotations

from ..question import Question
from .frame import FrameTask
from .function import FunctionTask, RecordedOutputs
from .multiple_choice import MultipleChoice
from .numeric import Numeric
from .reflection import Reflection
from .single_choice import SingleChoice

KINDS: dict[str, type[Question]] = {cls.kind: cls for cls in (
    SingleChoice, MultipleChoice, Numeric, FrameTask, FunctionTask, Reflection)}

__all__ = ["KINDS", "SingleChoice", "MultipleChoice", "Numeric", "FrameTask", "FunctionTask",
           "Reflection", "RecordedOutputs"]
