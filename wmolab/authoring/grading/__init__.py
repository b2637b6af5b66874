"""Grading a class with nbgrader: the course's sheets as nbgrader sheets, and the instructor's commands.

Transformations (no nbgrader needed; ``make exercises`` runs them), one per module on :mod:`._base`:

- :mod:`.source`   a solution sheet becomes an nbgrader source notebook (metadata, stubs, autograder tests);
- :mod:`.release`  the student's sheet, step for step as ``nbgrader generate_assignment`` makes it
  (:mod:`.lock_cells`, :mod:`.clear_solutions`, :mod:`.clear_outputs`, :mod:`.checksums`,
  :mod:`.clear_hidden_tests`); :mod:`.cells` holds the shared vocabulary (roles, grade ids, points).

Commands for instructors (they need nbgrader, which ``requirements/test.txt`` and a grading hub install):

- :mod:`.course`       ``python -m wmolab.authoring.grading.course DIR``: an nbgrader course folder;
- :mod:`.autograde`    ``python -m wmolab.authoring.grading.autograde NN_slug``: nbgrader's autograde for every
  submission, with a report per submission;
- :mod:`.openanswers`  one HTML page per open question with every student's answer, and a marks file;
- :mod:`.marks`        put the marks file into nbgrader's gradebook.

``docs/instructors.md`` (*Grading a class with nbgrader*) gives the workflow end to end.
"""
