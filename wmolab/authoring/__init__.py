"""Authoring tools: what course authors and instructors run, never what a student's notebook loads.

``import wmolab`` does not import this package, and no module outside it does
(``tests/wmolab/test_layering.py`` checks both). One module per command or job, each run as
``python -m wmolab.authoring.<module>`` (the Makefile's targets call them):

- :mod:`~wmolab.authoring.exercises`   generate ``exercises/`` from ``solutions/`` (``make exercises``);
- :mod:`~wmolab.authoring.nbexec`      execute notebooks in place, and the one clean-up (``make notebooks``);
- :mod:`~wmolab.authoring.keys`        write the hashed key of a self-check question;
- :mod:`~wmolab.authoring.datapackage` assemble ``datasets/datapackage.json`` (``make datapackage``);
- :mod:`~wmolab.authoring.provenance`  check that every cited seed line holds its anchor;
- :mod:`~wmolab.authoring.course`      the course map and launch links, from one repository URL;
- :mod:`~wmolab.authoring.bench`       measure the performance budgets (``make bench``);
- :mod:`~wmolab.authoring.bundle`      the offline zip (``make bundle``);
- :mod:`~wmolab.authoring.lock`        re-resolve the pinned requirements (``make lock``; a plain script);
- :mod:`~wmolab.authoring.grading`     grading a class with nbgrader: the sheets' grading cells (run by
  ``make exercises``), the course folder (``make grading-course``), autograde with a report, open answers
  question by question, marks into the gradebook.

- :mod:`~wmolab.authoring.site`        the course website into ``build/site/`` (``make site``), with the pages
  written from data in :mod:`~wmolab.authoring.sitepages` (Sphinx configuration and style in ``site/``).

Room is left for the commands still to come (translations): each is one more module here.
"""
