"""Lesson guarantees, which every lesson gets without a test file of its own.

- **Numbers.** Every number a reader sees in a lesson's prose is tied to the course maths by
  a claim in ``NAME.numbers.yml`` beside the lesson ``NAME.md``, or is structural (0, 1,
  and a short list of TeX exponents and factors). Checked in every build.
- **Code.** Every Python code block of every lesson runs, in page order, when the check
  command (``python -m authoring check``) runs; a doctest session's output is compared.
  ``<!-- norun: reason -->`` opts a block out, and the check prints the reason.

Modules: ``feature`` (what the lessons plugin attaches), ``extension`` (the Markdown
extension that records each page), ``prose`` (a page split into prose and fenced blocks),
``scanner`` (the numbers of the prose), ``claims`` (claims files), ``evaluator`` and
``namespace`` (the safe evaluation of a claim's expression), ``numbers`` (the numbers
check), ``code`` and ``runner`` (running a page's code in a process of its own).
"""

from guarantees.feature import LessonGuarantees

__all__ = ["LessonGuarantees"]
