"""Authoring tools: what course authors and instructors run, never what a student's notebook loads.

``import wmolab`` does not import this package (a test checks it). Each module is one command
or one job: the exercise generator, the data-package builder, the provenance (seed-line) check,
course links, notebook execution and clean-up.
"""
