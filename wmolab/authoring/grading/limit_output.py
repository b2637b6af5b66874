"""An nbgrader preprocessor: cut every cell's output to a number of characters (after nbgrader's LimitOutput).

nbgrader's ``LimitOutput`` keeps 1000 lines of a cell's stream output, but one line can be 50 MB. This step
keeps ``max_chars`` characters of each stream output, text result and error message, and says it cut
them, so a
graded notebook and its feedback page stay small. The course's ``nbgrader_config.py`` puts it into
``Autograde.autograde_preprocessors`` (:mod:`.course`).
"""
from __future__ import annotations

from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Integer

__all__ = ["LimitOutputSize", "NOTICE"]

NOTICE = "\n... Output truncated (more than {n} characters) ..."


class LimitOutputSize(NbGraderPreprocessor):
    max_chars = Integer(100_000, help="characters of each output kept (-1: no limit)").tag(config=True)

    def _cut(self, text):
        if isinstance(text, list):
            text = "".join(text)
        if self.max_chars < 0 or len(text) <= self.max_chars:
            return text, False
        return text[: self.max_chars] + NOTICE.format(n=self.max_chars), True

    def preprocess_cell(self, cell, resources, cell_index):
        if cell.cell_type != "code":
            return cell, resources
        for output in cell.outputs:
            if output.output_type == "stream":
                output.text, _ = self._cut(output.text)
            elif "data" in output:
                for mime, value in list(output.data.items()):
                    if isinstance(value, (str, list)) and mime.startswith("text/"):
                        output.data[mime], _ = self._cut(value)
            elif output.output_type == "error":
                output.evalue, _ = self._cut(output.evalue)
        return cell, resources
