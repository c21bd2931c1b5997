"""A safe evaluator for the expressions of number claims (``is:`` in NAME.numbers.yml).

Author text is never handed to ``eval`` or ``exec``. It is parsed with ``ast`` and walked
here, node by node, against an allow-list:

- literals: numbers, text, True/False/None; lists and tuples of at most MAX_ITEMS items;
- names, looked up in the namespace given (guarantees.namespace), never in builtins;
- attribute access, ``a.b``, when the name does not start with ``_``;
- subscripts, ``a[0]``, ``a["key"]``, ``a[1:3]``;
- calls of the functions the namespace allows (``Namespace.callables``, and methods of
  the classes it allows), with keyword arguments; integers passed to calls are at most
  MAX_CALL_INT (no ten-billion-sample Monte Carlo);
- arithmetic on numbers and NumPy arrays: ``+ - * / // % **`` and unary ``- +``; a power's
  exponent is at most MAX_EXPONENT in size and an integer result at most MAX_INT_BITS bits.

Everything else (comparisons, lambdas, comprehensions, f-strings, ``*args``...) is refused.
Whatever goes wrong, parsing, a refused construct, a failing call, an overflow, the one
error raised is ``ExpressionError``, with the column of the offending part.
"""

from __future__ import annotations

import ast
import inspect
import operator
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

MAX_LENGTH = 400  # characters of one expression
MAX_DEPTH = 40  # nesting of the expression tree
MAX_ITEMS = 100  # items of a list or tuple literal
MAX_EXPONENT = 100
MAX_INT_BITS = 1024
MAX_CALL_INT = 1_000_000

_BINARY: dict[type[ast.operator], Callable[[Any, Any], Any]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.FloorDiv: operator.floordiv,
    ast.Mod: operator.mod,
    ast.Pow: operator.pow,
}
_UNARY: dict[type[ast.unaryop], Callable[[Any], Any]] = {
    ast.USub: operator.neg,
    ast.UAdd: operator.pos,
}


