"""nbgrader's ``ClearSolutions``: each solution region becomes the code stub, each model answer the text stub.

Line by line, as nbgrader does it, so both give the same sheet: the ``### BEGIN SOLUTION`` line becomes the
stub (at its indentation) and every line up to ``### END SOLUTION`` goes; a solution cell without a region
(a model answer) is replaced by the stub as a whole.
"""
from __future__ import annotations

from . import cells as gc
from ._base import Setting, Transform, TransformError


class ClearSolutions(Transform):
    code_stub = Setting(gc.CODE_STUB, "what replaces a solution region (nbgrader: ClearSolutions.code_stub)")
    text_stub = Setting(gc.TEXT_STUB, "what replaces a model answer (nbgrader: ClearSolutions.text_stub)")

    def notebook(self, nb):
        """A Dutch sheet gets the Dutch stubs, unless the settings were changed from the course's."""
        defaults = self.code_stub, self.text_stub
        if gc.language(nb) == "nl":
            if self.code_stub == gc.CODE_STUB:
                self.code_stub = gc.CODE_STUB_NL
            if self.text_stub == gc.TEXT_STUB:
                self.text_stub = gc.TEXT_STUB_NL
        try:
            return super().notebook(nb)
        finally:
            self.code_stub, self.text_stub = defaults

    def _replace_regions(self, cell) -> bool:
        stub = (self.code_stub if cell.cell_type == "code" else self.text_stub).split("\n")
        out, inside, replaced = [], False, False
        for line in cell.source.split("\n"):
            if "BEGIN SOLUTION" in line:
                if inside:
                    raise TransformError("nested BEGIN SOLUTION markers")
                inside = replaced = True
                indent = line[: len(line) - len(line.lstrip())]
                out += [indent + s for s in stub]
            elif "END SOLUTION" in line:
                inside = False
            elif not inside:
                out.append(line)
        if inside:
            raise TransformError("a BEGIN SOLUTION marker without an END SOLUTION")
        cell.source = "\n".join(out)
        return replaced

    def cell(self, cell) -> None:
        replaced = self._replace_regions(cell)
        if replaced and not gc.is_solution(cell):
            raise TransformError("a solution region in a cell that is not an answer cell "
                                 "(run `make exercises`, which marks the cells)")
        if gc.is_solution(cell) and not replaced:
            cell.source = self.code_stub if cell.cell_type == "code" else self.text_stub