class ExpressionError(Exception):
    """The one error of the evaluator: the expression cannot be evaluated, and why.

    ``col`` is the 0-based column in the expression text of the part at fault, if known.
    """

    def __init__(self, message: str, col: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.col = col


@dataclass(frozen=True)
class Namespace:
    """What expressions may name, and what they may call.

    ``names``: the values a bare name evaluates to. ``callables``: the functions (and
    classes) that may be called. ``classes``: classes whose public methods may be called.
    """

    names: Mapping[str, object]
    callables: frozenset[object] = field(default_factory=frozenset)
    classes: tuple[type, ...] = ()

    def may_call(self, target: object) -> bool:
        if inspect.ismethod(target):
            owner, function = target.__self__, target.__func__
            return isinstance(owner, self.classes) and not function.__name__.startswith("_")
        try:
            return target in self.callables
        except TypeError:  # an unhashable value is no allowed function
            return False


# Overflow and invalid operations are errors; underflow to zero is not.
def _float_errors() -> np.errstate:
    return np.errstate(divide="raise", over="raise", invalid="raise")


def _small(exponent: object) -> bool:
    """Whether a power's exponent (a number or an array) is at most MAX_EXPONENT in size."""
    try:
        sizes = np.abs(np.asarray(exponent, dtype=float))
    except (OverflowError, ValueError, TypeError):
        return False
    return bool(np.all(sizes <= MAX_EXPONENT))


def _is_number(value: object) -> bool:
    if isinstance(value, bool):
        return False
    return isinstance(value, int | float | np.integer | np.floating | np.ndarray)


class _Evaluator:
    def __init__(self, namespace: Namespace) -> None:
        self.namespace = namespace

    def fail(self, node: ast.AST, message: str) -> ExpressionError:
        return ExpressionError(message, getattr(node, "col_offset", None))

    def eval(self, node: ast.AST, depth: int = 0) -> Any:
        if depth > MAX_DEPTH:
            raise self.fail(node, "the expression is nested too deeply")
        method = getattr(self, f"eval_{type(node).__name__}", None)
        if method is None:
            raise self.fail(node, f"{_describe(node)} is not allowed in a claim's expression")
        return method(node, depth + 1)

    def eval_Constant(self, node: ast.Constant, depth: int) -> Any:
        if node.value is None or isinstance(node.value, bool | int | float | str):
            return node.value
        raise self.fail(node, f"the literal {node.value!r} is not allowed")

    def eval_Name(self, node: ast.Name, depth: int) -> Any:
        if node.id.startswith("_") or node.id not in self.namespace.names:
            known = ", ".join(sorted(self.namespace.names))
            raise self.fail(node, f"unknown name '{node.id}' (known names: {known})")
        return self.namespace.names[node.id]

    def eval_Attribute(self, node: ast.Attribute, depth: int) -> Any:
        if node.attr.startswith("_"):
            raise self.fail(node, f"'{node.attr}': names starting with '_' are not allowed")
        value = self.eval(node.value, depth)
        try:
            return getattr(value, node.attr)
        except Exception as exc:  # a property may raise anything
            raise self.fail(node, f"no attribute '{node.attr}' ({_reason(exc)})") from None

    def eval_Subscript(self, node: ast.Subscript, depth: int) -> Any:
        value = self.eval(node.value, depth)
        if not isinstance(value, list | tuple | dict | str | np.ndarray):
            raise self.fail(node, f"a {type(value).__name__} cannot be indexed")
        index = self.eval(node.slice, depth)
        try:
            return value[index]
        except Exception as exc:
            raise self.fail(node, f"index {index!r} does not work ({_reason(exc)})") from None

    def eval_Slice(self, node: ast.Slice, depth: int) -> slice:
        parts = [None if p is None else self.eval(p, depth) for p in (node.lower, node.upper)]
        step = None if node.step is None else self.eval(node.step, depth)
        return slice(parts[0], parts[1], step)

    def eval_List(self, node: ast.List, depth: int) -> list[Any]:
        return list(self._items(node, node.elts, depth))

    def eval_Tuple(self, node: ast.Tuple, depth: int) -> tuple[Any, ...]:
        return tuple(self._items(node, node.elts, depth))

    def _items(self, node: ast.AST, items: list[ast.expr], depth: int) -> list[Any]:
        if len(items) > MAX_ITEMS:
            raise self.fail(node, f"more than {MAX_ITEMS} items")
        return [self.eval(item, depth) for item in items]

    def eval_UnaryOp(self, node: ast.UnaryOp, depth: int) -> Any:
        op = _UNARY.get(type(node.op))
        if op is None:
            raise self.fail(node, f"{_describe(node.op)} is not allowed")
        value = self.eval(node.operand, depth)
        if not _is_number(value):
            raise self.fail(node, f"{_describe(node.op)} needs a number, not {_kind(value)}")
        return self._checked(node, op, value)

    def eval_BinOp(self, node: ast.BinOp, depth: int) -> Any:
        op = _BINARY.get(type(node.op))
        if op is None:
            raise self.fail(node, f"{_describe(node.op)} is not allowed")
        left, right = self.eval(node.left, depth), self.eval(node.right, depth)
        for value in (left, right):
            if not _is_number(value):
                raise self.fail(node, f"arithmetic needs numbers, not {_kind(value)}")
        if isinstance(node.op, ast.Pow) and not _small(right):
            raise self.fail(node.right, f"a power's exponent must be at most {MAX_EXPONENT}")
        return self._checked(node, op, left, right)

    def _checked(self, node: ast.AST, op: Callable[..., Any], *args: Any) -> Any:
        try:
            with _float_errors():
                result = op(*args)
        except Exception as exc:  # ZeroDivisionError, OverflowError, FloatingPointError...
            raise self.fail(node, f"the arithmetic fails ({_reason(exc)})") from None
        if isinstance(result, int) and result.bit_length() > MAX_INT_BITS:
            raise self.fail(node, "the number is too large")
        return result

    def eval_Call(self, node: ast.Call, depth: int) -> Any:
        function = self.eval(node.func, depth)
        if not self.namespace.may_call(function):
            raise self.fail(node, f"{_callee(node)} cannot be called in a claim's expression")
        args = []
        for arg in node.args:
            if isinstance(arg, ast.Starred):
                raise self.fail(arg, "*arguments are not allowed")
            args.append(self._argument(arg, depth))
        kwargs = {}
        for keyword in node.keywords:
            if keyword.arg is None or keyword.arg.startswith("_"):
                raise self.fail(node, "**arguments and names starting with '_' are not allowed")
            kwargs[keyword.arg] = self._argument(keyword.value, depth)
        try:
            with _float_errors():
                return function(*args, **kwargs)
        except Exception as exc:
            raise self.fail(node, f"{_callee(node)} fails: {_reason(exc)}") from None

    def _argument(self, node: ast.expr, depth: int) -> Any:
        value = self.eval(node, depth)
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_CALL_INT:
            raise self.fail(node, f"integers passed to a function must be at most {MAX_CALL_INT}")
        if callable(value) and not self.namespace.may_call(value):
            raise self.fail(node, "this function cannot be passed in a claim's expression")
        return value


def evaluate(text: str, namespace: Namespace) -> Any:
    """The value of the expression ``text``; raises ExpressionError, and nothing else."""
    if not isinstance(text, str) or not text.strip():
        raise ExpressionError("the expression is empty; write one, like running.w")
    if len(text) > MAX_LENGTH:
        raise ExpressionError(f"the expression is longer than {MAX_LENGTH} characters")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "invalid decimal literal" and the like
            tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as exc:
        col = None if exc.offset is None else max(0, exc.offset - 1)
        raise ExpressionError(f"not a Python expression ({exc.msg})", col) from None
    except (ValueError, RecursionError, MemoryError) as exc:
        raise ExpressionError(f"not a Python expression ({_reason(exc)})") from None
    try:
        return _Evaluator(namespace).eval(tree.body)
    except RecursionError:
        raise ExpressionError("the expression is nested too deeply") from None


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    first = text[0] if text else ""
    name = type(exc).__name__
    return f"{name}: {first}" if first else name


def _describe(node: ast.AST) -> str:
    names = {
        "Compare": "a comparison",
        "BoolOp": "'and'/'or'",
        "IfExp": "'if ... else'",
        "Lambda": "a lambda",
        "JoinedStr": "an f-string",
        "NamedExpr": "':='",
        "Dict": "a mapping literal",
        "Set": "a set literal",
        "ListComp": "a comprehension",
        "SetComp": "a comprehension",
        "DictComp": "a comprehension",
        "GeneratorExp": "a generator",
        "Await": "'await'",
        "Yield": "'yield'",
        "YieldFrom": "'yield'",
        "Starred": "'*'",
        "MatMult": "'@'",
        "BitAnd": "'&'",
        "BitOr": "'|'",
        "BitXor": "'^' (write a power as **)",
        "LShift": "'<<'",
        "RShift": "'>>'",
        "Invert": "'~'",
        "Not": "'not'",
    }
    name = type(node).__name__
    return names.get(name, f"'{name}'")


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "True/False"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list | tuple):
        return "a list"
    if value is None:
        return "None"
    return f"a {type(value).__name__}"


def _callee(node: ast.Call) -> str:
    try:
        return f"'{ast.unparse(node.func)}'"
    except Exception:  # pragma: no cover - unparse of a parsed tree does not fail
        return "this"
